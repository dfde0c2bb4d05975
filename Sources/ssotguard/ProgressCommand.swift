import Pipeline
import Reporting

/// `ssotguard progress`: per-phase status of the migration plan.
struct ProgressCommand {
    var options = ScanOptions()
    var baseline: String?
    var format = ProgressReporter.Format.text
    var outputFile: String?

    init(_ arguments: [String]) throws(UsageError) {
        var args = Arguments(arguments, command: "progress")
        while let option = args.nextOption() {
            if try ScanOptionParsing.apply(option, &args, to: &options) { continue }
            switch option {
            case "--baseline": baseline = try args.value(for: option)
            case "--format": format = try args.choice(try args.value(for: option), for: option, ProgressReporter.Format.self)
            case "-o", "--output": outputFile = try args.value(for: option)
            default: throw args.unknown(option)
            }
        }
        try ScanOptionParsing.finish(args, &options)
    }

    func run() async -> ExitCode {
        let result: Progress.Result
        do {
            result = try await Progress.run(options, baseline: baseline)
        } catch {
            Output.error(error.description)
            return .toolError
        }
        if Output.reportErrors(result.scan.diagnostics) { return .toolError }
        for diagnostic in result.scan.diagnostics { Output.stderr(diagnostic.formatted + "\n") }
        let report = ProgressReporter(planTitle: result.plan.title, statuses: result.statuses,
                                      filesScanned: result.scan.filesScanned, baseline: baseline).render(format)
        guard Output.deliver(report, to: outputFile) else { return .toolError }
        return .clean
    }
}
