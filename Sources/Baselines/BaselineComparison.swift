import Model

/// The findings of a scan compared with a baseline.
public struct BaselineComparison: Sendable {
    /// Findings with `baselineState` set; inline-suppressed findings are accepted in the code and
    /// are neither new nor unchanged (their state stays nil).
    public var findings: [Finding]
    /// Baseline entries no longer found.
    public var fixed: [Baseline.Entry]

    public var newCount: Int { findings.filter { $0.baselineState == .new && $0.suppression == nil }.count }
    public var unchangedCount: Int { findings.filter { $0.baselineState == .unchanged }.count }

    /// Marks each finding new or unchanged and lists what was fixed.
    public static func compare(_ findings: [Finding], with baseline: Baseline) -> BaselineComparison {
        let known = Set(baseline.entries.map(\.fingerprint))
        let marked = findings.map { finding -> Finding in
            var finding = finding
            if finding.suppression == nil {
                finding.baselineState = known.contains(finding.fingerprint) ? .unchanged : .new
            }
            return finding
        }
        let current = Set(findings.map(\.fingerprint))
        return BaselineComparison(findings: marked, fixed: baseline.entries.filter { !current.contains($0.fingerprint) })
    }

    /// The baseline to write now. Fixed entries are dropped (the ratchet only tightens); findings
    /// not in `existing` are added only when `allowNew`, else returned as refused.
    public static func ratchet(_ findings: [Finding], existing: Baseline?, allowNew: Bool) -> (baseline: Baseline, refused: [Finding]) {
        let current = Baseline(findings: findings)
        guard let existing, !allowNew else { return (current, []) }
        let known = Set(existing.entries.map(\.fingerprint))
        let refused = findings.filter { $0.suppression == nil && !known.contains($0.fingerprint) }
        return (Baseline(entries: current.entries.filter { known.contains($0.fingerprint) }), refused)
    }
}
