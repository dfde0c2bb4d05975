import Foundation
import Model
import PhaseMapping

/// Renders `ssotguard progress`: per phase, in plan order, what is open, whether the phase's
/// completion criterion holds and, against a baseline, what was fixed and what is new.
public struct ProgressReporter {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown, json
    }

    public var planTitle: String
    public var statuses: [PhaseStatus]
    public var filesScanned: Int
    /// The snapshot compared against, as given on the command line.
    public var baseline: String?
    /// How many files each phase lists at most in text and markdown.
    public var fileLimit = 10

    public init(planTitle: String, statuses: [PhaseStatus], filesScanned: Int, baseline: String?) {
        self.planTitle = planTitle
        self.statuses = statuses
        self.filesScanned = filesScanned
        self.baseline = baseline
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: return text()
        case .markdown: return markdown()
        case .json: return json()
        }
    }

    // MARK: - Text

    func text() -> String {
        let esc = TerminalText.escape
        let totalOpen = statuses.reduce(0) { $0 + $1.open }
        var out = "\(esc(planTitle)): \(totalOpen) open finding\(totalOpen == 1 ? "" : "s") in \(filesScanned) files scanned"
        out += baseline.map { " (compared with \(TerminalText.path($0)))" } ?? ""
        out += "\n\n"
        var rows = [["PHASE", "DUE", "OPEN", "FILES", "FIXED", "NEW", "DONE", "CRITERION"]]
        for status in statuses {
            rows.append([esc(status.phase.id), esc(status.phase.due ?? "-"), "\(status.open)", "\(status.openByFile.count)",
                         status.fixed.map(String.init) ?? "-", status.new.map(String.init) ?? "-",
                         status.percentDone.map(Self.percent) ?? "-", status.complete ? "met" : "not met"])
        }
        out += Self.table(rows, rightAligned: [2, 3, 4, 5, 6])
        for status in statuses where status.open > 0 || status.suppressed > 0 {
            out += "\n\(esc(status.phase.id))  \(esc(status.phase.title))\n"
            out += "  criterion: \(esc(status.phase.done.description)) (\(status.complete ? "met" : "not met"))\n"
            out += "  by rule: " + status.openByRule.map { "\($0.rule) \($0.count)" }.joined(separator: ", ") + "\n"
            out += "  by file:\n"
            for (path, count) in status.openByFile.prefix(fileLimit) { out += "    \(count)  \(TerminalText.path(path))\n" }
            if status.openByFile.count > fileLimit { out += "    … and \(status.openByFile.count - fileLimit) more files\n" }
            if status.suppressed > 0 { out += "  suppressed inline: \(status.suppressed)\n" }
        }
        return out
    }

    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    static func percent(_ value: Double) -> String { "\(Int(value.rounded()))%" }

    // MARK: - Markdown

    func markdown() -> String {
        let totalOpen = statuses.reduce(0) { $0 + $1.open }
        var out = "### \(MarkdownReporter.escape(planTitle)): progress\n\n"
        out += "\(totalOpen) open finding\(totalOpen == 1 ? "" : "s") in \(filesScanned) files scanned"
        out += baseline.map { ", compared with `\($0)`" } ?? ""
        out += ".\n\n| Phase | Due | Open | Files | Fixed | New | Done | Completion criterion |\n"
        out += "|---|---|--:|--:|--:|--:|--:|---|\n"
        for status in statuses {
            let cells = ["**\(MarkdownReporter.escape(status.phase.title))** (`\(status.phase.id)`)", status.phase.due ?? "—",
                         "\(status.open)", "\(status.openByFile.count)", status.fixed.map(String.init) ?? "—",
                         status.new.map(String.init) ?? "—", status.percentDone.map(Self.percent) ?? "—",
                         (status.complete ? "✅ " : "⬜ ") + MarkdownReporter.escape(status.phase.done.description)]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        for status in statuses where status.open > 0 {
            out += "\n<details><summary>\(MarkdownReporter.escape(status.phase.title)): \(status.open) open in "
            out += "\(status.openByFile.count) file\(status.openByFile.count == 1 ? "" : "s")</summary>\n\n"
            out += "By rule: " + status.openByRule.map { "`\($0.rule)` \($0.count)" }.joined(separator: ", ") + "\n\n"
            out += "| File | Open |\n|---|--:|\n"
            for (path, count) in status.openByFile.prefix(fileLimit) { out += "| \(MarkdownReporter.code(path)) | \(count) |\n" }
            if status.openByFile.count > fileLimit { out += "| … \(status.openByFile.count - fileLimit) more files | |\n" }
            out += "\n</details>\n"
        }
        return out
    }

    // MARK: - JSON

    struct JSONProgress: Encodable {
        struct Count: Encodable {
            let key: String
            let count: Int
        }

        struct PhaseEntry: Encodable {
            let id: String
            let title: String
            let due: String?
            let criterion: String
            let complete: Bool
            let open: Int
            let suppressed: Int
            let filesTouched: Int
            let byRule: [Count]
            let byFile: [Count]
            let baseline: Int?
            let fixed: Int?
            let new: Int?
            let percentDone: Double?
        }

        let version = 1
        let plan: String
        let filesScanned: Int
        let baseline: String?
        let phases: [PhaseEntry]
    }

    func json() -> String {
        let report = JSONProgress(plan: planTitle, filesScanned: filesScanned, baseline: baseline, phases: statuses.map {
            JSONProgress.PhaseEntry(id: $0.phase.id, title: $0.phase.title, due: $0.phase.due, criterion: $0.phase.done.description,
                                    complete: $0.complete, open: $0.open, suppressed: $0.suppressed,
                                    filesTouched: $0.openByFile.count,
                                    byRule: $0.openByRule.map { .init(key: $0.rule.rawValue, count: $0.count) },
                                    byFile: $0.openByFile.map { .init(key: $0.path, count: $0.count) },
                                    baseline: $0.baseline, fixed: $0.fixed, new: $0.new,
                                    percentDone: $0.percentDone.map { ($0 * 10).rounded() / 10 })
        })
        return JSONOutput.encode(report)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
