import Model

/// A finding's identity across edits, for baselines and progress: rule id, POSIX path, the
/// enclosing function or class, and the normalised text of the matched construct (a secret
/// finding uses the SHA-256 of the secret instead), plus an occurrence number among findings with
/// the same key in the same file, so a second identical violation is a new one. No line numbers:
/// inserting lines elsewhere in the file keeps every identity.
public enum Fingerprints {
    public static let version = "ssotguard/v1"

    /// `findings` (in report order) with `fingerprint` set.
    public static func assign(_ findings: [Finding]) -> [Finding] {
        var findings = findings
        assign(&findings)
        return findings
    }

    /// Sets `fingerprint` on `findings` (in report order), in place.
    public static func assign(_ findings: inout [Finding]) {
        var seen: [String: Int] = [:]
        for index in findings.indices {
            let key = key(of: findings[index])
            let occurrence = seen[key, default: 0] + 1
            seen[key] = occurrence
            findings[index].fingerprint = String(SHA256.hex(key).prefix(32)) + ":\(occurrence)"
            // The identity text is only an input of the fingerprint: free it.
            findings[index].matchedText = ""
        }
    }

    /// The identity key before hashing; the rule's own id, never an alias.
    static func key(of finding: Finding) -> String {
        [finding.ruleID.rawValue, finding.path, finding.enclosingSymbol ?? "", finding.matchedText].joined(separator: "\u{1F}")
    }

    /// Whitespace folded: runs of spaces, tabs and line breaks become one space; ends trimmed.
    public static func normalize(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
