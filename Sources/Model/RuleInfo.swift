/// A rule as reporters see it: its documentation and how serious and how precise it is. Filled
/// from the loaded rules by the pipeline, so reporters (SARIF's `tool.driver.rules`) need not
/// know the rule engine.
public struct RuleInfo: Hashable, Sendable {
    public var id: RuleID
    /// What the rule flags, in one sentence.
    public var summary: String
    /// Why it matters.
    public var why: String
    /// What to do instead.
    public var instead: String
    public var severity: Severity
    /// The rule's kind as written in rule files (`forbidden-import`, `meta`, ...).
    public var kind: String
    /// Globs (as written) of the modules exempt from the rule: the single source of truth.
    public var allowedPaths: [String]
    /// GitHub's `security-severity`: a score from `"0.1"` to `"10.0"`, kept as written.
    public var securitySeverity: String
    public var precision: RulePrecision
    /// The pack the rule comes from (`jwt`, `jwt-security`), empty when unknown.
    public var pack: String
    /// CWE ids (`CWE-347`).
    public var cwe: [String]

    public init(id: RuleID, summary: String, why: String, instead: String, severity: Severity, kind: String,
                allowedPaths: [String], securitySeverity: String, precision: RulePrecision, pack: String = "",
                cwe: [String] = []) {
        self.pack = pack
        self.cwe = cwe
        self.id = id
        self.summary = summary
        self.why = why
        self.instead = instead
        self.severity = severity
        self.kind = kind
        self.allowedPaths = allowedPaths
        self.securitySeverity = securitySeverity
        self.precision = precision
    }
}

/// How often a rule's findings are true positives (SARIF/GitHub `precision`); code scanning
/// orders and filters alerts by it.
public enum RulePrecision: String, Sendable, CaseIterable, Codable {
    case veryHigh = "very-high"
    case high
    case medium
    case low
}
