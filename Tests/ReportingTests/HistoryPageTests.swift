import Foundation
import Model
import PhaseMapping
import Testing
@testable import Reporting

/// The burndown page a lead reads: status first (overdue in red), dated axes, labels that do not
/// collide, sample tables collapsed to their changes.
@Suite struct HistoryPageTests {
    static let day = 86_400
    static let start = 1_757_894_400  // 2025-09-15 00:00 UTC, a Monday

    static func page() throws -> String {
        let plan = try PlanLoader.load(bytes: Array("""
            { "version": 1, "plan": "p", "title": "Plan",
              "phases": [
                { "id": "first", "title": "First", "description": "d", "due": "2025-09-16", "match": [ { "rules": ["a"] } ],
                  "done": { "description": "none left" } },
                { "id": "second", "title": "Second", "description": "d", "due": "2025-09-16", "match": [ { "rules": ["b"] } ],
                  "done": { "description": "none left" } },
                { "id": "third", "title": "Third", "description": "d", "due": "2025-10-30", "match": [ {} ],
                  "done": { "description": "none left" } } ] }
            """.utf8), source: "plan.json")
        // 30 daily samples: `first` burns down to zero on day 10, `second` stays at 3, `third` moves once.
        let samples = (0..<30).map { index in
            HistorySample(commit: String(format: "%040d", index), time: start + index * day + 3_600, total: 0,
                          byPhase: ["first": max(0, 10 - index), "second": 3, "third": index < 20 ? 5 : 4], byRule: [:])
        }
        return HistoryReporter(plan: plan, ruleIDs: ["a", "b"], samples: samples).render(.html)
    }

    @Test func theStatusOfEachPhaseComesFirst() throws {
        let html = try Self.page()
        let status = try #require(html.range(of: "<table class=\"status\">"))
        #expect(status.lowerBound < (html.range(of: "<svg")?.lowerBound ?? html.startIndex))
        #expect(html.contains("<th>Status (as of 2025-10-14)</th>"))
        #expect(html.contains("<tr><td>First</td><td>0</td><td>2025-09-16</td><td><span class=\"done\">done</span></td><td>—</td></tr>"))
        #expect(html.contains("<tr><td>Second</td><td>3</td><td>2025-09-16</td><td><span class=\"overdue\">overdue</span></td><td>—</td></tr>"))
        #expect(html.contains("<tr><td>Third</td><td>4</td><td>2025-10-30</td><td>open</td><td>—</td></tr>"))
    }

    @Test func axesHaveDatesAndATitleAndCloseDueLabelsDoNotCollide() throws {
        let html = try Self.page()
        #expect(html.contains(">open findings</text>"))
        let ticks = HistoryPage.dateTicks(from: Self.start + 3_600, to: Self.start + 45 * Self.day)
        #expect(ticks.count >= 3 && ticks.count <= 9)
        #expect(ticks.allSatisfy { $0 % Self.day == 0 })
        #expect(ticks.map { HistorySample.format($0, "yyyy-MM-dd") }.first == "2025-09-22", "weeks start on Mondays")
        let labels = html.components(separatedBy: "text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">20").count - 1
        #expect(labels >= 3 && labels <= 9)
        // Two due dates on the same day start their labels at different heights.
        #expect(html.components(separatedBy: "rotate(90)\" font-size=\"10\" fill=\"#444\">").dropFirst().count == 3)
        let starts = html.components(separatedBy: "<text transform=\"translate(").dropFirst().map { $0.prefix { $0 != ")" } }
            .filter { !$0.hasPrefix("14,") }
        #expect(Set(starts.map { $0.split(separator: ",").last ?? "" }).count >= 2, "\(starts)")
        #expect(!html.contains("<script") && !html.contains("src="))
    }

    @Test func sampleTablesAreCollapsedToTheirChanges() throws {
        let html = try Self.page()
        #expect(html.contains("<details><summary>12 of 30 samples: the first, the newest and every change</summary>"))
        #expect(html.contains("<details><summary>2 of 30 samples: the first, the newest and every change</summary>"))
        #expect(html.contains("<details><summary>3 of 30 samples: the first, the newest and every change</summary>"))
    }
}
