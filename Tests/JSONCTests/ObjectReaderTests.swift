import Testing
import JSONC

enum Severity: String, CaseIterable { case error, warning, info }

/// The schema error thrown by `body`, or nil (and a recorded issue) if none is.
func schemaError<T>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) -> JSONSchemaError? {
    do {
        let value = try body()
        Issue.record("no schema error; got \(value)", sourceLocation: sourceLocation)
    } catch let error as JSONSchemaError {
        return error
    } catch {
        Issue.record("not a schema error: \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

@Suite struct ObjectReaderTests {
    static let rules = """
        {
          "version": 1,
          "rules": [
            {"id": "a", "severity": "error", "match": {"modules": ["jwt"]}},
            {"id": "b", "severity": "warn", "match": {"modules": ["x", "y", 3]}},
            {"id": "c", "enabled": "yes", "match": {"modulez": []}, "x-owner": {"team-name": 1}}
          ]
        }
        """

    func reader(_ text: String = rules) throws -> JSONObjectReader {
        try JSONObjectReader(JSONC.parse(text))
    }

    // MARK: - Present values

    @Test func requiredAndOptionalValues() throws {
        let r = try reader(#"{"s": "x", "b": true, "i": -3, "i2": 2.0, "d": 1.5, "a": ["p", "q"], "o": {"k": null}, "n": null}"#)
        #expect(try r.string("s") == "x")
        #expect(try r.optionalString("s") == "x")
        #expect(try r.bool("b") == true)
        #expect(try r.optionalBool("b") == true)
        #expect(try r.int("i") == -3)
        #expect(try r.optionalInt("i2") == 2)
        #expect(try r.double("d") == 1.5)
        #expect(try r.optionalDouble("i") == -3)
        #expect(try r.stringArray("a") == ["p", "q"])
        #expect(try r.optionalStringArray("a") == ["p", "q"])
        #expect(try r.array("a").count == 2)
        #expect(try r.optionalArray("a")?.count == 2)
        let o = try r.object("o")
        #expect(o.path == "o")
        #expect(o.keys == ["k"])
        #expect(o.node("k")?.value == .null)
        try o.finish()
        #expect(try r.optionalObject("o")?.position.column == 75)
        #expect(r.node("n")?.value == .null)
        #expect(r.keys == ["s", "b", "i", "i2", "d", "a", "o", "n"])
        try r.finish()
    }

    @Test func absentOptionalsAreNil() throws {
        let r = try reader("{}")
        #expect(try r.optionalString("s") == nil)
        #expect(try r.optionalBool("b") == nil)
        #expect(try r.optionalInt("i") == nil)
        #expect(try r.optionalDouble("d") == nil)
        #expect(try r.optionalStringArray("a") == nil)
        #expect(try r.optionalArray("a") == nil)
        #expect(try r.optionalObject("o") == nil)
        #expect(try r.optionalObjects("os") == nil)
        #expect(try r.optionalEnumValue("e", Severity.self) == nil)
        #expect(r.node("n") == nil)
        #expect(!r.contains("s"))
        try r.finish()
    }

    // MARK: - Errors

    @Test func missingRequiredKeyPointsAtTheObject() throws {
        let rules = try reader().objects("rules")
        let error = schemaError { try rules[2].string("severity") }
        #expect(error == JSONSchemaError(path: "rules[2]", position: TextPosition(offset: 178, line: 6, column: 5), message: "missing required key \"severity\""))
        #expect(error?.description == "6:5: at \"rules[2]\": missing required key \"severity\"")
        let root = try reader("{}")
        #expect(schemaError { try root.int("version") }?.description == "1:1: at the top level: missing required key \"version\"")
    }

    @Test func wrongTypesPointAtTheValue() throws {
        let r = try reader(#"{"s": 1, "b": "yes", "i": 1.5, "big": 1e300, "d": "1", "a": {}, "o": [], "sa": "x", "n": null}"#)
        let cases: [(JSONSchemaError?, String, Int, String)] = [
            (schemaError { try r.string("s") }, "s", 7, "expected a string"),
            (schemaError { try r.optionalString("n") }, "n", 90, "expected a string"),
            (schemaError { try r.bool("b") }, "b", 15, "expected true or false"),
            (schemaError { try r.int("i") }, "i", 27, "expected an integer"),
            (schemaError { try r.optionalInt("big") }, "big", 39, "expected an integer"),
            (schemaError { try r.double("d") }, "d", 51, "expected a number"),
            (schemaError { try r.array("a") }, "a", 61, "expected an array"),
            (schemaError { try r.object("o") }, "o", 70, "expected an object"),
            (schemaError { try r.objects("a") }, "a", 61, "expected an array"),
            (schemaError { try r.stringArray("sa") }, "sa", 80, "expected an array of strings"),
        ]
        for (error, path, column, message) in cases {
            #expect(error == JSONSchemaError(path: path, position: TextPosition(offset: column - 1, line: 1, column: column), message: message))
        }
    }

    @Test func badArrayElementIsNamedByIndex() throws {
        let rules = try reader().objects("rules")
        let match = try rules[1].object("match")
        let error = schemaError { try match.stringArray("modules") }
        #expect(error?.description == "5:69: at \"rules[1].match.modules[2]\": expected an array of strings")
        #expect(match.path(of: "modules", index: 2) == "rules[1].match.modules[2]")
    }

    @Test func objectsMustAllBeObjects() throws {
        let r = try reader(#"{"list": [{}, 2]}"#)
        #expect(schemaError { try r.objects("list") }?.description == "1:15: at \"list[1]\": expected an object")
    }

    @Test func rootMustBeAnObject() throws {
        let error = schemaError { try JSONObjectReader(JSONC.parse("[1]") as JSONNode) }
        #expect(error?.description == "1:1: at the top level: expected an object")
        #expect(schemaError { try JSONObjectReader(JSONNode(.null), path: "x[0]") }?.path == "x[0]")
    }

    // MARK: - Enumerations

    @Test func enumValues() throws {
        let rules = try reader().objects("rules")
        #expect(try rules[0].enumValue("severity", Severity.self) == .error)
        #expect(try rules[0].optionalEnumValue("severity", Severity.self, allowed: [.error, .info]) == .error)
        let error = schemaError { try rules[1].enumValue("severity", Severity.self) }
        #expect(error?.description == "5:29: at \"rules[1].severity\": expected one of \"error\", \"warning\", \"info\"")
        let limited = schemaError { try rules[0].enumValue("severity", Severity.self, allowed: [.warning, .info]) }
        #expect(limited?.message == "expected one of \"warning\", \"info\"")
    }

    @Test func enumValueSuggestsNearMiss() throws {
        let r = try reader(#"{"a": "eror", "b": 3, "c": "Info"}"#)
        #expect(schemaError { try r.enumValue("a", Severity.self) }?.message == "expected one of \"error\", \"warning\", \"info\"; did you mean \"error\"?")
        #expect(schemaError { try r.enumValue("b", Severity.self) }?.message == "expected one of \"error\", \"warning\", \"info\"")
        #expect(schemaError { try r.optionalEnumValue("c", Severity.self) }?.message == "expected one of \"error\", \"warning\", \"info\"; did you mean \"info\"?")
    }

    // MARK: - Unknown keys

    @Test func unknownKeyWithSuggestion() throws {
        let rules = try reader().objects("rules")
        let match = try rules[2].object("match")
        _ = try match.optionalStringArray("modules")
        _ = try match.optionalStringArray("packages")
        let error = schemaError { try match.finish() }
        #expect(error?.description == "6:45: at \"rules[2].match\": unknown key \"modulez\"; did you mean \"modules\"?")
    }

    @Test func unknownKeyListsKnownKeysWhenNothingIsClose() throws {
        let r = try reader(#"{"id": "a", "colour": 1}"#)
        _ = try r.string("id")
        _ = try r.optionalString("severity")
        #expect(schemaError { try r.finish() }?.message == "unknown key \"colour\"; known keys are \"id\", \"severity\"")
        let bare = try reader(#"{"x": 1}"#)
        #expect(schemaError { try bare.finish() }?.message == "unknown key \"x\"")
    }

    @Test func shortKeysNeedACloserMatch() throws {
        let r = try reader(#"{"x": 1, "ix": 2}"#)
        _ = r.node("id")
        #expect(schemaError { try r.finish() }?.message == "unknown key \"x\"; known keys are \"id\"")
        _ = r.node("x")
        #expect(schemaError { try r.finish() }?.message == "unknown key \"ix\"; did you mean \"id\"?")
    }

    @Test func firstUnknownKeyInSourceOrderIsReported() throws {
        let r = try reader("{\"b\": 1,\n \"z\": 2,\n \"a\": 3}")
        _ = r.node("b")
        #expect(schemaError { try r.finish() }?.position == TextPosition(offset: 10, line: 2, column: 2))
    }

    @Test func everyAccessorCountsAsReading() throws {
        let r = try reader(#"{"a": "s", "b": true, "c": 1, "d": 2, "e": [], "f": {}, "g": [], "h": null, "i": [{}], "j": "info"}"#)
        _ = try r.optionalString("a")
        _ = try r.bool("b")
        _ = try r.int("c")
        _ = try r.double("d")
        _ = try r.stringArray("e")
        _ = try r.object("f")
        _ = try r.array("g")
        _ = r.node("h")
        _ = try r.objects("i")
        _ = try r.enumValue("j", Severity.self)
        try r.finish()
    }

    @Test func containsDoesNotCountAsReading() throws {
        let r = try reader(#"{"a": 1}"#)
        #expect(r.contains("a"))
        #expect(schemaError { try r.finish() } != nil)
    }

    // MARK: - Paths

    @Test func nonIdentifierKeysAreQuotedInPaths() throws {
        let rules = try reader().objects("rules")
        let owner = try rules[2].object("x-owner")
        #expect(owner.path == "rules[2][\"x-owner\"]")
        let error = schemaError { try owner.string("team-name") }
        #expect(error?.description == "6:86: at \"rules[2][\"x-owner\"][\"team-name\"]\": expected a string")
    }

    @Test(arguments: [
        ("", "a", "a"), ("a", "b", "a.b"), ("a[3]", "b", "a[3].b"), ("", "x-y", "[\"x-y\"]"),
        ("a", "x-y", "a[\"x-y\"]"), ("a", "", "a[\"\"]"), ("a", "1st", "a[\"1st\"]"), ("a", "_$x9", "a._$x9"),
        ("a", "q\"k", "a[\"q\\\"k\"]"), ("a", "é", "a[\"é\"]"),
    ])
    func keyPaths(_ parent: String, _ key: String, _ expected: String) {
        #expect(JSONKeyPath.appending(key: key, to: parent) == expected)
    }

    @Test func indexPaths() {
        #expect(JSONKeyPath.appending(index: 0, to: "rules") == "rules[0]")
        #expect(JSONKeyPath.appending(index: 2, to: "") == "[2]")
    }

    @Test func loaderErrorsAtAKeyOrTheObject() throws {
        let rules = try reader().objects("rules")
        #expect(rules[1].error("duplicate rule id \"b\"", key: "id").description == "5:12: at \"rules[1].id\": duplicate rule id \"b\"")
        #expect(rules[1].error("rule is empty").description == "5:5: at \"rules[1]\": rule is empty")
        #expect(rules[1].error("absent", key: "nope").path == "rules[1]")
    }

    @Test func errorDescriptionWithFile() throws {
        let error = JSONSchemaError(path: "rules[3].match.modules", position: TextPosition(offset: 0, line: 14, column: 9), message: "expected an array of strings")
        #expect(error.description(file: "rules/jwt.json") == "rules/jwt.json:14:9: at \"rules[3].match.modules\": expected an array of strings")
    }
}
