import Model

/// Where one phase stands: what is open, and against an earlier snapshot what was fixed and what
/// is new.
public struct PhaseStatus: Sendable, Equatable {
    public var phase: Phase
    /// Open (unsuppressed) findings in the phase.
    public var open: Int
    public var openByRule: [(rule: RuleID, count: Int)]
    public var openByFile: [(path: String, count: Int)]
    /// Findings suppressed inline (not open, not fixed).
    public var suppressed: Int
    /// Whether the phase's completion criterion holds (`open <= done.openFindings`).
    public var complete: Bool
    /// Against a baseline: entries of this phase then; how many are gone; how many are new now.
    public var baseline: Int?
    public var fixed: Int?
    public var new: Int?

    /// Percent of the baseline's findings fixed (100 when the baseline had none and none are open).
    public var percentDone: Double? {
        guard let baseline, let fixed else { return nil }
        if baseline == 0 { return open == 0 ? 100 : 0 }
        return Double(fixed) * 100 / Double(baseline)
    }

    public static func == (lhs: PhaseStatus, rhs: PhaseStatus) -> Bool {
        lhs.phase == rhs.phase && lhs.open == rhs.open && lhs.suppressed == rhs.suppressed && lhs.complete == rhs.complete
            && lhs.baseline == rhs.baseline && lhs.fixed == rhs.fixed && lhs.new == rhs.new
            && lhs.openByRule.map(\.rule) == rhs.openByRule.map(\.rule) && lhs.openByRule.map(\.count) == rhs.openByRule.map(\.count)
            && lhs.openByFile.map(\.path) == rhs.openByFile.map(\.path) && lhs.openByFile.map(\.count) == rhs.openByFile.map(\.count)
    }
}

/// A finding of an earlier snapshot, as progress compares it: identity and phase.
public struct SnapshotEntry: Hashable, Sendable {
    public var fingerprint: String
    public var phase: String

    public init(fingerprint: String, phase: String) {
        self.fingerprint = fingerprint
        self.phase = phase
    }
}

/// Per-phase progress of a plan, in plan order (then `unplanned` if it has findings).
public enum PhaseProgress {
    public static func compute(findings: [Finding], plan: Plan, baseline: [SnapshotEntry]? = nil) -> [PhaseStatus] {
        let open = findings.filter { $0.suppression == nil }
        let currentFingerprints = Set(open.map(\.fingerprint))
        let baselineFingerprints = Set((baseline ?? []).map(\.fingerprint))
        var phases = plan.phases
        if findings.contains(where: { $0.phase == Phase.unplannedID })
            || (baseline ?? []).contains(where: { $0.phase == Phase.unplannedID }) {
            phases.append(.unplanned)
        }
        return phases.map { phase in
            let mine = open.filter { $0.phase == phase.id }
            var status = PhaseStatus(
                phase: phase, open: mine.count, openByRule: counts(mine.map(\.ruleID.rawValue)).map { (RuleID($0.0), $0.1) },
                openByFile: counts(mine.map(\.path)), suppressed: findings.filter { $0.phase == phase.id && $0.suppression != nil }.count,
                complete: mine.count <= phase.done.openFindings)
            if let baseline {
                let before = baseline.filter { $0.phase == phase.id }
                status.baseline = before.count
                status.fixed = before.filter { !currentFingerprints.contains($0.fingerprint) }.count
                status.new = mine.filter { !baselineFingerprints.contains($0.fingerprint) }.count
            }
            return status
        }
    }

    /// Counts per key, most first, then by key.
    static func counts(_ keys: [String]) -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for key in keys { counts[key, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { ($0.key, $0.value) }
    }
}
