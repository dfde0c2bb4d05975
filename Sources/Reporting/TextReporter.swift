import Model
import RuleEngine

/// Human-readable report: findings grouped by file, each as
/// `path:line:col: severity[rule-id] message` with the source line and a marker under the
/// finding, then a summary. Colour (ANSI) only when asked for.
public struct TextReporter: Reporter {
    public var color: Bool
    /// Longest stretch of a source line shown; minified files have megabyte-long lines.
    static let snippetWidth = 120

    public init(color: Bool) { self.color = color }

    public func render(_ result: ScanResult) -> String {
        var out = ""
        var previousPath: String?
        // With a baseline, known findings are counted, not listed: the report is about what is new.
        for finding in result.activeFindings where finding.baselineState != .unchanged {
            if let previousPath, previousPath != finding.path { out += "\n" }
            previousPath = finding.path
            out += style(.bold, "\(finding.path):\(finding.location.line):\(finding.location.column):")
            out += " " + style(finding.severity == .error ? .red : finding.severity == .warning ? .yellow : .blue,
                               "\(finding.severity.rawValue)[\(finding.ruleID)]")
            out += " \(finding.message)"
            if let phase = finding.phase { out += " " + style(.dim, "(\(phase))") }
            out += "\n"
            out += snippet(finding)
        }
        if result.activeFindings.contains(where: { $0.baselineState != .unchanged }) { out += "\n" }
        out += duplicateGroups(result)
        out += summary(result)
        return out
    }

    // MARK: - Snippet

    /// `  12 | source line` and `     |   ^^^^` under the finding's first line.
    func snippet(_ finding: Finding) -> String {
        let scalars = Array(finding.lineText.unicodeScalars)
        let start = max(0, finding.location.column - 1)
        let endOnLine = finding.location.endLine == finding.location.line
            ? max(start + 1, finding.location.endColumn - 1) : scalars.count
        // Window the line around the finding.
        var from = 0
        if scalars.count > Self.snippetWidth, start > 40 { from = min(start - 40, max(0, scalars.count - Self.snippetWidth)) }
        let to = min(scalars.count, from + Self.snippetWidth)
        var shown = String(String.UnicodeScalarView(scalars[from..<to]))
        if from > 0 { shown = "…" + shown }
        if to < scalars.count { shown += "…" }
        let number = String(finding.location.line)
        let gutter = String(repeating: " ", count: number.count)
        var padding = from > 0 ? " " : ""
        for scalar in scalars[from..<min(max(from, start), to)] {
            padding.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        let markerLength = max(1, min(endOnLine, to) - max(start, from))
        let marker = String(repeating: "^", count: markerLength)
        return "  \(style(.dim, number + " |")) \(shown)\n  \(style(.dim, gutter + " |")) \(padding)\(style(.red, marker))\n"
    }

    // MARK: - Duplicate groups

    /// One line per group of duplicated implementations (see `DuplicateGrouping`):
    /// "`validate_token` implemented 3 times: a.py:10, b.py:4, c.ts:7", then a blank line.
    func duplicateGroups(_ result: ScanResult) -> String {
        let groups = DuplicateGrouping.groups(in: result.activeFindings)
        guard !groups.isEmpty else { return "" }
        var out = ""
        for group in groups {
            let places = group.places.map { "\($0.path):\($0.location.line)" }.joined(separator: ", ")
            out += style(.bold, "`\(group.name)` implemented \(group.places.count) times:") + " \(places)\n"
        }
        return out + "\n"
    }

    // MARK: - Summary

    func summary(_ result: ScanResult) -> String {
        let active = result.activeFindings
        let total = active.count
        let files = Set(active.map(\.path)).count
        var out: String
        if total == 0 {
            out = "No findings in \(plural(result.filesScanned, "file")) scanned.\n"
        } else {
            let bySeverity = result.countsBySeverity
            let parts = Severity.allCases.reversed().compactMap { severity -> String? in
                guard let count = bySeverity[severity], count > 0 else { return nil }
                return plural(count, severity.rawValue)
            }
            out = "Found \(plural(total, "finding")) (\(parts.joined(separator: ", "))) in \(plural(files, "file"))"
                + " of \(result.filesScanned) scanned.\n"
            let counts = result.countsByRule
            let width = counts.keys.map(\.rawValue.count).max() ?? 0
            for rule in counts.keys.sorted() where counts[rule, default: 0] > 0 {
                let id = rule.rawValue
                out += "  \(id)\(String(repeating: " ", count: width - id.count))  \(counts[rule, default: 0])\n"
            }
            out += phaseSummary(active)
        }
        if let baseline = result.baseline {
            out += "Baseline \(baseline.file): \(baseline.new) new, \(baseline.unchanged) unchanged (not listed), "
                + "\(baseline.fixed.count) fixed.\n"
        }
        let suppressed = result.findings.count - total
        if suppressed > 0 {
            out += "\(plural(suppressed, "finding")) suppressed by inline comments (see --format json).\n"
        }
        if !result.diagnostics.isEmpty {
            out += "\(plural(result.diagnostics.count, "file problem")) reported on stderr.\n"
        }
        return out
    }

    /// `By phase: phase-1.1 59, phase-2.tests 18`, phases by id (`progress` shows plan order).
    func phaseSummary(_ findings: [Finding]) -> String {
        var counts: [String: Int] = [:]
        for finding in findings { if let phase = finding.phase { counts[phase, default: 0] += 1 } }
        guard !counts.isEmpty else { return "" }
        let parts = counts.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { "\($0) \(counts[$0]!)" }
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
