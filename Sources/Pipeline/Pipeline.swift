import Foundation
import Baselines
import Discovery
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
        let baseline = try loadBaseline(options)
        return compare(try await run(options, rules: rules, plan: plan), with: baseline, file: options.baselineFile)
    }

    /// The baseline named by the options, if any; a broken one stops the run.
    public static func loadBaseline(_ options: ScanOptions) throws(PipelineError) -> Baseline? {
        guard let file = options.baselineFile else { return nil }
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
        result.baseline = BaselineSummary(file: file, new: comparison.newCount, unchanged: comparison.unchangedCount,
                                          fixed: comparison.fixed.map { .init(rule: $0.rule, path: $0.path, phase: $0.phase) })
        return result
    }

    /// Runs a scan with rules and plan already loaded.
    public static func run(_ options: ScanOptions, rules: RuleSet, plan: Plan) async throws(PipelineError) -> ScanResult {
        switch options.source {
        case .walk:
            let discovered = try discover(options)
            let outcomes = await scanFiles(discovered.files, rules: rules, prefix: options.rulePathPrefix)
            return assemble(options: options, diagnostics: discovered.diagnostics, outcomes: outcomes, rules: rules, plan: plan,
                            rootDirectory: discovered.root)
        case .staged:
            let (root, files, diagnostics) = try GitChanges.staged(options, discovery: try discoveryOptions(options))
            let outcomes = await scanContents(files, rules: rules, prefix: options.rulePathPrefix)
            return assemble(options: options, diagnostics: diagnostics, outcomes: outcomes, rules: rules, plan: plan,
                            rootDirectory: root)
        case .changedSince(let ref):
            let (root, files) = try GitChanges.changedSince(ref, options, discovery: try discoveryOptions(options))
            let outcomes = await scanFiles(files, rules: rules, prefix: options.rulePathPrefix)
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
        return set
    }

    static func loadRulePacks(_ options: ScanOptions) throws(PipelineError) -> [RulePack] {
        do {
            var packs = options.noBuiltinRules ? [] : try RuleLoader.builtinPacks()
            for file in options.ruleFiles {
                let pack = try RuleLoader.load(file: file)
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

    /// Scans files from disk on all cores; results come back in the order of `files`.
    static func scanFiles(_ files: [SourceFile], rules: RuleSet, prefix: String = "") async -> [FileOutcome] {
        await parallelMap(files.count) { FileScanner.scan(files[$0], rules: rules, pathPrefix: prefix) }
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

    static func assemble(options: ScanOptions, diagnostics: [Diagnostic], outcomes: [FileOutcome],
                         rules: RuleSet, plan: Plan, rootDirectory: String?) -> ScanResult {
        var findings: [Finding] = []
        findings.reserveCapacity(outcomes.reduce(0) { $0 + $1.findings.count })
        for outcome in outcomes { findings += outcome.findings }
        findings.sort(by: Finding.reportOrder)
        let groups = DuplicateGrouping.group(&findings)
        Fingerprints.assign(&findings)
        PhaseAssigner.assign(&findings, plan: plan)
        var diagnostics = diagnostics + outcomes.flatMap(\.diagnostics)
        diagnostics.sort(by: Diagnostic.order)
        let root = options.paths.count == 1 ? options.paths[0] : "."
        var result = ScanResult(root: root, filesScanned: outcomes.filter(\.scanned).count, findings: findings,
                                diagnostics: diagnostics, ruleIDs: rules.rules.map(\.id).sorted(),
                                rules: rules.rules.map(\.info).sorted { $0.id < $1.id }, rootDirectory: rootDirectory)
        result.groups = groups
        return result
    }
}
