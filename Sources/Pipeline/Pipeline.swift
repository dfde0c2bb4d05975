import Foundation
import Baselines
import Discovery
import JSONC
import Model
import PhaseMapping
import RuleEngine

/// The scan, stage by stage:
/// discover files → lex → extract facts → evaluate rules (and inline suppressions) → group
/// duplicates across files → fingerprints → phases → (baseline: later) → report.
public enum Pipeline {
    /// Runs a scan. Throws only when it cannot start (broken rules or globs); problems with single
    /// files become diagnostics in the result and the scan goes on.
    public static func run(_ options: ScanOptions) async throws(PipelineError) -> ScanResult {
        let options = try resolve(options)
        let rules = try loadRuleSet(options)
        let plan = try loadPlan(options, rules: rules.rules)
        var baseline = try loadBaseline(options)
        if let shard = options.shard, let whole = baseline {
            // A shard answers for its own files: entries of other shards' files are not fixed.
            baseline = Baseline(entries: whole.entries.filter { shard.contains(path: $0.path) })
        }
        return compare(try await run(options, rules: rules, plan: plan), with: baseline, file: options.baselineFile)
    }

    /// The shard record in the JSON report `file` (written by `scan --shard K/N --format json`).
    public static func readShardReport(_ file: String) throws(PipelineError) -> ShardRecord {
        struct Report: Decodable { var shard: ShardRecord? }
        guard let data = FileManager.default.contents(atPath: file) else { throw .merge("\(file): cannot read the report") }
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: data)
        } catch {
            throw .merge("\(file): not a JSON report of ssotguard scan (\(error.localizedDescription))")
        }
        guard let record = report.shard else {
            throw .merge("\(file): not a shard report: write it with 'ssotguard scan --shard K/N --format json'")
        }
        return record
    }

    /// One scan's result from the reports of all its shards, as if one scan had covered them:
    /// duplicates grouped across shards, phases, and the baseline compared once. The rules, plan
    /// and baseline come from `options` as for a scan, and must be the rules the shards ran.
    /// The configuration is looked for from the shards' scan root, as the scan did.
    public static func merge(_ reports: [(file: String, record: ShardRecord)], options: ScanOptions) throws(PipelineError) -> ScanResult {
        guard let (firstFile, first) = reports.first else { throw .merge("merge needs the shard reports to combine") }
        var options = options
        options.paths = [first.root]
        options = try resolve(options)
        let rules = try loadRuleSet(options)
        let plan = try loadPlan(options, rules: rules.rules)
        let baseline = try loadBaseline(options)
        let count = first.shard.count
        let digest = ruleDigest(options)
        var seen: [Int: String] = [:]
        for (file, record) in reports {
            let name = "\(record.shard.index)/\(record.shard.count)"
            if record.tool != ToolInfo.version {
                throw .merge("\(file): written by ssotguard \(record.tool); this is \(ToolInfo.version)")
            }
            if record.shard.count != count { throw .merge("\(file): shard \(name), but \(firstFile) is one of \(count) shards") }
            if let other = seen[record.shard.index] { throw .merge("\(file): shard \(name) is also \(other)") }
            seen[record.shard.index] = file
            if record.rules != digest {
                throw .merge("\(file): scanned with other rules or another configuration than this merge has "
                             + "(run merge where the shards ran, with the same --config, --rules and --no-builtin-rules)")
            }
            if record.root != first.root || record.rootDirectory != first.rootDirectory {
                throw .merge("\(file): scanned \(record.root), but \(firstFile) scanned \(first.root)")
            }
        }
        let missing = (1...count).filter { seen[$0] == nil }
        if !missing.isEmpty {
            throw .merge("missing shard\(missing.count == 1 ? "" : "s") " + missing.map { "\($0)/\(count)" }.joined(separator: ", "))
        }
        var findings = reports.flatMap(\.record.findings)
        findings.sort(by: Finding.reportOrder)
        var diagnostics = reports.flatMap(\.record.diagnostics)
        diagnostics.sort(by: Diagnostic.order)
        let result = assemble(root: first.root, rootDirectory: first.rootDirectory,
                              filesScanned: reports.reduce(0) { $0 + $1.record.filesScanned }, findings: findings,
                              diagnostics: diagnostics, rules: rules, plan: plan)
        return compare(result, with: baseline, file: options.baselineFile)
    }

    /// The baseline named by the options, if any; a broken one stops the run.
    public static func loadBaseline(_ options: ScanOptions) throws(PipelineError) -> Baseline? {
        guard let file = options.baselineFile else { return nil }
        try checkConfiguredFile(file, key: "baseline", options, what: "baseline")
        do {
            return try Baseline.load(file: file)
        } catch {
            throw .baseline(error.description)
        }
    }

    /// Marks findings new or unchanged against `baseline` and records what was fixed.
    static func compare(_ result: ScanResult, with baseline: Baseline?, file: String?) -> ScanResult {
        guard let baseline, let file else { return result }
        var result = result
        let comparison = BaselineComparison.compare(result.findings, with: baseline)
        result.findings = comparison.findings
        result.baseline = BaselineSummary(file: relativeToRoot(file, root: result.rootDirectory), new: comparison.newCount,
                                          unchanged: comparison.unchangedCount,
                                          fixed: comparison.fixed.map { .init(rule: $0.rule, path: $0.path, phase: $0.phase) })
        return result
    }

    /// `file` relative to the scan root when it is inside it (reports never hold the absolute
    /// path of the machine that wrote them), else as given.
    static func relativeToRoot(_ file: String, root: String?) -> String {
        guard let root else { return file }
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        guard absolute.hasPrefix(base + "/") else { return file }
        return String(absolute.dropFirst(base.count + 1))
    }

    /// Runs a scan with rules and plan already loaded.
    public static func run(_ options: ScanOptions, rules: RuleSet, plan: Plan) async throws(PipelineError) -> ScanResult {
        switch options.source {
        case .walk:
            var discovered = try discover(options)
            if let shard = options.shard {
                discovered.files.removeAll { !shard.contains(path: $0.path) }
                discovered.diagnostics.removeAll { !shard.contains(path: $0.path) }
            }
            let (outcomes, cacheDiagnostics) = await scanFiles(discovered.files, rules: rules, options: options)
            return assemble(options: options, diagnostics: discovered.diagnostics + cacheDiagnostics, outcomes: outcomes,
                            rules: rules, plan: plan, rootDirectory: discovered.root)
        case .staged:
            let (root, files, diagnostics) = try GitChanges.staged(options, discovery: try discoveryOptions(options))
            let outcomes = await scanContents(files, rules: rules, prefix: options.rulePathPrefix)
            return assemble(options: options, diagnostics: diagnostics, outcomes: outcomes, rules: rules, plan: plan,
                            rootDirectory: root)
        case .changedSince(let ref):
            var (root, files) = try GitChanges.changedSince(ref, options, discovery: try discoveryOptions(options))
            if let shard = options.shard { files.removeAll { !shard.contains(path: $0.path) } }
            var uncached = options
            uncached.cache = .off  // a few files: the cache of full scans is left alone
            let (outcomes, _) = await scanFiles(files, rules: rules, options: uncached)
            return assemble(options: options, diagnostics: [], outcomes: outcomes, rules: rules, plan: plan, rootDirectory: root)
        }
    }

    /// The options with the project's configuration merged in: its rule packs, include and
    /// exclude globs come first and the command line adds to them; `--plan` and `--baseline` on
    /// the command line win over the file's.
    public static func resolve(_ options: ScanOptions) throws(PipelineError) -> ScanOptions {
        guard !options.noConfig, options.configuration == nil else { return options }
        guard let file = options.configFile ?? Configuration.find(from: options.paths.first ?? ".") else { return options }
        let configuration = try Configuration.load(file: file)
        var merged = options
        merged.configuration = configuration
        merged.ruleFiles = configuration.rulePacks + options.ruleFiles
        merged.noBuiltinRules = options.noBuiltinRules || configuration.noBuiltinRules
        merged.planFile = options.planFile ?? configuration.plan
        merged.includes = configuration.includes + options.includes
        merged.excludes = configuration.excludes + options.excludes
        merged.baselineFile = options.baselineFile ?? configuration.baseline
        merged.rulePathPrefix = Configuration.prefix(of: scanRoot(options.paths), underDirectoryOf: file)
        return merged
    }

    /// The directory reported paths are relative to: a single directory PATH, else the working
    /// directory (file PATHs and several PATHs are reported from there).
    static func scanRoot(_ paths: [String]) -> String {
        var isDirectory: ObjCBool = false
        guard paths.count <= 1 else { return "." }
        let path = paths.first ?? "."
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue ? path : "."
    }

    /// The built-in packs plus `--rules` files (a pack of the same name replaces a built-in one),
    /// with the configuration's rule settings applied.
    public static func loadRules(_ options: ScanOptions) throws(PipelineError) -> [Rule] {
        try loadRuleSet(options).rules
    }

    /// The rules to run, and the secret recognisers masking uses: those of every loaded pack
    /// (a rule disabled by the configuration still recognises secrets) and of the built-in packs.
    /// What counts as test code is what the loaded packs say, plus the configuration's additions.
    public static func loadRuleSet(_ options: ScanOptions) throws(PipelineError) -> RuleSet {
        let packs = try loadRulePacks(options)
        let loaded: [Rule]
        do {
            loaded = try RuleLoader.combine(packs)
        } catch {
            throw .rules(error.description)
        }
        let rules = try options.configuration?.apply(to: loaded) ?? loaded
        var testCode = packs.reduce(TestCode()) { $0.merging($1.testCode) }
        if let extra = options.configuration?.testCode { testCode = testCode.merging(extra) }
        var set = RuleSet(rules: rules, loaded: loaded)
        set.testCode = testCode
        // What the cache and shard records key on (hashing the packs costs a staged scan time).
        if options.cache != .off || options.shard != nil { set.digest = ruleDigest(options) }
        set.usesPrefilter = options.prefilter
        return set
    }

    /// A hash of what the rules are made from: the built-in packs (when used), each `--rules`
    /// file and the configuration file, as written. Nil when the configuration was built in
    /// memory (nothing on disk says what it was).
    static func ruleDigest(_ options: ScanOptions) -> String? {
        var parts = [ToolInfo.version]
        if !options.noBuiltinRules { parts += RuleLoader.builtinTexts }
        func contents(_ file: String) -> String {
            FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        for file in options.ruleFiles { parts += [file, contents(file)] }
        if let configuration = options.configuration {
            guard let file = configuration.file else { return nil }
            parts += [file, contents(file)]
        }
        return SHA256.hex(parts.joined(separator: "\u{1F}"))
    }

    /// A file the configuration names (`key`) that does not exist is an error at that key.
    static func checkConfiguredFile(_ file: String, key: String, _ options: ScanOptions, what: String,
                                    configured: String? = nil) throws(PipelineError) {
        guard let configuration = options.configuration, configured ?? configurationValue(key, configuration) == file,
              !FileManager.default.fileExists(atPath: file) else { return }
        throw .configuration(configuration.located(key, "the \(what) file \(file) does not exist"))
    }

    private static func configurationValue(_ key: String, _ configuration: Configuration) -> String? {
        key == "plan" ? configuration.plan : key == "baseline" ? configuration.baseline : nil
    }

    static func loadRulePacks(_ options: ScanOptions) throws(PipelineError) -> [RulePack] {
        for (index, file) in (options.configuration?.rulePacks ?? []).enumerated() where options.ruleFiles.contains(file) {
            try checkConfiguredFile(file, key: JSONKeyPath.appending(index: index, to: "rulePacks"), options, what: "rule pack",
                                    configured: file)
        }
        do throws(RuleLoadError) {
            var packs = options.noBuiltinRules ? [] : try RuleLoader.builtinPacks()
            for file in options.ruleFiles {
                let pack = try RuleLoader.load(file: file)
                // A pack's examples state what its rules do: one that does not hold is an error.
                let problems = ExampleCheck.problems(in: pack)
                if !problems.isEmpty {
                    let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
                    throw RuleLoadError(problems[0] + more + "; a pack's examples must behave as stated: fix the rule or "
                                        + "the example ('ssotguard rules --check \(file)' lists them)")
                }
                packs.removeAll { $0.name == pack.name }
                packs.append(pack)
            }
            return packs
        } catch {
            throw .rules(error.description)
        }
    }

    /// The built-in plan, or `--plan FILE`; its rule ids must exist among the loaded rules.
    public static func loadPlan(_ options: ScanOptions, rules: [Rule]) throws(PipelineError) -> Plan {
        if let file = options.planFile { try checkConfiguredFile(file, key: "plan", options, what: "plan") }
        do throws(PlanLoadError) {
            let plan: Plan
            if let file = options.planFile {
                plan = try PlanLoader.load(file: file)
            } else {
                plan = try PlanLoader.builtin()
            }
            if options.planFile != nil {
                try PlanLoader.validate(plan, knownRules: Set(rules.flatMap { [$0.id] + $0.aliases }))
            }
            return plan
        } catch {
            throw .plan(error.description)
        }
    }

    static func discover(_ options: ScanOptions) throws(PipelineError) -> DiscoveryResult {
        Discovery.discover(try discoveryOptions(options))
    }

    /// Discovery settings from scan options; invalid globs stop the run.
    static func discoveryOptions(_ options: ScanOptions) throws(PipelineError) -> DiscoveryOptions {
        var discovery = DiscoveryOptions()
        discovery.paths = options.paths.isEmpty ? ["."] : options.paths
        discovery.useGitignore = options.useGitignore
        discovery.maxFileSize = options.maxFileSize
        do {
            discovery.includes = try options.includes.map { pattern throws(GlobError) in try Glob(pattern) }
            discovery.excludes = try options.excludes.map { pattern throws(GlobError) in try Glob(pattern) }
        } catch {
            throw .invalidGlob("\(error)")
        }
        return discovery
    }

    /// Scans files from disk on all cores; results come back in the order of `files`. With a
    /// cache (see `ScanCache`), unchanged files are not scanned again, and the cache is rewritten
    /// when anything in it changed; its problems come back as diagnostics.
    static func scanFiles(_ files: [SourceFile], rules: RuleSet, options: ScanOptions) async -> ([FileOutcome], [Diagnostic]) {
        let prefix = options.rulePathPrefix
        guard let directory = cacheDirectory(options), let key = ScanCache.key(rules: rules, prefix: prefix, options: options) else {
            return (await parallelMap(files.count) { FileScanner.scan(files[$0], rules: rules, pathPrefix: prefix) }, [])
        }
        let runStart = Int64(Date().timeIntervalSince1970 * 1e9)
        let (cache, problem) = ScanCache.open(directory: directory, key: key)
        let results = await parallelMap(files.count) {
            cache.outcome(of: files[$0], rules: rules, pathPrefix: prefix, runStart: runStart)
        }
        var entries: [String: ScanCache.Entry] = [:]
        entries.reserveCapacity(files.count)
        for (file, (_, entry, _)) in zip(files, results) { entries[file.path] = entry }
        var diagnostics = (problem.map { [$0] } ?? []) + results.compactMap(\.2)
        if entries != cache.entries, let failure = cache.save(entries) { diagnostics.append(failure) }
        return (results.map(\.0), diagnostics)
    }

    /// Where the scan cache of `options` lives, if it has one.
    static func cacheDirectory(_ options: ScanOptions) -> String? {
        switch options.cache {
        case .off: return nil
        case .directory(let directory): return directory
        case .automatic:
            let base = options.configuration?.file.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
            return (base ?? FileManager.default.currentDirectoryPath) + "/.ssotguard-cache"
        }
    }

    /// Scans in-memory contents (from git) on all cores, in order.
    static func scanContents(_ files: [(SourceFile, [UInt8])], rules: RuleSet, prefix: String = "") async -> [FileOutcome] {
        await parallelMap(files.count) { index in
            files[index].1.withUnsafeBytes { FileScanner.scan(files[index].0, bytes: $0, rules: rules, pathPrefix: prefix) }
        }
    }

    /// `transform(0..<count)` computed in batches on a task group, reassembled in index order so
    /// the output never depends on scheduling. The only concurrency in the pipeline.
    static func parallelMap<T: Sendable>(_ count: Int, _ transform: @escaping @Sendable (Int) -> T) async -> [T] {
        guard count > 0 else { return [] }
        let batchSize = max(1, min(64, count / 64))
        return await withTaskGroup(of: (Int, [T]).self) { group in
            var start = 0
            while start < count {
                let range = start..<min(count, start + batchSize)
                group.addTask { (range.lowerBound, range.map(transform)) }
                start = range.upperBound
            }
            var results = [T?](repeating: nil, count: count)
            for await (first, batch) in group {
                for (offset, value) in batch.enumerated() { results[first + offset] = value }
            }
            return results.map { $0! }
        }
    }

    /// The scan's result from its files' outcomes: findings in report order, grouped across
    /// files, with phases; a shard's result also keeps its record for `merge`.
    static func assemble(options: ScanOptions, diagnostics: [Diagnostic], outcomes: [FileOutcome],
                         rules: RuleSet, plan: Plan, rootDirectory: String?) -> ScanResult {
        var findings: [Finding] = []
        findings.reserveCapacity(outcomes.reduce(0) { $0 + $1.findings.count })
        for outcome in outcomes { findings += outcome.findings }
        findings.sort(by: Finding.reportOrder)
        var all = diagnostics + outcomes.flatMap(\.diagnostics)
        all.sort(by: Diagnostic.order)
        let root = options.paths.count == 1 ? options.paths[0] : "."
        let filesScanned = outcomes.filter(\.scanned).count
        var result = assemble(root: root, rootDirectory: rootDirectory, filesScanned: filesScanned, findings: findings,
                              diagnostics: all, rules: rules, plan: plan)
        if let shard = options.shard, let digest = rules.digest {
            result.shardRecord = ShardRecord(shard: shard, tool: ToolInfo.version, rules: digest, root: root,
                                             rootDirectory: rootDirectory, filesScanned: filesScanned, findings: findings,
                                             diagnostics: all)
        }
        return result
    }

    /// The result of findings from every file (fingerprinted, in report order): duplicates grouped
    /// across files, phases assigned.
    static func assemble(root: String, rootDirectory: String?, filesScanned: Int, findings: [Finding], diagnostics: [Diagnostic],
                         rules: RuleSet, plan: Plan) -> ScanResult {
        var findings = findings
        let groups = DuplicateGrouping.group(&findings)
        PhaseAssigner.assign(&findings, plan: plan)
        var result = ScanResult(root: root, filesScanned: filesScanned, findings: findings,
                                diagnostics: diagnostics, ruleIDs: rules.rules.map(\.id).sorted(),
                                rules: rules.rules.map(\.info).sorted { $0.id < $1.id }, rootDirectory: rootDirectory)
        result.groups = groups
        result.phaseOrder = plan.phases.map(\.id)
        return result
    }
}
