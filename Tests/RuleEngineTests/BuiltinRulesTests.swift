import Foundation
import Testing
@testable import RuleEngine

/// rules/ is the one source of the built-in packs; the binary embeds a generated copy.
@Suite struct BuiltinRulesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func embeddedPacksAreIdenticalToRulesDirectory() throws {
        let rulesDirectory = Self.repository.appendingPathComponent("rules")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path)
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix("plan-") && !$0.hasSuffix(".plan.json") }.sorted()
        #expect(BuiltinRules.files.map(\.name).sorted() == onDisk, "run scripts/gen-builtin-rules")
        #expect(BuiltinRules.files.first?.name == "jwt.json")
        for (name, text) in BuiltinRules.files {
            let file = try String(contentsOf: rulesDirectory.appendingPathComponent(name), encoding: .utf8)
            // A multi-line literal drops the final line break.
            #expect(text + "\n" == file, "rules/\(name) changed: run scripts/gen-builtin-rules")
        }
    }

    /// What `jwt-duplicate-implementation` counts as *calls the library* is exactly what
    /// `jwt-direct-call` reports (`"libraryCalls": "jwt-direct-call"`): key loading
    /// (`jwt.algorithms.RSAAlgorithm.from_jwk`, `jose.importJWK`) is neither.
    @Test func duplicateLibraryCallsAreTheDirectCallList() throws {
        let rules = try RuleLoader.combine(RuleLoader.builtinPacks())
        guard case .forbiddenCall(let calls)? = rules.first(where: { $0.id.rawValue == "jwt-direct-call" })?.match,
              case .duplicateImplementation(let match)? = rules.first(where: { $0.id.rawValue == "jwt-duplicate-implementation" })?.match
        else {
            Issue.record("built-in rules missing")
            return
        }
        #expect(match.libraryCalls.mapValues { $0.map(\.pattern) } == calls.mapValues { $0.map(\.pattern) })
        #expect(match.libraryCalls[.python]?.isEmpty == false)
    }

    @Test func libraryCallsMustNameAForbiddenCallRuleOfThePack() {
        let error = CustomRule.error(kind: "duplicate-implementation", match: #"{ "claims": ["exp"], "libraryCalls": "nope" }"#)
        #expect(error?.contains("\"libraryCalls\" names \"nope\", which is no forbidden-call rule of this pack") == true, "\(error ?? "")")
    }
}
