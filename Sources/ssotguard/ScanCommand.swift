import Baselines
import Foundation
import Model
import Pipeline
import Reporting

/// `ssotguard scan`: parse options, run the pipeline, render, choose the exit code.
/// `ssotguard merge` is the same command over shard reports instead of files: same rules, plan,
/// baseline, formats and exit codes, as if one scan had covered every shard.
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
    /// Which findings fail the run with a baseline: `new` (default), `any`, `none`.
    enum FailOnBaseline: String, CaseIterable { case new, any, none }
    var failOnBaseline: FailOnBaseline?
    var writeBaseline: String?
    var allowNew = false
    /// SARIF with suppressed and baselined findings too (`--sarif-all`).
    var sarifAll = false
    /// `merge`: the shard reports to combine (nil for `scan`).
    var reports: [String]?

    /// Options that choose files or write files: a merge takes the files its shards scanned.
    static let scanOnlyOptions: Set<String> = ["--include", "--exclude", "--no-ignore", "--max-file-size", "--staged",
                                               "--changed-since", "--write-baseline", "--allow-new", "--no-cache", "--no-prefilter",
                                               "--cache-dir", "--shard"]

    init(_ arguments: [String], command: String = "scan") throws(UsageError) {
        var args = Arguments(arguments, command: command)
        options.cache = .automatic
        while let option = args.nextOption() {
            if command == "merge", Self.scanOnlyOptions.contains(option) {
                throw UsageError(message: "\(option) does not apply to merge: the shards chose and scanned the files", command: command)
            }
            if try ScanOptionParsing.apply(option, &args, to: &options) { continue }
            switch option {
            case "--format": format = try args.choice(try args.value(for: option), for: option, ReportFormat.self)
            case "-o", "--output": outputFile = try args.value(for: option)
            case "--fail-on-severity": failOn = try args.choice(try args.value(for: option), for: option, FailOn.self)
            case "--no-color": try args.flag(option); color = false
            case "--baseline": options.baselineFile = try args.value(for: option)
            case "--staged": try args.flag(option); options.source = .staged
            case "--changed-since": options.source = .changedSince(try args.value(for: option))
            case "--write-baseline": writeBaseline = try args.value(for: option)
            case "--allow-new": try args.flag(option); allowNew = true
            case "--fail-on": failOnBaseline = try args.choice(try args.value(for: option), for: option, FailOnBaseline.self)
            case "--sarif-all": try args.flag(option); sarifAll = true
            case "--no-cache": try args.flag(option); options.cache = .off
            case "--no-prefilter": try args.flag(option); options.prefilter = false
            case "--cache-dir": options.cache = .directory(try args.value(for: option))
            case "--shard": options.shard = try Self.shard(try args.value(for: option), command: command)
            default: throw args.unknown(option)
            }
        }
        if command == "merge" {
            guard !args.positionals.isEmpty else {
                throw UsageError(message: "merge needs the JSON reports of every shard ('scan --shard K/N --format json')",
                                 command: command)
            }
            reports = args.positionals
            options.cache = .off
            if sarifAll, format != .sarif { throw UsageError(message: "--sarif-all only applies to --format sarif", command: command) }
            return
        }
        if options.shard != nil, options.source == .staged {
            throw UsageError(message: "--shard does not go with --staged (a commit's few files are one job)", command: command)
        }
        if sarifAll, format != .sarif {
            throw UsageError(message: "--sarif-all only applies to --format sarif", command: "scan")
        }
        try ScanOptionParsing.finish(args, &options)
        if case .changedSince = options.source, options.paths.count > 1 {
            throw UsageError(message: "--changed-since takes one PATH (a directory in a git repository)", command: "scan")
        }
        if allowNew, writeBaseline == nil {
            throw UsageError(message: "--allow-new goes with --write-baseline", command: "scan")
        }
    }

    /// `K/N` with 1 ≤ K ≤ N.
    static func shard(_ text: String, command: String) throws(UsageError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, count <= 10_000,
              (1...count).contains(index)
        else {
            throw UsageError(message: "--shard needs K/N with 1 <= K <= N (e.g. 2/4), got '\(text)'", command: command)
        }
        return Shard(index: index, count: count)
    }

    func run() async -> ExitCode {
        let result: ScanResult
        do {
            if let reports {
                var records: [(file: String, record: ShardRecord)] = []
                for file in reports { records.append((file, try Pipeline.readShardReport(file))) }
                result = try Pipeline.merge(records, options: options)
            } else {
                var options = try Pipeline.resolve(options)
                // The configured baseline's first writing: there is nothing to compare with yet.
                if let writeBaseline, let configured = options.baselineFile, !FileManager.default.fileExists(atPath: configured),
                   URL(fileURLWithPath: configured).standardizedFileURL == URL(fileURLWithPath: writeBaseline).standardizedFileURL {
                    options.baselineFile = nil
                }
                result = try await Pipeline.run(options)
            }
        } catch {
            Output.error(error.description)
            return .toolError
        }
        // A PATH that is missing or unreadable: the scan is incomplete, so no report at all (a
        // report of what was found would read as a clean or partial pass).
        if Output.reportErrors(result.diagnostics) { return .toolError }
        // A first baseline accepts today's findings: what was written is the news, not a report of
        // findings that are now known (unless a report was asked for in a file or format).
        if let writeBaseline, !FileManager.default.fileExists(atPath: writeBaseline), outputFile == nil, format == .text {
            for diagnostic in result.diagnostics { Output.stderr(diagnostic.formatted + "\n") }
            switch BaselineWriter.write(result, to: writeBaseline, allowNew: allowNew) {
            case .failure(let failure):
                Output.error(failure.message)
                return .toolError
            case .success(let (written, _)):
                Output.stdout(Self.baselineSummary(written, file: writeBaseline, filesScanned: result.filesScanned))
                return .clean
            }
        }
        let useColor = color && format == .text && outputFile == nil && Output.stdoutWantsColor
        let reporter = format.reporter(color: useColor, sarifAll: sarifAll, pathPrefix: Self.pathPrefix(of: result.rootDirectory))
        // Text and file output show every diagnostic on stderr; with a report on stdout in
        // another format, stderr still gets the errors (they decide the exit code).
        for diagnostic in result.diagnostics where format == .text || outputFile != nil || diagnostic.level == .error {
            Output.stderr(diagnostic.formatted + "\n")
        }
        guard Output.deliver(to: outputFile, { reporter.write(result, to: $0) }) else { return .toolError }
        if let sarif = reporter as? SARIFReporter, case let omitted = sarif.omittedResults(result), omitted > 0 {
            Output.stderr("ssotguard: warning: \(omitted) SARIF results left out: a run holds at most \(sarif.resultLimit) "
                          + "(GitHub's limit); the most severe were kept (see --format json for all)\n")
        }
        if let writeBaseline {
            switch BaselineWriter.write(result, to: writeBaseline, allowNew: allowNew) {
            case .failure(let failure):
                Output.error(failure.message)
                return .toolError
            case .success(let (_, refused)) where refused > 0:
                Output.stderr("ssotguard: \(refused) finding\(refused == 1 ? " is" : "s are") not in \(writeBaseline) and "
                              + "\(refused == 1 ? "was" : "were") not added; fix \(refused == 1 ? "it" : "them") or pass --allow-new\n")
                return .findings
            case .success:
                break
            }
        }
        guard let threshold = failOn.threshold else { return .clean }
        let failing = result.activeFindings.filter { $0.severity >= threshold }
        switch failOnBaseline ?? (result.baseline == nil ? .any : .new) {
        case .new: return failing.contains { $0.baselineState != .unchanged } ? .findings : .clean
        case .any: return failing.isEmpty ? .clean : .findings
        case .none: return .clean
        }
    }

    /// `Wrote baseline F: 334 findings in 41 files (of 7,239 scanned) ...`, with counts by rule.
    static func baselineSummary(_ baseline: Baseline, file: String, filesScanned: Int) -> String {
        var counts: [String: Int] = [:]
        for entry in baseline.entries { counts[entry.rule, default: 0] += 1 }
        let files = Set(baseline.entries.map(\.path)).count
        var out = "Wrote baseline \(TerminalText.path(file)): \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") "
            + "in \(files) file\(files == 1 ? "" : "s") (of \(filesScanned) scanned) accepted as known; "
            + "scans with --baseline \(TerminalText.path(file)) fail only on new ones.\n"
        let width = counts.keys.map(\.count).max() ?? 0
        for rule in counts.keys.sorted() {
            out += "  \(rule)\(String(repeating: " ", count: width - rule.count))  \(counts[rule, default: 0])\n"
        }
        return out
    }

    /// The scan root relative to the working directory, ending in `/` (empty when they are the
    /// same): what GitHub annotation paths, relative to the repository root, need in front.
    static func pathPrefix(of rootDirectory: String?) -> String {
        guard let root = rootDirectory, let cwd = Output.currentDirectory(), root != cwd else { return "" }
        if cwd == "/" { return String(root.dropFirst()) + "/" }
        if root.hasPrefix(cwd + "/") { return String(root.dropFirst(cwd.count + 1)) + "/" }
        return root + "/"
    }
}
