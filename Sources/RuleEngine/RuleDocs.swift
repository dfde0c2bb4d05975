import Model

/// Rule documentation generated from rule data: `ssotguard rules` and the README's rule table.
public enum RuleDocs {
    /// One block per rule: id, severity, kind, summary, why, instead, allowed paths.
    public static func text(_ rules: [Rule]) -> String {
        var out = ""
        for rule in rules {
            out += "\(rule.id) (\(rule.severity.rawValue), \(rule.kind.rawValue), pack \(rule.pack))\n"
            out += "  Security severity \(rule.securitySeverity), precision \(rule.precision.rawValue)\n"
            out += "  \(rule.summary)\n"
            out += "  Why: \(rule.why)\n"
            out += "  Instead: \(rule.instead)\n"
            if !rule.allowedPaths.isEmpty {
                out += "  Allowed in: \(rule.allowedPaths.joined(separator: ", "))\n"
            }
            out += "\n"
        }
        out += "\(rules.count) rule\(rules.count == 1 ? "" : "s")\n"
        return out
    }

    /// The README's rule table (between `<!-- rules:start -->` and `<!-- rules:end -->`).
    public static func markdownTable(_ rules: [Rule]) -> String {
        var out = "| Rule | Severity | Kind | What it flags | Why | Instead | Allowed in |\n"
        out += "|---|---|---|---|---|---|---|\n"
        for rule in rules {
            let allowed = rule.allowedPaths.map { "`\($0)`" }.joined(separator: "<br>")
            let severity = "\(rule.severity.rawValue)<br>security \(rule.securitySeverity)<br>precision \(rule.precision.rawValue)"
            let cells = ["`\(rule.id)`", severity, "`\(rule.kind.rawValue)`", rule.summary, rule.why,
                         rule.instead, allowed.isEmpty ? "—" : allowed]
            out += "| " + cells.map(escapeCell).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// A JSON list of rules (id, pack, kind, severity, securitySeverity, precision, summary, why,
    /// instead, allowedPaths).
    public static func json(_ rules: [Rule]) -> String {
        var out = "[\n"
        for (index, rule) in rules.enumerated() {
            let fields: [(String, String)] = [
                ("id", quote(rule.id.rawValue)), ("pack", quote(rule.pack)), ("kind", quote(rule.kind.rawValue)),
                ("severity", quote(rule.severity.rawValue)), ("securitySeverity", quote(rule.securitySeverity)),
                ("precision", quote(rule.precision.rawValue)), ("summary", quote(rule.summary)),
                ("why", quote(rule.why)), ("instead", quote(rule.instead)),
                ("allowedPaths", "[" + rule.allowedPaths.map(quote).joined(separator: ", ") + "]"),
            ]
            out += "  {" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
            out += index == rules.count - 1 ? "\n" : ",\n"
        }
        return out + "]\n"
    }

    private static func escapeCell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
