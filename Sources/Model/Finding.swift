/// One rule violation at one place in one file, ready to report.
public struct Finding: Hashable, Sendable {
    public var ruleID: RuleID
    public var severity: Severity
    public var message: String
    /// POSIX path relative to the scan root.
    public var path: String
    public var range: ByteRange
    public var location: SourceLocation
    /// The text of the first line of the finding (without its line break), for text reports.
    public var lineText: String

    public init(ruleID: RuleID, severity: Severity, message: String, path: String, range: ByteRange,
                location: SourceLocation, lineText: String) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.path = path
        self.range = range
        self.location = location
        self.lineText = lineText
    }

    /// The order reports use: path, line, column, rule, message.
    public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.ruleID != rhs.ruleID { return lhs.ruleID < rhs.ruleID }
        return lhs.message < rhs.message
    }
}
