import Model

/// A short summary for a pull-request comment: the new findings (all active ones without a
/// baseline) as a table, capped at `limit` rows, then open findings per phase.
///
/// Everything that comes from scanned code or rule data is escaped, so it cannot break the
/// table, inject HTML or mention people (`@org`); source lines are never shown, so no secret is.
public struct MarkdownReporter: Reporter {
    /// Most finding rows shown; the rest are counted ("…and 12 more").
    public var limit: Int

    public init(limit: Int = 25) {
        self.limit = limit
    }

    public func write(_ result: ScanResult, to sink: ReportSink) {
        sink.write(markdown(result))
    }

    func markdown(_ result: ScanResult) -> String {
        let active = result.activeFindings
        let hasBaseline = active.contains { $0.baselineState != nil }
        let new = active.filter { $0.baselineState != .unchanged }
        var out = "### ssotguard: " + headline(new: new.count, open: active.count, hasBaseline: hasBaseline) + "\n\n"
        if !new.isEmpty {
            out += "| Location | Rule | Message |\n|---|---|---|\n"
            for finding in new.prefix(limit) {
                out += "| " + Self.code("\(finding.path):\(finding.location.line)") + " | " + Self.code(finding.ruleID.rawValue)
                    + " | " + Self.escape(finding.message) + " |\n"
            }
            if new.count > limit { out += "\n…and \(new.count - limit) more.\n" }
            out += "\n"
        }
        out += phaseTable(active, hasBaseline: hasBaseline, result: result)
        out += footer(result, active: active.count)
        return out
    }

    func headline(new: Int, open: Int, hasBaseline: Bool) -> String {
        if hasBaseline {
            return new == 0 ? "no new findings (\(plural(open, "open finding")))"
                : "\(plural(new, "new finding")) (\(open) open)"
        }
        return open == 0 ? "no findings" : plural(open, "finding")
    }

    /// Open findings per phase, in plan order; with a baseline, how many of them are new.
    func phaseTable(_ findings: some Collection<Finding>, hasBaseline: Bool, result: ScanResult) -> String {
        guard !findings.isEmpty else { return "" }
        var open: [String: Int] = [:]
        var new: [String: Int] = [:]
        var titles: [String: String] = [:]
        for finding in findings {
            let phase = finding.phase ?? "unplanned"
            open[phase, default: 0] += 1
            if finding.baselineState == .new { new[phase, default: 0] += 1 }
            if let title = finding.phaseTitle { titles[phase] = title }
        }
        var out = hasBaseline ? "| Phase | Open | New |\n|---|---:|---:|\n" : "| Phase | Open |\n|---|---:|\n"
        for phase in result.inPlanOrder(open.keys) {
            var cell = Self.code(phase)
            if let title = titles[phase] { cell += " " + Self.escape(title) }
            out += "| \(cell) | \(open[phase]!) |" + (hasBaseline ? " \(new[phase, default: 0]) |" : "") + "\n"
        }
        return out + "\n"
    }

    func footer(_ result: ScanResult, active: Int) -> String {
        var parts = ["\(plural(result.filesScanned, "file")) scanned"]
        let suppressed = result.findings.count - active
        if suppressed > 0 { parts.append("\(suppressed) suppressed inline") }
        if !result.diagnostics.isEmpty { parts.append("\(TextReporter.diagnosticCounts(result.diagnostics)) (see the log)") }
        return parts.joined(separator: "; ") + ".\n"
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    // MARK: - Escaping

    /// Text safe in a table cell: Markdown punctuation backslash-escaped, HTML as entities, line
    /// breaks as spaces, and `@` followed by a zero-width space so nobody is mentioned.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "~", "|", "#", "!":
                out += "\\" + String(scalar)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "@": out += "@&#8203;"
            case "\n", "\r": out += " "
            default:
                if let escaped = TerminalText.escaped(scalar), scalar != "\t" {
                    out += "\\" + escaped
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `text` as an inline code span in a table cell: fenced with more backticks than it holds,
    /// padded when it starts or ends with one, `|` escaped (tables split cells before code spans).
    static func code(_ text: String) -> String {
        var flat = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                flat += " "
            } else if scalar != "\\", scalar != "\t", let escaped = TerminalText.escaped(scalar) {
                flat += escaped
            } else {
                flat.unicodeScalars.append(scalar)
            }
        }
        var longest = 0, run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + padding + flat.replacing("|", with: "\\|") + padding + fence
    }
}
