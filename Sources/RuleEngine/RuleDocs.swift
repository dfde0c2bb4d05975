import JSONC
import Model

/// Rule documentation generated from rule data: `ssotguard rules` and the README's rule table.
public enum RuleDocs {
    /// One block per rule: id, severity, kind, summary, why, instead, allowed paths.
    public static func text(_ rules: [Rule]) -> String {
        var out = ""
        for rule in rules {
            out += "\(rule.id) (\(rule.severity.rawValue), \(rule.kind.rawValue), pack \(rule.pack))\n"
            out += "  Security severity \(rule.securitySeverity), precision \(rule.precision.rawValue)"
                + (rule.cwe.isEmpty ? "" : ", " + rule.cwe.joined(separator: ", ")) + "\n"
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

    /// The README's rule tables (between `<!-- rules:start -->` and `<!-- rules:end -->`): one per
    /// pack, in load order.
    public static func markdownTable(_ rules: [Rule]) -> String {
        var packs: [String] = []
        for rule in rules where !packs.contains(rule.pack) { packs.append(rule.pack) }
        var out = ""
        for pack in packs {
            if !out.isEmpty { out += "\n" }
            out += "**Pack `\(pack)`**\n\n"
            out += "| Rule | Severity | Kind | What it flags | Why | Instead | Allowed in |\n"
            out += "|---|---|---|---|---|---|---|\n"
            for rule in rules where rule.pack == pack {
                let allowed = rule.allowedPaths.map { "`\($0)`" }.joined(separator: "<br>")
                let severity = "\(rule.severity.rawValue)<br>security \(rule.securitySeverity)<br>precision \(rule.precision.rawValue)"
                    + rule.cwe.map { "<br>\($0)" }.joined()
                let cells = ["`\(rule.id)`", severity, "`\(rule.kind.rawValue)`", rule.summary, rule.why,
                             rule.instead, allowed.isEmpty ? "—" : allowed]
                out += "| " + cells.map(escapeCell).joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    /// A JSON list of rules (id, pack, kind, severity, securitySeverity, precision, summary, why,
    /// instead, allowedPaths, cwe), one object per rule in load order.
    public static func json(_ rules: [Rule]) -> String {
        let list = rules.map { rule -> JSONNode in
            JSONNode(.object([
                JSONMember("id", .string(rule.id.rawValue)), JSONMember("pack", .string(rule.pack)),
                JSONMember("kind", .string(rule.kind.rawValue)), JSONMember("severity", .string(rule.severity.rawValue)),
                JSONMember("securitySeverity", .string(rule.securitySeverity)),
                JSONMember("precision", .string(rule.precision.rawValue)), JSONMember("summary", .string(rule.summary)),
                JSONMember("why", .string(rule.why)), JSONMember("instead", .string(rule.instead)),
                JSONMember("allowedPaths", .array(rule.allowedPaths.map { JSONNode(.string($0)) })),
                JSONMember("cwe", .array(rule.cwe.map { JSONNode(.string($0)) })),
            ]))
        }
        return JSONC.serialize(.object([JSONMember("rules", .array(list)), JSONMember("version", .number(1))]), pretty: true) + "\n"
    }

    private static func escapeCell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
