import Facts
import Model
import Testing
@testable import RuleEngine

/// The rule's `match` fields are validated with key paths.
@Suite struct DuplicateImplementationLoaderTests {
    static let valid = """
        { "operations": ["*verify*token*"], "delegates": { "python": ["auth.*"] },
          "libraryModules": { "python": ["jwt"] }, "claims": ["exp"], "revocationStores": ["*revoked*"] }
        """

    @Test func aCustomRuleLoadsAndRuns() throws {
        let rule = try CustomRule.load(kind: "duplicate-implementation", match: Self.valid)
        let code = "import jwt\ndef verifyToken(t):\n    return jwt.decode(t)\ndef verify_token(t):\n    return auth.verify(jwt.decode(t))\n"
        #expect(Snippet.hits(code, .python, path: "a.py", rule: rule).count == 1)
        guard case .duplicateImplementation(let match) = rule.match else {
            Issue.record("wrong kind")
            return
        }
        #expect(match.operations.map(\.pattern) == ["*verify*token*"])
        #expect(match.claims == ["exp"])
    }

    /// Operations are optional (evidence decides, names only raise confidence); when given, they
    /// must be real patterns.
    @Test func operationsAreOptionalButWellFormed() {
        #expect(CustomRule.error(kind: "duplicate-implementation", match: #"{ "claims": ["exp"] }"#) == nil)
        #expect(CustomRule.error(kind: "duplicate-implementation", match: #"{ "operations": [], "claims": ["exp"] }"#) == nil)
        #expect(CustomRule.error(kind: "duplicate-implementation", match: #"{ "operations": ["a"] }"#)?
            .contains("needs evidence to look for") == true)
        #expect(CustomRule.error(kind: "duplicate-implementation", match: #"{ "operations": ["a", ""], "claims": ["exp"] }"#)?
            .contains("at \"rules[0].match.operations[1]\": names must not be empty") == true)
        #expect(CustomRule.error(kind: "duplicate-implementation", match: #"{ "operations": ["_*-"], "claims": ["exp"] }"#)?
            .contains("at \"rules[0].match.operations[0]\": pattern \"_*-\" would match every name") == true)
    }

    @Test func wrongTypesAndUnknownKeysNameTheirPath() {
        #expect(CustomRule.error(kind: "duplicate-implementation", match: #"{ "operations": ["a"], "claims": "exp" }"#)?
            .contains("at \"rules[0].match.claims\"") == true)
        #expect(CustomRule.error(kind: "duplicate-implementation",
                                 match: #"{ "operations": ["a"], "libraryModules": { "ruby": ["jwt"] } }"#)?
            .contains("at \"rules[0].match.libraryModules\": unknown key \"ruby\"") == true)
        #expect(CustomRule.error(kind: "duplicate-implementation",
                                 match: #"{ "operations": ["a"], "delegates": { "python": [1] }, "claims": ["exp"] }"#)?
            .contains("at \"rules[0].match.delegates.python[0]\"") == true)
        #expect(CustomRule.error(kind: "duplicate-implementation", match: #"{ "operations": ["a"], "claim": ["exp"] }"#)?
            .contains("unknown key \"claim\"; did you mean \"claims\"?") == true)
    }

    @Test func aRuleNeedsEvidenceToLookFor() {
        #expect(CustomRule.error(kind: "duplicate-implementation", match: #"{ "operations": ["a"], "delegates": { "python": ["x"] } }"#)?
            .contains("needs evidence to look for") == true)
    }

    @Test func normalisedPatterns() {
        let pattern = DuplicateImplementationMatch.NormalizedPattern("*Validate_Token*")
        #expect(pattern.matches("validateAccessToken") == false)
        #expect(pattern.matches("revalidate_token_now"))
        #expect(pattern.matches("ValidateToken"))
        #expect(DuplicateImplementationMatch.NormalizedPattern("extract*user*id*").matches("extract_user_id"))
        #expect(DuplicateImplementationMatch.NormalizedPattern("extract*user*id*").matches("get_extract_user_id") == false)
        #expect(DuplicateImplementationMatch.NormalizedPattern("is*revoked").matches("is-token-revoked"))
    }
}
