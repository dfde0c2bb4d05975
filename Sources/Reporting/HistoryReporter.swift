import Foundation
import Model
import PhaseMapping

/// One sampled commit's counts, as `ssotguard history` renders them.
public struct HistorySample: Sendable, Equatable {
    public var commit: String
    /// Committer time, seconds since 1970 (UTC).
    public var time: Int
    public var total: Int
    public var byPhase: [String: Int]
    public var byRule: [String: Int]

    public init(commit: String, time: Int, total: Int, byPhase: [String: Int], byRule: [String: Int]) {
        self.commit = commit
        self.time = time
        self.total = total
        self.byPhase = byPhase
        self.byRule = byRule
    }

    /// `YYYY-MM-DD` (UTC).
    public var day: String { Self.format(time, "yyyy-MM-dd") }
    /// `YYYY-MM-DDTHH:MM:SSZ` (UTC).
    public var timestamp: String { Self.format(time, "yyyy-MM-dd'T'HH:mm:ss'Z'") }

    static func format(_ time: Int, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }
}

/// Renders a history as CSV, JSON or one self-contained HTML page.
public struct HistoryReporter {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json, html
    }

    public var plan: Plan
    public var ruleIDs: [RuleID]
    public var samples: [HistorySample]

    public init(plan: Plan, ruleIDs: [RuleID], samples: [HistorySample]) {
        self.plan = plan
        self.ruleIDs = ruleIDs
        self.samples = samples
    }

    /// Phases in plan order, plus `unplanned` when some sample has unplanned findings.
    var phases: [Phase] {
        samples.contains { $0.byPhase[Phase.unplannedID, default: 0] > 0 } ? plan.phases + [.unplanned] : plan.phases
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .csv: return csv()
        case .json: return json()
        case .html: return HistoryPage(reporter: self).html()
        }
    }

    // MARK: - CSV

    /// One row per sampled commit: commit, date, total, one column per phase, one per rule.
    func csv() -> String {
        let header = ["commit", "date", "total"] + phases.map(\.id) + ruleIDs.map(\.rawValue)
        var out = header.map(Self.csvField).joined(separator: ",") + "\n"
        for sample in samples {
            let row = [sample.commit, sample.timestamp, "\(sample.total)"] + phases.map { "\(sample.byPhase[$0.id, default: 0])" }
                + ruleIDs.map { "\(sample.byRule[$0.rawValue, default: 0])" }
            out += row.map(Self.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// RFC 4180 quoting when a field needs it.
    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }

    // MARK: - JSON

    struct JSONHistory: Encodable {
        struct PhaseInfo: Encodable {
            let id: String
            let title: String
            let due: String?
        }

        struct Sample: Encodable {
            let commit: String
            let date: String
            let total: Int
            let byPhase: [String: Int]
            let byRule: [String: Int]
        }

        let version = 1
        let plan: String
        let phases: [PhaseInfo]
        let samples: [Sample]
    }

    func json() -> String {
        let phases = self.phases
        let document = JSONHistory(
            plan: plan.title, phases: phases.map { .init(id: $0.id, title: $0.title, due: $0.due) },
            samples: samples.map { sample in
                .init(commit: sample.commit, date: sample.timestamp, total: sample.total,
                      byPhase: Dictionary(uniqueKeysWithValues: phases.map { ($0.id, sample.byPhase[$0.id, default: 0]) }),
                      byRule: Dictionary(uniqueKeysWithValues: ruleIDs.map { ($0.rawValue, sample.byRule[$0.rawValue, default: 0]) }))
            })
        return JSONOutput.encode(document)
    }
}
