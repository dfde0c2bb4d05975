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
        let rules = try loadRules(options)
        return try await run(options, rules: rules, plan: try loadPlan(options, rules: rules))
    }

    /// Runs a scan with rules and plan already loaded.
    public static func run(_ options: ScanOptions, rules: [Rule], plan: Plan) async throws(PipelineError) -> ScanResult {
        let discovered = try discover(options)
        let outcomes = await scanFiles(discovered.files, rules: rules)
        return assemble(options: options, discovered: discovered, outcomes: outcomes, rules: rules, plan: plan)
    }

    // MARK: - Stages

    /// The built-in packs plus `--rules` files (a pack of the same name replaces a built-in one).
    public static func loadRules(_ options: ScanOptions) throws(PipelineError) -> [Rule] {
        do {
            var packs = options.noBuiltinRules ? [] : try RuleLoader.builtinPacks()
            for file in options.ruleFiles {
                let pack = try RuleLoader.load(file: file)
                packs.removeAll { $0.name == pack.name }
                packs.append(pack)
            }
            return try RuleLoader.combine(packs)
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

    /// Scans files on all cores; results come back in the order of `files`.
    static func scanFiles(_ files: [SourceFile], rules: [Rule]) async -> [FileOutcome] {
        guard !files.isEmpty else { return [] }
        let batchSize = max(1, min(64, files.count / 64))
        return await withTaskGroup(of: (Int, [FileOutcome]).self) { group in
            var start = 0
            while start < files.count {
                let range = start..<min(files.count, start + batchSize)
                group.addTask {
                    (range.lowerBound, range.map { FileScanner.scan(files[$0], rules: rules) })
                }
                start = range.upperBound
            }
            var outcomes = [FileOutcome](repeating: FileOutcome(), count: files.count)
            for await (first, batch) in group {
                for (offset, outcome) in batch.enumerated() { outcomes[first + offset] = outcome }
            }
            return outcomes
        }
    }

    static func assemble(options: ScanOptions, discovered: DiscoveryResult, outcomes: [FileOutcome],
                         rules: [Rule], plan: Plan) -> ScanResult {
        var findings = outcomes.flatMap(\.findings)
        findings.sort(by: Finding.reportOrder)
        findings = DuplicateGrouping.group(findings)
        findings = Fingerprints.assign(findings)
        findings = PhaseAssigner.assign(findings, plan: plan)
        var diagnostics = discovered.diagnostics + outcomes.flatMap(\.diagnostics)
        diagnostics.sort(by: Diagnostic.order)
        let root = options.paths.count == 1 ? options.paths[0] : "."
        return ScanResult(root: root, filesScanned: outcomes.filter(\.scanned).count, findings: findings,
                          diagnostics: diagnostics, ruleIDs: rules.map(\.id).sorted())
    }
}
