import Model
import Testing
@testable import PhaseMapping

@Suite struct PhaseProgressTests {
    static let plan = Plan(name: "p", title: "P", description: nil, testPaths: [], phases: [
        Phase(id: "one", title: "One", description: "d", due: "2025-01-01", criteria: [PhaseCriteria(rules: ["a"])],
              done: CompletionCriterion(openFindings: 0, description: "no a")),
        Phase(id: "two", title: "Two", description: "d", due: nil, criteria: [PhaseCriteria(rules: ["b"])],
              done: CompletionCriterion(openFindings: 1, description: "at most one b")),
    ], source: "test")

    static func finding(_ rule: RuleID, _ path: String, _ fingerprint: String, suppressed: Bool = false) -> Finding {
        var finding = Finding(ruleID: rule, severity: .error, message: "m", path: path, range: ByteRange(0, 1),
                              location: SourceLocation(line: 1, column: 1, endLine: 1, endColumn: 2))
        finding.fingerprint = fingerprint
        if suppressed { finding.suppression = Suppression(scope: .line, reason: "r", line: 1) }
        return PhaseAssigner.assign([finding], plan: plan)[0]
    }

    @Test func openFixedNewAndCompletionPerPhase() {
        let findings = [Self.finding("a", "x.py", "f1"), Self.finding("a", "y.py", "f2"), Self.finding("a", "x.py", "f9"),
                        Self.finding("b", "z.py", "f3"), Self.finding("b", "z.py", "f4", suppressed: true),
                        Self.finding("c", "w.py", "f5")]
        let baseline = [SnapshotEntry(fingerprint: "f1", phase: "one"), SnapshotEntry(fingerprint: "f2", phase: "one"),
                        SnapshotEntry(fingerprint: "f7", phase: "one"), SnapshotEntry(fingerprint: "f8", phase: "one"),
                        SnapshotEntry(fingerprint: "f3", phase: "two")]
        let statuses = PhaseProgress.compute(findings: findings, plan: Self.plan, baseline: baseline)
        #expect(statuses.map(\.phase.id) == ["one", "two", "unplanned"])
        let one = statuses[0]
        #expect(one.open == 3)
        #expect(one.openByFile.map(\.path) == ["x.py", "y.py"])
        #expect(one.openByFile.map(\.count) == [2, 1])
        #expect((one.baseline, one.fixed, one.new) == (4, 2, 1))
        #expect(one.percentDone == 50)
        #expect(!one.complete)
        let two = statuses[1]
        #expect((two.open, two.suppressed, two.fixed, two.new) == (1, 1, 0, 0))
        #expect(two.complete)
        #expect(statuses[2].open == 1)
    }

    @Test func withoutBaselineThereIsNoFixedOrNew() {
        let statuses = PhaseProgress.compute(findings: [Self.finding("a", "x.py", "f1")], plan: Self.plan)
        #expect(statuses.map(\.phase.id) == ["one", "two"])
        #expect(statuses[0].fixed == nil)
        #expect(statuses[0].percentDone == nil)
        #expect(statuses[1].complete)
    }
}
