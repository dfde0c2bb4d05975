import Model
import Testing
@testable import RuleEngine

/// Rule files for `hardcoded-secret`: sinks, names, readers and test paths are validated with
/// key paths in the errors.
@Suite struct HardcodedSecretLoadingTests {
    @Test(arguments: [
        (#"{ "secretNames": ["*secret*"] }"#, "missing required key \"sinks\""),
        (#"{ "sinks": {}, "secretNames": ["*secret*"] }"#, "list sinks under \"python\" and/or \"typescript\""),
        (#"{ "sinks": { "python": [ { "call": "jwt.encode" } ] }, "secretNames": ["x"] }"#, "at \"rules[0].match.sinks.python[0]\": a sink needs \"argument\" and/or \"keyword\""),
        (#"{ "sinks": { "python": [ { "call": "jwt.encode", "argument": -1 } ] }, "secretNames": ["x"] }"#, "at \"rules[0].match.sinks.python[0].argument\": argument indices start at 0"),
        (#"{ "sinks": { "python": [ { "call": "", "argument": 1 } ] }, "secretNames": ["x"] }"#, "at \"rules[0].match.sinks.python[0].call\""),
        (#"{ "sinks": { "python": [ { "call": "a", "argument": 1, "propery": "x" } ] }, "secretNames": ["x"] }"#, "unknown key \"propery\"; did you mean \"property\"?"),
        (#"{ "sinks": { "python": [ "jwt.encode" ] }, "secretNames": ["x"] }"#, "at \"rules[0].match.sinks.python[0]\": expected an object"),
        (#"{ "sinks": \#(ForbiddenEnvLoadingTests.sinks) }"#, "missing required key \"secretNames\""),
        (#"{ "sinks": \#(ForbiddenEnvLoadingTests.sinks), "secretNames": ["_-"] }"#, "at \"rules[0].match.secretNames[0]\": a secret name pattern needs a name"),
        (#"{ "sinks": \#(ForbiddenEnvLoadingTests.sinks), "secretNames": ["x"], "testPaths": ["tests/[unclosed"] }"#, "at \"rules[0].match.testPaths[0]\""),
        (#"{ "sinks": \#(ForbiddenEnvLoadingTests.sinks), "secretNames": ["x"], "testSeverity": "fatal" }"#, "at \"rules[0].match.testSeverity\": expected one of \"info\", \"warning\", \"error\""),
        (#"{ "sinks": \#(ForbiddenEnvLoadingTests.sinks), "secretNames": ["x"], "envReaders": { "go": ["os.Getenv"] } }"#, "at \"rules[0].match.envReaders\": unknown key \"go\""),
    ])
    func hardcodedSecretErrors(_ match: String, _ expected: String) {
        let message = ForbiddenEnvLoadingTests.error(kind: "hardcoded-secret", match: match)
        #expect(message?.contains(expected) == true, "\(message ?? "loaded")")
    }
}

/// The secret rules evaluate any token soup without trapping (odd literals, half-built calls).
@Suite struct HardcodedSecretRobustnessTests {
    static let pieces = [
        "jwt", ".", "encode", "sign", "(", ")", ",", "'eyJ.eyJ.'", "'eyJhbGciOiJIUzI1NiJ9.eyJ9.x'", "\"\"", "'k3y-valu3'",
        "JWT_SECRET", "=", "||", "??", "or", "process", "env", "os", "getenv", "[", "]", "{", "}", ":", "secret",
        "\n", "import jwt\n", "import jwt from 'jsonwebtoken';\n", "'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.'",
    ]

    @Test(arguments: [Language.python, .typescript])
    func randomSoupsEvaluate(_ language: Language) {
        var seed: UInt64 = language == .python ? 7 : 11
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let rules = RuleExamplesTests.rules.filter { $0.id == "jwt-hardcoded-secret" || $0.id == "jwt-secret-config" }
        for _ in 0..<300 {
            var code = ""
            for _ in 0..<(1 + next(60)) { code += Self.pieces[next(Self.pieces.count)] + " " }
            for rule in rules {
                for hit in Snippet.hits(code, language, path: "x", rule: rule) {
                    #expect(hit.range.end <= code.utf8.count)
                }
            }
        }
    }
}
