import Foundation
import Model
import PhaseMapping

/// The HTML page of `ssotguard history --format html`: one file, no scripts, no network fetches.
/// A stacked-area burndown of open findings per phase over time (inline SVG) with the plan's due
/// dates as markers, then a table per phase. Every string from the plan or the code is escaped.
struct HistoryPage {
    let reporter: HistoryReporter

    static let colors = ["#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#1f77b4", "#17becf", "#2ca02c", "#7f7f7f", "#bcbd22", "#e377c2"]
    static let width = 960.0
    static let height = 420.0
    static let margin = (left: 56.0, right: 24.0, top: 24.0, bottom: 56.0)

    func html() -> String {
        let title = "\(reporter.plan.title): burndown"
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>\(Self.escape(title))</title>
            <style>
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:1000px}
            h1{font-size:20px}h2{font-size:16px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}
            td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
            .legend span{display:inline-block;margin-right:14px}.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
            .muted{color:#666}.overdue{color:#c00;font-weight:600}.done{color:#2a7d2a}
            details{margin:4px 0 12px}summary{cursor:pointer;color:#333}
            </style></head><body>
            <h1>\(Self.escape(title))</h1>

            """
        let samples = reporter.samples
        if let first = samples.first, let last = samples.last {
            out += "<p class=\"muted\">\(samples.count) sampled commit\(samples.count == 1 ? "" : "s") from \(first.day) "
            out += "to \(last.day); open findings now: <strong>\(last.total)</strong>.</p>\n"
            out += statusTable() + chart() + legend()
        } else {
            out += "<p>No commits in the selected range.</p>\n"
        }
        for phase in reporter.phases { out += table(for: phase) }
        out += "</body></html>\n"
        return out
    }

    // MARK: - Chart

    func chart() -> String {
        let samples = reporter.samples
        let phases = reporter.phases
        // Due dates far outside the sampled range would squeeze the commits into a sliver: only
        // dates within 30 days of it are drawn (the tables below name every due date).
        let first = samples.map(\.time).min() ?? 0
        let last = samples.map(\.time).max() ?? 0
        let dueTimes = phases.compactMap { phase in phase.due.flatMap(Self.time(ofDay:)).map { (phase, $0) } }
            .filter { $0.1 >= first - 30 * 86_400 && $0.1 <= last + 30 * 86_400 }
        let times = samples.map(\.time) + dueTimes.map(\.1)
        let minTime = Double(times.min() ?? 0)
        var maxTime = Double(times.max() ?? 1)
        if maxTime <= minTime { maxTime = minTime + 86_400 }
        let maxCount = max(1, samples.map(\.total).max() ?? 1)
        let yStep = Self.niceStep(for: maxCount, ticks: 4)
        let yMax = Double(yStep * Int((Double(maxCount) / Double(yStep)).rounded(.up)))
        let plotWidth = Self.width - Self.margin.left - Self.margin.right
        let plotHeight = Self.height - Self.margin.top - Self.margin.bottom
        func x(_ time: Int) -> Double { Self.margin.left + (Double(time) - minTime) / (maxTime - minTime) * plotWidth }
        func y(_ count: Double) -> Double { Self.margin.top + plotHeight - count / yMax * plotHeight }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(Self.width))\" height=\"\(Int(Self.height))\" "
        svg += "viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-label=\"Open findings per phase over time\">\n"
        // Grid and y axis labels.
        for step in 0...Int(yMax) / yStep {
            let value = Double(step * yStep)
            svg += "<line x1=\"\(f(Self.margin.left))\" x2=\"\(f(Self.width - Self.margin.right))\" y1=\"\(f(y(value)))\" y2=\"\(f(y(value)))\" stroke=\"#e5e5e5\"/>"
            svg += "<text x=\"\(f(Self.margin.left - 8))\" y=\"\(f(y(value) + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">\(Int(value))</text>\n"
        }
        // Stacked areas, first phase at the bottom; a step chart (counts hold until the next commit).
        var lower = [Double](repeating: 0, count: samples.count)
        for (index, phase) in phases.enumerated() {
            let upper = zip(lower, samples).map { $0 + Double($1.byPhase[phase.id, default: 0]) }
            if upper != lower {
                svg += "<path d=\"\(areaPath(lower: lower, upper: upper, x: x, y: y))\" fill=\"\(Self.colors[index % Self.colors.count])\" "
                svg += "fill-opacity=\"0.75\" stroke=\"\(Self.colors[index % Self.colors.count])\"><title>\(Self.escape(phase.title))</title></path>\n"
            }
            lower = upper
        }
        // Total line and points.
        var total = ""
        for (i, sample) in samples.enumerated() {
            total += (i == 0 ? "M" : "H\(f(x(sample.time)))V") + (i == 0 ? "\(f(x(sample.time))),\(f(y(Double(sample.total))))" : "\(f(y(Double(sample.total))))")
        }
        if let last = samples.last {
            total += "H\(f(min(Self.width - Self.margin.right, x(last.time) + 0.04 * plotWidth)))"
        }
        svg += "<path d=\"\(total)\" fill=\"none\" stroke=\"#111\" stroke-width=\"2\"/>\n"
        // Due dates. Labels run down their markers; a marker within 14 px of the previous one
        // starts its label lower (three levels), so labels of close dates do not overlap.
        var previous = -Double.infinity
        var level = 0
        for (phase, time) in dueTimes.sorted(by: { $0.1 < $1.1 }) {
            let position = x(time)
            level = position - previous < 14 ? (level + 1) % 3 : 0
            previous = position
            svg += "<line x1=\"\(f(position))\" x2=\"\(f(position))\" y1=\"\(f(Self.margin.top))\" y2=\"\(f(Self.margin.top + plotHeight))\" "
            svg += "stroke=\"#444\" stroke-dasharray=\"4 3\"><title>\(Self.escape(phase.title)) due \(Self.escape(phase.due ?? ""))</title></line>"
            svg += "<text transform=\"translate(\(f(position + 2)),\(f(Self.margin.top + 4 + Double(level) * plotHeight / 3))) rotate(90)\" "
            svg += "font-size=\"10\" fill=\"#444\">\(Self.escape(phase.id)) due</text>\n"
        }
        // X axis: date ticks at a round step (1, 2 days, a week, 2 weeks, 1, 2, 3 or 6 months, a year).
        let axisY = Self.margin.top + plotHeight
        svg += "<line x1=\"\(f(Self.margin.left))\" x2=\"\(f(Self.width - Self.margin.right))\" y1=\"\(f(axisY))\" y2=\"\(f(axisY))\" stroke=\"#888\"/>\n"
        for tick in Self.dateTicks(from: Int(minTime), to: Int(maxTime)) {
            svg += "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(axisY))\" y2=\"\(f(axisY + 4))\" stroke=\"#888\"/>"
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(axisY + 18))\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">"
            svg += "\(HistorySample.format(tick, "yyyy-MM-dd"))</text>\n"
        }
        // Y axis title.
        svg += "<text transform=\"translate(14,\(f(Self.margin.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" "
        svg += "font-size=\"12\" fill=\"#333\">open findings</text>\n"
        svg += "<text x=\"\(f(Self.margin.left + plotWidth / 2))\" y=\"\(f(Self.height - 10))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">commit date (UTC)</text>\n"
        svg += "</svg>\n"
        return svg
    }

    /// A stepped band between two stacked series.
    func areaPath(lower: [Double], upper: [Double], x: (Int) -> Double, y: (Double) -> Double) -> String {
        let samples = reporter.samples
        // The newest state holds until "now": draw it a little past the last commit.
        let end = min(Self.width - Self.margin.right, x(samples.last!.time) + 0.04 * (Self.width - Self.margin.left - Self.margin.right))
        var path = "M\(f(x(samples[0].time))),\(f(y(upper[0])))"
        for i in 1..<max(1, samples.count) where samples.count > 1 {
            path += "H\(f(x(samples[i].time)))V\(f(y(upper[i])))"
        }
        path += "H\(f(end))V\(f(y(lower[lower.count - 1])))"
        for i in stride(from: samples.count - 1, through: 1, by: -1) {
            path += "H\(f(x(samples[i].time)))V\(f(y(lower[i - 1])))"
        }
        path += "H\(f(x(samples[0].time)))Z"
        return path
    }

    func legend() -> String {
        var out = "<p class=\"legend\">"
        for (index, phase) in reporter.phases.enumerated() {
            out += "<span><i class=\"swatch\" style=\"background:\(Self.colors[index % Self.colors.count])\"></i>\(Self.escape(phase.title))</span>"
        }
        return out + "<span><i class=\"swatch\" style=\"background:#111\"></i>Total</span></p>\n"
    }

    // MARK: - Status

    /// How many samples the trend looks back over.
    static let trendSamples = 5

    /// One line per phase, first on the page: open now, due date, status (done, on track, or
    /// overdue in red: the due date passed before the newest sampled commit and the phase's
    /// criterion is not met), and the trend over the last `trendSamples` samples. "Now" is the
    /// newest sampled commit, so the page is the same whenever it is generated.
    func statusTable() -> String {
        let samples = reporter.samples
        guard let last = samples.last else { return "" }
        let earlier = samples[max(0, samples.count - Self.trendSamples)]
        var out = "<table class=\"status\"><tr><th>Phase</th><th>Open</th><th>Due</th><th>Status (as of \(Self.escape(last.day)))</th>"
        out += "<th>Trend (last \(min(Self.trendSamples, samples.count)) samples)</th></tr>\n"
        for phase in reporter.phases {
            let open = last.byPhase[phase.id, default: 0]
            let met = open <= phase.done.openFindings
            let overdue = !met && (phase.due.flatMap(Self.time(ofDay:)).map { $0 + 86_400 <= last.time } ?? false)
            let status = met ? "<span class=\"done\">done</span>" : overdue ? "<span class=\"overdue\">overdue</span>" : "open"
            let change = open - earlier.byPhase[phase.id, default: 0]
            let trend = change < 0 ? "▼ \(-change)" : change > 0 ? "▲ \(change)" : "—"
            out += "<tr><td>\(Self.escape(phase.title))</td><td>\(open)</td><td>\(Self.escape(phase.due ?? "–"))</td>"
            out += "<td>\(status)</td><td>\(trend)</td></tr>\n"
        }
        return out + "</table>\n"
    }

    // MARK: - Tables

    /// A phase's heading and description, and its samples collapsed: only the samples where its
    /// count changed (and the first and the newest).
    func table(for phase: Phase) -> String {
        var out = "<h2>\(Self.escape(phase.title)) <span class=\"muted\">(\(Self.escape(phase.id))"
        out += phase.due.map { ", due \(Self.escape($0))" } ?? ""
        out += ")</span></h2>\n<p class=\"muted\">\(Self.escape(phase.description)) Done when: \(Self.escape(phase.done.description)).</p>\n"
        let samples = reporter.samples
        var rows: [HistorySample] = []
        for (index, sample) in samples.enumerated() {
            let count = sample.byPhase[phase.id, default: 0]
            let changed = index == 0 || index == samples.count - 1 || count != samples[index - 1].byPhase[phase.id, default: 0]
            if changed { rows.append(sample) }
        }
        out += "<details><summary>\(rows.count) of \(samples.count) samples: the first, the newest and every change</summary>\n"
        out += "<table><tr><th>Date</th><th>Commit</th><th>Open</th></tr>\n"
        for sample in rows {
            out += "<tr><td>\(Self.escape(sample.day))</td><td><code>\(Self.escape(String(sample.commit.prefix(10))))</code></td>"
            out += "<td>\(sample.byPhase[phase.id, default: 0])</td></tr>\n"
        }
        return out + "</table></details>\n"
    }

    // MARK: - Helpers

    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func time(ofDay day: String) -> Int? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: day).map { Int($0.timeIntervalSince1970) }
    }

    /// Midnights (UTC) from the first round step at or after `start` to `end`, at most 9: the
    /// step is the first of 1, 2, 7, 14, 30, 61, 91, 182 or 365 days that keeps them that few.
    static func dateTicks(from start: Int, to end: Int) -> [Int] {
        let day = 86_400
        guard end > start else { return [start - start % day] }
        let step = [1, 2, 7, 14, 30, 61, 91, 182, 365].map { $0 * day }.first { (end - start) / $0 < 9 } ?? 365 * day
        var tick = (start + day - 1) / day * day
        if step == 7 * day || step == 14 * day {
            // Weeks start on Mondays (1970-01-01 was a Thursday).
            while ((tick / day) + 3) % 7 != 0 { tick += day }
        }
        var ticks: [Int] = []
        while tick <= end, ticks.count < 9 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    /// The grid step: 1, 2 or 5 × 10^k, so that about `ticks` steps cover `value` with whole numbers.
    static func niceStep(for value: Int, ticks: Int) -> Int {
        let raw = max(1, Int((Double(value) / Double(ticks)).rounded(.up)))
        var magnitude = 1
        while magnitude * 10 <= raw { magnitude *= 10 }
        for factor in [1, 2, 5, 10] where factor * magnitude >= raw { return factor * magnitude }
        return 10 * magnitude
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
