import Foundation
import Model
import Testing
@testable import PhaseMapping

@Suite struct BuiltinPlanTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func embeddedPlanIsIdenticalToRulesDirectory() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("rules").path)
            .filter { $0.hasPrefix("plan-") && $0.hasSuffix(".json") }.sorted()
        #expect(BuiltinPlans.files.map(\.name) == onDisk, "run scripts/gen-builtin-rules")
        for (name, text) in BuiltinPlans.files {
            let file = try String(contentsOf: Self.repository.appendingPathComponent("rules/\(name)"), encoding: .utf8)
            #expect(text + "\n" == file, "rules/\(name) changed: run scripts/gen-builtin-rules")
        }
    }

    @Test func builtinPlanEncodesTheRemediationPlan() throws {
        let plan = try PlanLoader.builtin()
        #expect(plan.phases.map(\.id) == ["security", "phase-1.1", "phase-1.2", "phase-2.config", "phase-2.exceptions", "phase-2.legacy",
                                          "phase-2.tests", "phase-2.utils", "phase-2.remaining"])
        #expect(plan.phases[1].done.description == "Zero direct JWT imports in backend production code")
        #expect(plan.phases.allSatisfy { $0.due != nil })
    }

    static func finding(_ rule: RuleID, _ path: String) -> Finding {
        Finding(ruleID: rule, severity: .error, message: "m", path: path, range: ByteRange(0, 1),
                location: SourceLocation(line: 1, column: 1, endLine: 1, endColumn: 2))
    }

    @Test(arguments: [
        ("jwt-direct-call", "netra_backend/app/services/key_manager.py", "phase-1.1"),
        ("jwt-direct-import", "netra_backend/app/services/auth/token_security_validator.py", "phase-1.1"),
        ("jwt-direct-import", "netra_backend/app/middleware/auth_middleware.py", "phase-1.1"),
        ("jwt-direct-call", "netra_backend/app/middleware/auth_middleware.py", "phase-1.2"),
        ("jwt-direct-call", "netra_backend/app/websocket_core/handshake.py", "phase-1.2"),
        ("jwt-hardcoded-secret", "netra_backend/app/core/config.py", "phase-2.config"),
        ("jwt-direct-call", "netra_backend/app/core/config.py", "phase-2.config"),
        ("jwt-direct-import", "netra_backend/tests/test_auth.py", "phase-2.tests"),
        ("jwt-hardcoded-secret", "frontend/src/__tests__/auth.test.ts", "phase-2.tests"),
        ("jwt-direct-call", "netra_backend/app/legacy/session_auth.py", "phase-2.legacy"),
        ("jwt-direct-call", "netra_backend/app/utils/token_helpers.py", "phase-2.utils"),
        ("jwt-duplicate-implementation", "frontend/src/hooks/useSession.ts", "phase-2.remaining"),
    ])
    func builtinPlanAssignsPhases(_ rule: String, _ path: String, _ expected: String) throws {
        let plan = try PlanLoader.builtin()
        #expect(PhaseAssigner.phase(of: Self.finding(RuleID(rule), path), plan: plan).id == expected)
    }
}

@Suite struct PlanLoaderTests {
    func error(_ text: String) -> String? {
        do {
            _ = try PlanLoader.load(bytes: Array(text.utf8), source: "plan.json")
            return nil
        } catch {
            return error.description
        }
    }

    static let minimal = """
        { "version": 1, "plan": "p", "title": "P",
          "phases": [ { "id": "one", "title": "One", "description": "d", "match": [ { "rules": ["a-rule"] } ],
                        "done": { "description": "none left" } } ] }
        """

    @Test func aFindingNoPhaseAcceptsIsUnplanned() throws {
        let plan = try PlanLoader.load(bytes: Array(Self.minimal.utf8), source: "plan.json")
        let assigned = PhaseAssigner.assign([BuiltinPlanTests.finding("a-rule", "x.py"), BuiltinPlanTests.finding("b-rule", "x.py")],
                                            plan: plan)
        #expect(assigned.map(\.phase) == ["one", "unplanned"])
        #expect(assigned.map(\.phaseTitle) == ["One", "Unplanned"])
    }

    @Test func errorsNameTheKeyPath() {
        #expect(error(Self.minimal.replacing("\"one\"", with: "\"Phase One\""))?.contains("at \"phases[0].id\": phase ids are lowercase") == true)
        #expect(error(Self.minimal.replacing("\"title\": \"One\"", with: "\"title\": \"One\", \"due\": \"2025-02-30\""))?
            .contains("expected a date as YYYY-MM-DD") == true)
        #expect(error(Self.minimal.replacing("\"rules\"", with: "\"rulez\""))?.contains("at \"phases[0].match[0]\": unknown key \"rulez\"") == true)
        #expect(error(Self.minimal.replacing("\"version\": 1", with: "\"version\": 3"))?.contains("unsupported plan file version 3") == true)
        #expect(error(Self.minimal.replacing("\"phases\": [", with: "\"phases\": [ { \"id\": \"unplanned\", \"title\": \"U\", \"description\": \"d\", \"match\": [], \"done\": { \"description\": \"x\" } },"))?
            .contains("reserved phase id") == true)
    }

    @Test func unknownRuleIdsAreRejectedAgainstTheLoadedRules() throws {
        let plan = try PlanLoader.load(bytes: Array(Self.minimal.utf8), source: "plan.json")
        #expect(throws: PlanLoadError("plan.json:2:89: at \"phases[0].match[0].rules[0]\": phase \"one\" names unknown rule \"a-rule\"")) {
            try PlanLoader.validate(plan, knownRules: ["other"])
        }
        try PlanLoader.validate(plan, knownRules: ["a-rule"])
    }

    @Test func datesAreChecked() {
        #expect(PlanLoader.isValidDate("2024-02-29"))
        #expect(!PlanLoader.isValidDate("2025-02-29"))
        #expect(!PlanLoader.isValidDate("2025-9-1"))
    }
}
