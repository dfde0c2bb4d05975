import Model

extension Rule {
    /// What reporters need to know about the rule (see `RuleInfo`).
    public var info: RuleInfo {
        RuleInfo(id: id, summary: summary, why: why, instead: instead, severity: severity, kind: kind.rawValue,
                 allowedPaths: allowedPaths, securitySeverity: securitySeverity, precision: precision, pack: pack, cwe: cwe)
    }

    /// `CWE-` followed by digits.
    static func isValidCWE(_ text: String) -> Bool {
        text.hasPrefix("CWE-") && text.count > 4 && text.utf8.dropFirst(4).allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Whether `text` is a `security-severity` GitHub accepts, as we write it: a number from 0.1
    /// to 10.0 with at most one decimal (`"9"`, `"7.5"`, `"10.0"`).
    static func isValidSecuritySeverity(_ text: String) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard isDigits(parts[0]), parts[0].count == 1 || parts[0] == "10" else { return false }
        var tenths = Int(parts[0])! * 10
        if parts.count == 2 {
            guard isDigits(parts[1]), parts[1].count == 1 else { return false }
            tenths += Int(parts[1])!
        }
        return tenths >= 1 && tenths <= 100
    }
}
