import Baselines
import Model
import PhaseMapping

/// `ssotguard progress`: a scan, then per-phase status against an optional earlier snapshot.
public enum Progress {
    public struct Result: Sendable {
        public var plan: Plan
        public var scan: ScanResult
        public var statuses: [PhaseStatus]
    }

    public static func run(_ options: ScanOptions, baseline: String?) async throws(PipelineError) -> Result {
        var options = try Pipeline.resolve(options)
        let baseline = baseline ?? options.baselineFile
        options.baselineFile = nil
        let snapshot: [SnapshotEntry]?
        do {
            snapshot = try baseline.map { file throws(SnapshotError) in try SnapshotReader.read(file: file) }
        } catch {
            throw .baseline(error.description)
        }
        let rules = try Pipeline.loadRuleSet(options)
        let plan = try Pipeline.loadPlan(options, rules: rules.rules)
        let scan = try await Pipeline.run(options, rules: rules, plan: plan)
        return Result(plan: plan, scan: scan, statuses: PhaseProgress.compute(findings: scan.findings, plan: plan, baseline: snapshot))
    }
}
