#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pipeline
import Reporting

/// `ssotguard history`: per-phase counts over the repository's first-parent history.
struct HistoryCommand {
    var options = History.Options()
    var format = HistoryReporter.Format.csv
    var outputFile: String?

    init(_ arguments: [String]) throws(UsageError) {
        var args = Arguments(arguments, command: "history")
        while let option = args.nextOption() {
            if try ScanOptionParsing.apply(option, &args, to: &options.scan) { continue }
            switch option {
            case "--since": options.since = try Self.date(try args.value(for: option), option)
            case "--until": options.until = try Self.date(try args.value(for: option), option)
            case "--every":
                let value = try args.value(for: option)
                switch value {
                case "day": options.every = .day
                case "week": options.every = .week
                default:
                    guard let n = Int(value), n > 0 else {
                        throw UsageError(message: "--every takes day, week or a number of commits, got '\(value)'", command: "history")
                    }
                    options.every = .commits(n)
                }
            case "--ref": options.ref = try args.value(for: option)
            case "--format": format = try args.choice(try args.value(for: option), for: option, HistoryReporter.Format.self)
            case "-o", "--output": outputFile = try args.value(for: option)
            default: throw args.unknown(option)
            }
        }
        try ScanOptionParsing.finish(args, &options.scan)
        if options.scan.paths.count > 1 {
            throw UsageError(message: "history takes one PATH (a directory in a git repository)", command: "history")
        }
    }

    /// `YYYY-MM-DD` or an ISO 8601 date-time, checked here so git never guesses.
    static func date(_ text: String, _ option: String) throws(UsageError) -> String {
        let bytes = Array(text.utf8)
        let digits = { (range: Range<Int>) in range.allSatisfy { $0 < bytes.count && bytes[$0] >= 48 && bytes[$0] <= 57 } }
        guard bytes.count >= 10, digits(0..<4), bytes[4] == 45, digits(5..<7), bytes[7] == 45, digits(8..<10),
              bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else {
            throw UsageError(message: "\(option) takes a date as YYYY-MM-DD, got '\(text)'", command: "history")
        }
        return text
    }

    func run() async -> ExitCode {
        let showProgress = isatty(STDERR_FILENO) == 1
        let progress: History.ProgressHandler = { done, total in
            Output.stderr(done < total ? "\rhistory: commit \(done + 1) of \(total)…" : "\r\u{1B}[K")
        }
        let result: History.Result
        do throws(PipelineError) {
            result = try await History.run(options, progress: showProgress ? progress : nil)
        } catch {
            Output.error(error.description)
            return .toolError
        }
        let samples = result.points.map {
            HistorySample(commit: $0.commit, time: $0.time, total: $0.total, byPhase: $0.byPhase, byRule: $0.byRule)
        }
        let report = HistoryReporter(plan: result.plan, ruleIDs: result.ruleIDs, samples: samples).render(format)
        guard Output.deliver(report, to: outputFile) else { return .toolError }
        Output.stderr("history: \(samples.count) of \(result.commitsConsidered) commits sampled; "
                      + "\(result.filesScanned) files scanned, \(result.filesCached) answered from the blob cache\n")
        return .clean
    }
}
