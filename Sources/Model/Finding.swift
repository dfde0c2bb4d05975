/// One rule violation at one place in one file, ready to report.
public struct Finding: Hashable, Sendable, Codable {
    public var ruleID: RuleID
    public var severity: Severity
    public var message: String
    /// POSIX path relative to the scan root.
    public var path: String
    public var range: ByteRange
    public var location: SourceLocation
    /// `location` with columns counted in UTF-16 code units (what SARIF's `utf16CodeUnits` and
    /// GitHub expect); nil when the scanner did not compute it (reporters then use `location`).
    public var utf16Location: SourceLocation?
    /// A window of the finding's first line for text reports, secrets already masked.
    public var snippet: Snippet
    /// Other places that belong to this finding, sorted; at most `relatedLimit`.
    public var relatedLocations: [RelatedLocation] = []
    /// Most related locations a finding carries (GitHub shows up to 10).
    public static let relatedLimit = 10
    /// Set when an inline comment suppresses the finding: reported, but not failing the run.
    public var suppression: Suppression?
    /// Findings with the same group key are one group (e.g. implementations of the same token
    /// operation); reporters say "implemented N times". Nil for ungrouped rules.
    public var groupKey: String?
    /// Structural fingerprint for grouping near-copies across files.
    public var shape: ShapeSignature?
    /// What the finding is about, for grouped findings: the function (`TokenService.verify_token`).
    public var subject: String?
    /// The group the finding belongs to (see `ScanResult.groups`), set by grouping.
    public var group: GroupMembership?
    /// The matched construct's text with whitespace folded (`sha256:<hex>` of the secret for
    /// secret findings): part of the finding's identity, never shown.
    public var matchedText: String = ""
    /// Whether the finding's file is test code (by path convention or test-framework import).
    public var isTestCode = false
    /// The function or class around the finding (`TokenService.verify_token`), if any.
    public var enclosingSymbol: String?
    /// Stable identity across edits (see `Fingerprints` in Baselines): `<hash>:<occurrence>`.
    public var fingerprint: String = ""
    /// GitHub's `primaryLocationLineHash` of the finding's first line (see
    /// `PrimaryLocationLineHash` in Baselines), for SARIF `partialFingerprints`; nil if not computed.
    public var primaryLocationLineHash: String?
    /// Against a baseline: whether the finding is new or was already there; nil without a baseline.
    public var baselineState: BaselineState?
    /// The migration-plan phase that owns the finding (`phase-1.1`, `unplanned`), and its title.
    public var phase: String?
    public var phaseTitle: String?

    public init(ruleID: RuleID, severity: Severity, message: String, path: String, range: ByteRange,
                location: SourceLocation, snippet: Snippet = Snippet()) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.path = path
        self.range = range
        self.location = location
        self.snippet = snippet
    }

    /// The order reports use: path, line, column, rule, message.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.message < rhs.message
    }
}
