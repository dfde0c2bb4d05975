import Model
import Pipeline
import Reporting

/// `ssotguard scan`: parse options, run the pipeline, render, choose the exit code.
struct ScanCommand {
    enum FailOn: String, CaseIterable {
        case error, warning, info, none

        var threshold: Severity? {
            switch self {
            case .error: return .error
            case .warning: return .warning
            case .info: return .info
            case .none: return nil
            }
        }
    }

    var options = ScanOptions()
    var format = ReportFormat.text
    var outputFile: String?
    var failOn = FailOn.error
    var color = true

    init(_ arguments: [String]) throws(UsageError) {
        var args = Arguments(arguments, command: "scan")
        while let option = args.nextOption() {
            if try ScanOptionParsing.apply(option, &args, to: &options) { continue }
            switch option {
            case "--format": format = try args.choice(try args.value(for: option), for: option, ReportFormat.self)
            case "-o", "--output": outputFile = try args.value(for: option)
            case "--fail-on-severity": failOn = try args.choice(try args.value(for: option), for: option, FailOn.self)
            case "--no-color": try args.flag(option); color = false
            default: throw UsageError(message: "unknown option '\(option)'", command: "scan")
            }
        }
        try ScanOptionParsing.finish(args, &options)
    }

    func run() async -> ExitCode {
        let result: ScanResult
        do {
            result = try await Pipeline.run(options)
        } catch {
            Output.stderr("ssotguard: error: \(error.description)\n")
            return .toolError
        }
        let useColor = color && format == .text && outputFile == nil && Output.stdoutWantsColor
        let report = format.reporter(color: useColor).render(result)
        // Text and file output show every diagnostic on stderr; with a report on stdout in
        // another format, stderr still gets the errors (they decide the exit code).
        for diagnostic in result.diagnostics where format == .text || outputFile != nil || diagnostic.level == .error {
            Output.stderr(diagnostic.formatted + "\n")
        }
        if let outputFile {
            if let problem = Output.write(report, toFile: outputFile) {
                Output.stderr("ssotguard: error: \(problem)\n")
                return .toolError
            }
        } else {
            Output.stdout(report)
        }
        if result.diagnostics.contains(where: { $0.level == .error }) { return .toolError }
        guard let threshold = failOn.threshold else { return .clean }
        return result.activeFindings.contains { $0.severity >= threshold } ? .findings : .clean
    }
}
