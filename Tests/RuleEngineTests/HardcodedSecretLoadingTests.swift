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
