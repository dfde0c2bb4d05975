import Foundation
import Testing

/// The JSON Schemas in `schemas/` (draft 2020-12) are the contracts of what ssotguard reads and
/// writes: every JSON output of these tests validates against its schema (with Python's
/// jsonschema, which `.ci/run` installs), and a few broken documents do not.
@Suite(.enabled(if: SARIFTests.canValidate, SARIFTests.skipReason)) struct SchemaTests {
    static let schemas = Tool.repository.appendingPathComponent("schemas")

    /// Validates each file (JSON with comments allowed) against `schema`; the validator's
    /// complaints, empty when all are valid.
    static let validator = """
        import json, sys
        from jsonschema import Draft202012Validator
        def jsonc(text):
            out, i, n, inside = [], 0, len(text), False
            while i < n:
                c = text[i]
                if inside:
                    out.append(c)
                    if c == '\\\\':
                        out.append(text[i + 1]); i += 2; continue
                    if c == '"': inside = False
                    i += 1; continue
                if c == '"':
                    inside = True; out.append(c); i += 1; continue
                if text.startswith('//', i):
                    while i < n and text[i] != '\\n': i += 1
                    continue
                if text.startswith('/*', i):
                    j = text.find('*/', i + 2); i = j + 2 if j >= 0 else n; continue
                out.append(c); i += 1
            return json.loads(''.join(out))
        schema = json.load(open(sys.argv[1]))
        Draft202012Validator.check_schema(schema)
        validator = Draft202012Validator(schema)
        for name in sys.argv[2:]:
            for error in validator.iter_errors(jsonc(open(name, encoding='utf-8').read())):
                print(name + ": " + "/".join(map(str, error.absolute_path)) + ": " + error.message[:300])
        """

    static func errors(_ schema: String, _ files: [URL]) throws -> String {
        let run = try Tool.run([], rawCommand: ["/usr/bin/env", "python3", "-c", validator,
                                                Self.schemas.appendingPathComponent(schema).path] + files.map(\.path))
        return run.stdout + (run.status == 0 ? "" : run.stderr)
    }

    @Test func everyJSONOutputValidates() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("fixtures/jwt-monorepo"),
                                         to: tree.root.appendingPathComponent("repo"))
        let repo = tree.root.appendingPathComponent("repo")
        // init writes a configuration and a baseline; scans write reports (plain, against the
        // baseline, a shard); rules are printed as JSON too.
        #expect(try Tool.run(["init", "--plan"], in: repo).status == 0)
        try tree.write("repo/new.py", "import jwt\n")
        var reports: [URL] = []
        for (name, extra) in [("plain", ["--no-config"]), ("baseline", []), ("shard", ["--shard", "1/2"])] {
            let file = tree.root.appendingPathComponent("\(name).json")
            let run = try Tool.run(["scan", ".", "--format", "json", "--output", file.path, "--no-cache"] + extra, in: repo)
            #expect([0, 1].contains(run.status), "\(name): \(run.stderr)")
            reports.append(file)
        }
        let withBaseline = try Tool.json(try String(contentsOf: reports[1], encoding: .utf8))
        let shard = try Tool.json(try String(contentsOf: reports[2], encoding: .utf8))
        #expect(withBaseline["baseline"] != nil && shard["shard"] != nil)
        #expect(withBaseline["$schema"] as? String == "urn:ssotguard:schema:scan-report:1")
        #expect(try Self.errors("scan-report.schema.json", reports) == "")
        #expect(try Self.errors("baseline.schema.json", [repo.appendingPathComponent(".ssotguard-baseline.json")]) == "")
        #expect(try Self.errors("configuration.schema.json", [repo.appendingPathComponent(".ssotguard.json"),
                                                               Tool.repository.appendingPathComponent("fixtures/acme-platform/.ssotguard.json")]) == "")
        let packs = ["jwt.json", "jwt-security.json", "ssotguard.json"].map { Tool.repository.appendingPathComponent("rules/\($0)") }
        #expect(try Self.errors("rule-pack.schema.json", packs) == "")
    }

    /// `init` puts the schemas next to the configuration (the binary's copies are the files in
    /// `schemas/`), and the configuration and the baselines it and `--write-baseline` write name
    /// them in `$schema`, so editors complete and validate them offline.
    @Test func writtenFilesNameTheirSchema() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/a.py", "import jwt\n")
        #expect(try Tool.run(["init"], in: tree.root).status == 0)
        for name in ["baseline", "configuration", "rule-pack", "scan-report"] {
            let written = try Data(contentsOf: tree.root.appendingPathComponent(".ssotguard/schemas/\(name).schema.json"))
            #expect(written == (try Data(contentsOf: Self.schemas.appendingPathComponent("\(name).schema.json"))), "\(name)")
        }
        let config = try String(contentsOf: tree.root.appendingPathComponent(".ssotguard.json"), encoding: .utf8)
        #expect(config.contains(#""$schema": ".ssotguard/schemas/configuration.schema.json","#))
        let baseline = tree.root.appendingPathComponent(".ssotguard-baseline.json")
        #expect(try String(contentsOf: baseline, encoding: .utf8).hasPrefix("{\n  \"$schema\": \".ssotguard/schemas/baseline.schema.json\",\n"))
        // Rewritten (the ratchet) it keeps its $schema; the files still load and validate.
        try tree.write("app/a.py", "x = 1\n")
        #expect(try Tool.run(["scan", ".", "--write-baseline", ".ssotguard-baseline.json"], in: tree.root).status == 0)
        #expect(try String(contentsOf: baseline, encoding: .utf8).contains(#""$schema": ".ssotguard/schemas/baseline.schema.json""#))
        #expect(try Tool.run(["scan", "."], in: tree.root).status == 0)
        #expect(try Self.errors("baseline.schema.json", [baseline]) == "")
        #expect(try Self.errors("configuration.schema.json", [tree.root.appendingPathComponent(".ssotguard.json")]) == "")
    }

    /// The schemas are not vacuous: documents ssotguard rejects are rejected by them too.
    @Test func brokenDocumentsDoNotValidate() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        let cases: [(String, String)] = [
            ("configuration.schema.json", #"{ "version": 1, "exclud": [] }"#),
            ("configuration.schema.json", #"{ "version": 1, "packs": { "jwt": { "ssot": ["a"], "allowedPaths": ["b"] } } }"#),
            ("configuration.schema.json", #"{ "version": 1, "rules": { "jwt-direct-call": { "severity": "fatal" } } }"#),
            ("baseline.schema.json", #"{ "kind": "ssotguard-baseline", "version": 1, "entries": [ { "rule": "a", "path": "b", "fingerprint": "x" } ] }"#),
            ("rule-pack.schema.json", #"{ "version": 1, "pack": "p", "rules": [ { "id": "Bad_Id", "kind": "forbidden-import", "severity": "error", "summary": "s", "why": "w", "instead": "i", "examples": { "violating": [] } } ] }"#),
            ("scan-report.schema.json", #"{ "version": 2, "root": ".", "diagnostics": [], "findings": [], "summary": {}, "tool": { "name": "ssotguard", "version": "0" } }"#),
        ]
        for (index, (schema, text)) in cases.enumerated() {
            try tree.write("doc\(index).json", text)
            #expect(try Self.errors(schema, [tree.root.appendingPathComponent("doc\(index).json")]) != "", "\(schema): \(text)")
        }
    }
}
