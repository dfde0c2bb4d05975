import Model
import RuleEngine

/// Human-readable report: findings grouped by file, each as
/// `path:line:col: severity[rule-id] message` with the source line and a marker under the
/// finding, then a summary. Colour (ANSI) only when asked for.
public struct TextReporter: Reporter {
    public var color: Bool
    public init(color: Bool) { self.color = color }

    public func write(_ result: ScanResult, to sink: ReportSink) {
        var out = ""
        var previousPath: String?
        // With a baseline, known findings are counted, not listed: the report is about what is new.
        for finding in result.activeFindings where finding.baselineState != .unchanged {
            if let previousPath, previousPath != finding.path { out += "\n" }
            previousPath = finding.path
            out += style(.bold, "\(TerminalText.path(finding.path)):\(finding.location.line):\(finding.location.column):")
            out += " " + style(finding.severity == .error ? .red : finding.severity == .warning ? .yellow : .blue,
                               "\(finding.severity.rawValue)[\(finding.ruleID)]")
            out += " \(TerminalText.escape(finding.message))"
            if let phase = finding.phase { out += " " + style(.dim, "(\(TerminalText.escape(phase)))") }
            out += "\n"
            out += snippet(finding)
            sink.write(out)
            out = ""
        }
        if result.activeFindings.contains(where: { $0.baselineState != .unchanged }) { out += "\n" }
        out += duplicateGroups(result)
        out += summary(result)
        sink.write(out)
    }

    // MARK: - Snippet

    /// `  12 | source line` and `     |   ^^^^` under the finding's first line: the snippet's
    /// window, with control characters escaped (the marker moves with them).
    func snippet(_ finding: Finding) -> String {
        let snippet = finding.snippet
        var shown = snippet.cutBefore ? "…" : ""
        var padding = snippet.cutBefore ? " " : ""
        var marker = ""
        let markerEnd = snippet.markerStart + snippet.markerLength
        var position = 0
        for scalar in snippet.text.unicodeScalars {
            let piece = scalar == "\t" ? "\t" : (TerminalText.escaped(scalar) ?? String(scalar))
            let width = piece.unicodeScalars.count
            if position < snippet.markerStart {
                padding += scalar == "\t" ? "\t" : String(repeating: " ", count: width)
            } else if position < markerEnd {
                marker += String(repeating: "^", count: width)
            }
            shown += piece
            position += 1
        }
        if marker.isEmpty { marker = "^" }
        if snippet.cutAfter { shown += "…" }
        let number = String(finding.location.line)
        let gutter = String(repeating: " ", count: number.count)
        return "  \(style(.dim, number + " |")) \(shown)\n  \(style(.dim, gutter + " |")) \(padding)\(style(.red, marker))\n"
    }

    // MARK: - Duplicate groups

    /// Most places listed on a group's line; the rest are counted.
    static let groupPlaceLimit = 10

    /// One line per group of duplicated implementations with an active member (with a baseline,
    /// a new one: known groups are not news) (see `DuplicateGrouping`): "`validate_token`
    /// implemented 3 times: a.py:10, b.py:4, c.ts:7", then a blank line.
    func duplicateGroups(_ result: ScanResult) -> String {
        let shown = Set(result.activeFindings.filter { $0.baselineState != .unchanged }.compactMap { $0.group?.id })
        let groups = result.groups.filter { shown.contains($0.id) }
        guard !groups.isEmpty else { return "" }
        var out = ""
        for group in groups {
            var places = group.members.prefix(Self.groupPlaceLimit).map { "\(TerminalText.path($0.path)):\($0.location.line)" }
                .joined(separator: ", ")
            if group.members.count > Self.groupPlaceLimit {
                places += " and \(group.members.count - Self.groupPlaceLimit) more (group \(group.id) in --format json)"
            }
            out += style(.bold, "`\(TerminalText.escape(group.name))` implemented \(group.members.count) times:") + " \(places)\n"
        }
        return out + "\n"
    }

    // MARK: - Summary

    /// The headline counts what fails the run: every active finding, or with a baseline the new
    /// ones (`No new findings (334 known, 0 fixed)` first, not `Found 334 findings`).
    func summary(_ result: ScanResult) -> String {
        let baseline = result.baseline
        let active = result.activeFindings.filter { baseline == nil || $0.baselineState != .unchanged }
        let total = active.count
        let files = Set(active.map(\.path)).count
        let adjective = baseline == nil ? "" : "new "
        let known = baseline.map { "; \($0.unchanged) known, \($0.fixed.count) fixed" } ?? ""
        var out: String
        if total == 0 {
            out = baseline.map { "No new findings (\($0.unchanged) known, \($0.fixed.count) fixed) in "
                + "\(plural(result.filesScanned, "file")) scanned.\n" }
                ?? "No findings in \(plural(result.filesScanned, "file")) scanned.\n"
        } else {
            var bySeverity: [Severity: Int] = [:]
            for finding in active { bySeverity[finding.severity, default: 0] += 1 }
            let parts = Severity.allCases.reversed().compactMap { severity -> String? in
                guard let count = bySeverity[severity], count > 0 else { return nil }
                return plural(count, severity.rawValue)
            }
            out = "Found \(plural(total, adjective + "finding")) (\(parts.joined(separator: ", "))) in \(plural(files, "file"))"
                + " of \(result.filesScanned) scanned\(known).\n"
            var counts: [RuleID: Int] = [:]
            for finding in active { counts[finding.ruleID, default: 0] += 1 }
            let width = counts.keys.map(\.rawValue.count).max() ?? 0
            for rule in counts.keys.sorted() where counts[rule, default: 0] > 0 {
                let id = rule.rawValue
                out += "  \(id)\(String(repeating: " ", count: width - id.count))  \(counts[rule, default: 0])\n"
            }
            out += phaseSummary(active, result: result)
        }
        if let baseline = result.baseline {
            out += "Baseline \(TerminalText.path(baseline.file)): \(baseline.new) new, \(baseline.unchanged) unchanged (not listed), "
                + "\(baseline.fixed.count) fixed.\n"
        }
        let suppressed = result.findings.count - result.activeFindings.count
        if suppressed > 0 {
            out += "\(plural(suppressed, "finding")) suppressed by inline comments (see --format json).\n"
        }
        if !result.diagnostics.isEmpty {
            out += "\(Self.diagnosticCounts(result.diagnostics)) reported on stderr.\n"
        }
        return out
    }

    /// `By phase: phase-1.1 59, phase-2.tests 18`, phases in plan order (as `progress` shows them).
    func phaseSummary(_ findings: some Sequence<Finding>, result: ScanResult) -> String {
        var counts: [String: Int] = [:]
        for finding in findings { if let phase = finding.phase { counts[phase, default: 0] += 1 } }
        guard !counts.isEmpty else { return "" }
        let parts = result.inPlanOrder(counts.keys).map { "\($0) \(counts[$0]!)" }
        return "By phase: " + parts.joined(separator: ", ") + " (see 'ssotguard progress')\n"
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    // MARK: - Colour

    enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case yellow = "33"
        case blue = "34"
    }

    func style(_ style: Style, _ text: String) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

extension TextReporter {
    /// `2 file problems`, `1 note`, `1 file problem and 3 notes`: notes (a directory skipped by
    /// default) are not problems.
    static func diagnosticCounts(_ diagnostics: [Diagnostic]) -> String {
        let notes = diagnostics.filter { $0.level == .note }.count
        let problems = diagnostics.count - notes
        func plural(_ count: Int, _ noun: String) -> String { count == 1 ? "1 \(noun)" : "\(count) \(noun)s" }
        let parts = [problems > 0 ? plural(problems, "file problem") : nil, notes > 0 ? plural(notes, "note") : nil]
        return parts.compactMap { $0 }.joined(separator: " and ")
    }
}
