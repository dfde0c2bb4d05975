import Model
import Testing
@testable import RuleEngine

/// Broken rule files are errors that name the file, the line and column, and the key path.
@Suite struct RuleLoaderTests {
    static let validRule = """
        {
          "id": "md5-outside-crypto",
          "kind": "forbidden-call",
          "severity": "warning",
          "summary": "MD5 used outside the crypto module.",
          "why": "One place decides hashing.",
          "instead": "Use app.crypto.digest().",
          "match": { "calls": { "python": ["hashlib.md5"] } },
          "allowedPaths": ["app/crypto/**"],
          "examples": { "violating": [ { "language": "python", "code": "import hashlib\\nhashlib.md5(b'x')\\n" } ] }
        }
        """

    static func pack(_ rules: String, extra: String = "") -> String {
        "// custom pack\n{\n  \"version\": 1,\n  \"pack\": \"crypto\",\(extra)\n  \"rules\": [\(rules)],\n}\n"
    }

    func error(_ text: String) -> String? {
        do {
            _ = try RuleLoader.load(text: text, source: "custom.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aValidCustomPackLoadsAndRuns() throws {
        let pack = try RuleLoader.load(text: Self.pack(Self.validRule), source: "custom.json")
        #expect(pack.name == "crypto")
        #expect(pack.rules.map(\.id) == ["md5-outside-crypto"])
        let rule = pack.rules[0]
        #expect(Snippet.hits("import hashlib\nhashlib.md5(b'x')\n", .python, path: "app/api.py", rule: rule).count == 1)
        #expect(Snippet.hits("import hashlib\nhashlib.md5(b'x')\n", .python, path: "app/crypto/hash.py", rule: rule).isEmpty)
        #expect(Snippet.hits("import hashlib\nhashlib.sha256(b'x')\n", .python, path: "app/api.py", rule: rule).isEmpty)
    }

    @Test func syntaxErrorsNameFileLineAndColumn() {
        #expect(error("{\n  \"version\": 1,\n  \"pack\": 'x'\n}") == "custom.json:3:11: strings must be double-quoted, not single-quoted")
    }

    @Test func unknownKeysAreErrorsWithSuggestions() {
        let text = Self.pack(Self.validRule.replacing("\"allowedPaths\"", with: "\"allowedPath\""))
        #expect(error(text)?.hasPrefix("custom.json:13:3: at \"rules[0]\": unknown key \"allowedPath\"") == true)
        #expect(error(text)?.contains("did you mean \"allowedPaths\"?") == true)
    }

    /// A misspelt required key is named as the misspelling, not as a missing key.
    @Test func aMisspeltRequiredKeyIsNamedAtTheTypo() throws {
        let text = Self.pack(Self.validRule.replacing("\"severity\"", with: "\"severty\""))
        let message = try #require(error(text))
        #expect(message.contains("at \"rules[0]\": unknown key \"severty\"; did you mean \"severity\"? (it is required)"), "\(message)")
        #expect(!message.contains("missing required key"))
    }

    @Test func unknownKeysInsideMatchAreErrors() {
        let text = Self.pack(Self.validRule.replacing("\"calls\": {", with: "\"calls\": { \"ruby\": [\"x\"],"))
        #expect(error(text)?.contains("at \"rules[0].match.calls\": unknown key \"ruby\"") == true)
    }

    @Test func duplicateIdsAreErrors() {
        #expect(error(Self.pack(Self.validRule + "," + Self.validRule))?.contains("duplicate rule id \"md5-outside-crypto\"") == true)
    }

    @Test func duplicateIdsAcrossPacksAreErrors() throws {
        let a = try RuleLoader.load(text: Self.pack(Self.validRule), source: "a.json")
        var b = a
        b.source = "b.json"
        #expect(throws: RuleLoadError("b.json: duplicate rule id \"md5-outside-crypto\" (also in a.json)")) {
            try RuleLoader.combine([a, b])
        }
    }

    @Test func badGlobsAreErrorsAtTheirIndex() {
        let text = Self.pack(Self.validRule.replacing("[\"app/crypto/**\"]", with: "[\"ok/**\", \"app/[crypto\"]"))
        #expect(error(text)?.contains("at \"rules[0].allowedPaths[1]\": invalid glob 'app/[crypto'") == true)
    }

    @Test func wrongTypesNameTheKeyPath() {
        let text = Self.pack(Self.validRule.replacing("[\"hashlib.md5\"]", with: "[\"hashlib.md5\", 5]"))
        #expect(error(text)?.contains("at \"rules[0].match.calls.python[1]\": expected an array of strings") == true)
    }

    @Test func badEnumValuesListTheAllowedOnes() {
        let text = Self.pack(Self.validRule.replacing("\"warning\"", with: "\"critical\""))
        #expect(error(text)?.contains("at \"rules[0].severity\"") == true)
        #expect(error(text)?.contains("\"error\"") == true)
    }

    @Test func badIdsVersionsAndMissingExamplesAreErrors() {
        #expect(error(Self.pack(Self.validRule.replacing("md5-outside-crypto", with: "MD5_Rule")))?.contains("kebab-case") == true)
        #expect(error(Self.pack(Self.validRule).replacing("\"version\": 1", with: "\"version\": 2"))?
            .contains("unsupported rule file version 2") == true)
        let noExamples = Self.validRule.replacing(
            "{ \"violating\": [ { \"language\": \"python\", \"code\": \"import hashlib\\nhashlib.md5(b'x')\\n\" } ] }",
            with: "{ \"violating\": [] }")
        #expect(error(Self.pack(noExamples))?.contains("at least one violating example") == true)
        #expect(error(Self.pack(Self.validRule.replacing("\"summary\"", with: "\"sumary\"")))?
            .contains("unknown key \"sumary\"; did you mean \"summary\"? (it is required)") == true)
        #expect(error(Self.pack(Self.validRule.replacing("\"summary\": \"MD5 used outside the crypto module.\",", with: "")))?
            .contains("missing required key \"summary\"") == true)
    }

    @Test func emptyMatchListsAreErrors() {
        let text = Self.pack(Self.validRule.replacing("{ \"calls\": { \"python\": [\"hashlib.md5\"] } }", with: "{ \"calls\": {} }"))
        #expect(error(text)?.contains("at \"rules[0].match.calls\"") == true)
    }
}
