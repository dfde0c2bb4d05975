import Model
import Testing
@testable import RuleEngine

/// Rule files for `forbidden-env` (and the shared helpers for `hardcoded-secret`): every `match`
/// key is read, and mistakes name their key path.
@Suite struct ForbiddenEnvLoadingTests {
    static func pack(kind: String, match: String) -> String {
        """
        {
          "version": 1,
          "pack": "secrets",
          "rules": [{
            "id": "custom-secret-rule",
            "kind": "\(kind)",
            "severity": "error",
            "summary": "s", "why": "w", "instead": "i",
            "match": \(match),
            "examples": { "violating": [ { "language": "python", "code": "x = 1\\n" } ] }
          }]
        }
        """
    }

    static func error(kind: String, match: String) -> String? {
        do {
            _ = try RuleLoader.load(text: pack(kind: kind, match: match), source: "custom.json")
            return nil
        } catch {
            return error.description
        }
    }

    static let sinks = #"{ "python": [ { "call": "jwt.encode", "argument": 1 } ] }"#

    @Test func validMatchesLoad() throws {
        let env = try RuleLoader.load(text: Self.pack(kind: "forbidden-env", match: """
            { "settings": ["JWT_SECRET", "*_JWT_SECRET"], "readers": { "python": ["os.getenv"] }, "attributeReads": false }
            """), source: "custom.json")
        guard case .forbiddenEnv(let match) = env.rules[0].match else { Issue.record("kind"); return }
        #expect(match.settings == ["JWT_SECRET", "*_JWT_SECRET"])
        #expect(match.attributeReads == false)
        let secret = try RuleLoader.load(text: Self.pack(kind: "hardcoded-secret", match: """
            { "sinks": \(Self.sinks), "secretNames": ["*secret*"] }
            """), source: "custom.json")
        guard case .hardcodedSecret(let secretMatch) = secret.rules[0].match else { Issue.record("kind"); return }
        #expect(secretMatch.sinks[.python] == [.init(call: "jwt.encode", argument: 1)])
        #expect(secretMatch.testSeverity == nil)
    }

    @Test(arguments: [
        (#"{ "readers": { "python": ["os.getenv"] } }"#, "missing required key \"settings\""),
        (#"{ "settings": [], "readers": { "python": ["os.getenv"] } }"#, "at \"rules[0].match.settings\": list at least one setting name"),
        (#"{ "settings": ["JWT SECRET"], "readers": { "python": ["os.getenv"] } }"#, "at \"rules[0].match.settings[0]\""),
        (#"{ "settings": ["X"] }"#, "missing required key \"readers\""),
        (#"{ "settings": ["X"], "readers": { "ruby": ["ENV"] } }"#, "at \"rules[0].match.readers\": unknown key \"ruby\""),
        (#"{ "settings": ["X"], "readers": { "python": [""] } }"#, "at \"rules[0].match.readers.python[0]\": names must not be empty"),
        (#"{ "settings": ["X"], "readers": { "python": ["a"] }, "attributeReads": "yes" }"#, "at \"rules[0].match.attributeReads\": expected true or false"),
        (#"{ "settings": ["X"], "readers": { "python": ["a"] }, "attributeRead": true }"#, "unknown key \"attributeRead\"; did you mean \"attributeReads\"?"),
    ])
    func forbiddenEnvErrors(_ match: String, _ expected: String) {
        let message = Self.error(kind: "forbidden-env", match: match)
        #expect(message?.contains(expected) == true, "\(message ?? "loaded")")
    }
}
