/// Everything a scan produced, in report order; what reporters render.
public struct ScanResult: Sendable {
    /// The directory reported paths are relative to, as given on the command line (or `.`).
    public var root: String
    public var filesScanned: Int
    /// Sorted with `Finding.reportOrder`.
    public var findings: [Finding]
    /// Sorted with `Diagnostic.order`.
    public var diagnostics: [Diagnostic]
    /// Ids of the rules that were run, sorted (so summaries can show rules with zero findings).
    public var ruleIDs: [RuleID]
    /// Set when the scan was compared with a baseline.
    public var baseline: BaselineSummary?
    /// What reporters need to know about each rule that ran (SARIF's rule metadata), sorted by id.
    public var rules: [RuleInfo]
    /// The absolute directory reported paths are relative to (the scan root), when known.
    public var rootDirectory: String?
    /// Groups of findings that are one problem in several places (duplicated implementations),
    /// each with its full membership; findings point at them by id.
    public var groups: [FindingGroup] = []
    /// The plan's phase ids in plan order: reports list phases in this order (others after them,
    /// by id).
    public var phaseOrder: [String] = []
    /// Set by a `--shard K/N` scan: what `ssotguard merge` combines.
    public var shardRecord: ShardRecord?

    public init(root: String, filesScanned: Int, findings: [Finding], diagnostics: [Diagnostic], ruleIDs: [RuleID],
                rules: [RuleInfo] = [], rootDirectory: String? = nil) {
        self.root = root
        self.filesScanned = filesScanned
        self.findings = findings
        self.diagnostics = diagnostics
        self.ruleIDs = ruleIDs
        self.rules = rules
        self.rootDirectory = rootDirectory
    }

    /// `phases` in plan order (see `phaseOrder`), the others after them by id.
    public func inPlanOrder(_ phases: some Sequence<String>) -> [String] {
        let rank = Dictionary(phaseOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return phases.sorted { a, b in
            switch (rank[a], rank[b]) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.utf8.lexicographicallyPrecedes(b.utf8)
            }
        }
    }

    /// Findings not suppressed by an inline comment: what counts and fails a run.
    public var activeFindings: LazyFilterSequence<[Finding]> { findings.lazy.filter { $0.suppression == nil } }

    /// Active findings per rule id, for every rule that ran.
    public var countsByRule: [RuleID: Int] {
        var counts = Dictionary(uniqueKeysWithValues: ruleIDs.map { ($0, 0) })
        for finding in findings where finding.suppression == nil { counts[finding.ruleID, default: 0] += 1 }
        return counts
    }

    /// Active findings per severity.
    public var countsBySeverity: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for finding in findings where finding.suppression == nil { counts[finding.severity, default: 0] += 1 }
        return counts
    }
}
