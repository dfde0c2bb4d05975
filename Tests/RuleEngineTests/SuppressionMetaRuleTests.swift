import Model
import Testing
@testable import RuleEngine

/// The meta-rules are ordinary rules in a built-in pack, with a kind of their own.
@Suite struct SuppressionMetaRuleTests {
    static func metaRule(id: String = "suppression-unused", extra: String = "") -> String {
        """
        {
          "id": "\(id)",
          "kind": "meta",
          "severity": "info",
          "summary": "s", "why": "w", "instead": "i",\(extra)
          "examples": { "violating": [ { "language": "python", "code": "import os  # ssotguard: ignore[x] -- r\\n" } ] }
        }
        """
    }

    func load(_ rule: String) -> Result<RulePack, RuleLoadError> {
        Result { () throws(RuleLoadError) in
            try RuleLoader.load(text: RuleLoaderTests.pack(rule), source: "custom.json")
        }
    }

    @Test func builtinPackHasBothMetaRulesAsWarnings() {
        let rules = SuppressionTests.builtin.filter { $0.kind == .meta }
        #expect(rules.map(\.id) == Suppressions.metaRuleIDs)
        #expect(rules.allSatisfy { $0.severity == .warning && $0.pack == "ssotguard" && $0.match == .meta })
        #expect(rules.allSatisfy { !$0.violatingExamples.isEmpty && !$0.compliantExamples.isEmpty })
    }

    @Test func evaluatorSkipsMetaRules() {
        #expect(SuppressionTests.hits("import os  # ssotguard: ignore[jwt-direct-import]\n",
                                      rules: SuppressionTests.rules.filter { $0.kind == .meta }).count == 1)
        let meta = SuppressionTests.builtin.filter { $0.kind == .meta }
        #expect(Snippet.hits("import jwt\n", .python, path: "x.py", rule: meta[0]).isEmpty)
    }

    @Test func aUserPackMayRedefineAMetaRule() throws {
        let pack = try load(Self.metaRule()).get()
        #expect(pack.rules.first?.severity == .info)
        #expect(pack.rules.first?.match == .meta)
    }

    @Test func metaIsReservedForTheKnownIds() {
        #expect(load(Self.metaRule(id: "my-meta")).errorText?.contains(
            "at \"rules[0].kind\": kind \"meta\" is reserved for ssotguard's own rules (suppression-invalid, suppression-unused)") == true)
    }

    @Test func metaRulesTakeNoMatchAndNoAllowedPaths() {
        #expect(load(Self.metaRule(extra: "\n  \"match\": {},")).errorText?.contains("unknown key \"match\"") == true)
        #expect(load(Self.metaRule(extra: "\n  \"allowedPaths\": [\"x/**\"],")).errorText?.contains(
            "meta rules apply to every file and take no allowedPaths") == true)
    }

    @Test func otherKindsStillNeedAMatch() {
        let rule = RuleLoaderTests.validRule.replacing("\"match\": { \"calls\": { \"python\": [\"hashlib.md5\"] } },", with: "")
        #expect(load(rule).errorText?.contains("match") == true)
    }
}

extension Result where Failure == RuleLoadError {
    var errorText: String? {
        if case .failure(let error) = self { return error.description }
        return nil
    }
}
