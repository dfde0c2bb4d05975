import Foundation
import Testing

/// `--format sarif` from the built binary: valid against the OASIS SARIF 2.1.0 schema (checked
/// with Python's jsonschema, Draft 4, as GitHub's own checks are), and carrying what GitHub code
/// scanning needs. Also the CI formats `github` and `markdown` as a user runs them.
@Suite struct SARIFTests {
    // MARK: - The schema validator

    /// The OASIS schema, copied into the repository (`Tests/Specifications`).
    static let schema = Specifications.sarifSchema

    static let validatorScript = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        document = json.load(open(sys.argv[2], encoding="utf-8"))
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            print("/".join(map(str, error.absolute_path)) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    /// Python's jsonschema validates (GitHub's checks use a Draft 4 validator too). Without it
    /// the schema tests are skipped with a message on stderr, and under `CI=true` they run and fail.
    static let canValidate: Bool = Specifications.pythonHas("jsonschema") || Specifications.isCI

    static let skipReason: Comment = "needs python3 with the jsonschema module (pip install jsonschema)"

    /// Validates `sarif` against the schema; returns the validator's complaints (empty when valid).
    static func schemaErrors(_ sarif: String) throws -> String {
        let schema = Self.schema
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ssotguard-\(UUID().uuidString).sarif")
        try sarif.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try Tool.run([], rawCommand: ["/usr/bin/env", "python3", "-c", validatorScript, schema.path, file.path])
        return run.status == 0 ? "" : run.stdout + run.stderr + "(exit \(run.status))"
    }

    static func run(_ document: [String: Any]) throws -> [String: Any] {
        let runs = try #require(document["runs"] as? [[String: Any]])
        try #require(runs.count == 1)
        return runs[0]
    }

    // MARK: - Schema validity

    @Test(.enabled(if: canValidate, skipReason))
    func theFixtureMonorepoScanIsValidSARIF() throws {
        let scan = try Tool.run(["scan", "fixtures/jwt-monorepo", "--format", "sarif"])
        #expect(scan.status == 1)
        #expect(try Self.schemaErrors(scan.stdout) == "")
        let all = try Tool.run(["scan", "fixtures/jwt-monorepo", "--format", "sarif", "--sarif-all"])
        #expect(try Self.schemaErrors(all.stdout) == "")
    }

    @Test(.enabled(if: canValidate, skipReason))
    func anEmptyScanIsValidSARIF() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        let run = try Tool.run(["scan", ".", "--format", "sarif"], in: tree.root)
        #expect(run.status == 0)
        #expect(try Self.schemaErrors(run.stdout) == "")
        let log = try Self.run(Tool.json(run.stdout))
        #expect((log["results"] as? [Any])?.isEmpty == true)
    }

    @Test(.enabled(if: canValidate, skipReason))
    func suppressionsDiagnosticsAndAstralTextAreValidSARIF() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/legacy.py", "import jwt  # ssotguard: ignore[jwt-direct-import] -- legacy shim\n")
        try tree.write("web/日本 page.ts", "const s = '😀'; import jwt from 'jsonwebtoken';\n")
        try tree.write("web/blob.js", Data([0x61, 0x00, 0x62]))
        for arguments in [["--format", "sarif"], ["--format", "sarif", "--sarif-all"]] {
            let run = try Tool.run(["scan", "."] + arguments, in: tree.root)
            #expect(run.status == 1)
            #expect(try Self.schemaErrors(run.stdout) == "", "\(arguments)")
        }
    }

    // MARK: - What GitHub needs

    /// 26,000 findings: the log keeps GitHub's 25,000 results (errors first), stays valid, and
    /// both the log and stderr say how many were left out; the exit code is as usual.
    @Test(.enabled(if: canValidate, skipReason))
    func overGitHubsResultLimitTheMostSevereAreKept() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("imports.py", String(repeating: "import jwt\n", count: 25_000))
        try tree.write("tests/test_imports.py", String(repeating: "import jwt\n", count: 1_000))
        let run = try Tool.run(["scan", ".", "--format", "sarif"], in: tree.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("ssotguard: warning: 1000 SARIF results left out: a run holds at most 25000"))
        let log = try Tool.json(run.stdout)
        let results = try #require(try Self.run(log)["results"] as? [[String: Any]])
        #expect(results.count == 25_000)
        #expect(results.allSatisfy { $0["level"] as? String == "error" })
        #expect(run.stdout.contains("1000 results were left out: a run holds at most 25000"))
        #expect(try Self.schemaErrors(run.stdout) == "")
    }

    @Test func resultsPointIntoTheScanRootWithUTF16ColumnsAndFingerprints() throws {
        let scan = try Tool.run(["scan", "fixtures/jwt-monorepo", "--format", "sarif"])
        let document = try Tool.json(scan.stdout)
        #expect(document["version"] as? String == "2.1.0")
        #expect(document["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try Self.run(document)
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        #expect((run["automationDetails"] as? [String: Any])?["id"] as? String == "ssotguard/")
        let base = (run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any]
        // Scanned from the repository root: %SRCROOT% is the working directory and URIs carry the
        // subdirectory, because GitHub resolves them against the repository root.
        let workingDirectory = Tool.repository.standardizedFileURL.path
        #expect(base?["uri"] as? String == "file://" + workingDirectory.replacing(" ", with: "%20") + "/")

        let results = try #require(run["results"] as? [[String: Any]])
        let json = try Tool.json(try Tool.run(["scan", "fixtures/jwt-monorepo", "--format", "json"]).stdout)
        #expect(results.count == (json["summary"] as? [String: Any])?["findings"] as? Int)
        var lineHashes = Set<String>()
        for result in results {
            let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(location["artifactLocation"] as? [String: Any])
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            let uri = try #require(artifact["uri"] as? String)
            #expect(!uri.hasPrefix("/") && !uri.hasPrefix("./") && !uri.contains("\\") && uri.hasPrefix("fixtures/jwt-monorepo/"))
            let region = try #require(location["region"] as? [String: Any])
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                #expect((region[key] as? Int ?? 0) >= 1, "\(key) of \(uri)")
            }
            #expect(region["snippet"] == nil)
            let hash = try #require((result["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"])
            #expect(hash.wholeMatch(of: /[0-9a-f]{1,16}:[0-9]+/) != nil)
            lineHashes.insert(uri + " " + hash)
            let fingerprint = try #require((result["fingerprints"] as? [String: String])?["ssotguard/v1"])
            #expect(fingerprint.wholeMatch(of: /[0-9a-f]{32}:[0-9]+/) != nil)
            #expect((result["message"] as? [String: Any])?["text"] as? String != nil)
            #expect((result["properties"] as? [String: Any])?["phase"] as? String != nil)
        }
        // The hash is per line (of a file): findings on different lines get different ones.
        #expect(lineHashes.count > 100)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
    }

    @Test func everyRuleThatRanIsDescribed() throws {
        let scan = try Tool.run(["scan", "fixtures/jwt-monorepo", "--format", "sarif"])
        let run = try Self.run(Tool.json(scan.stdout))
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "ssotguard")
        #expect(driver["semanticVersion"] as? String == "0.1.0")
        #expect(driver["informationUri"] == nil, "no placeholder address")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.contains("jwt-direct-import") && ids.contains("suppression-unused"))
        #expect(ids == ids.sorted())
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            #expect((rule["name"] as? String)?.first?.isUppercase == true)
            for key in ["shortDescription", "fullDescription"] {
                #expect(((rule[key] as? [String: Any])?["text"] as? String)?.isEmpty == false, "\(id) \(key)")
            }
            let help = try #require(rule["help"] as? [String: String])
            #expect(help["text"]?.isEmpty == false && help["markdown"]?.isEmpty == false)
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(["error", "warning", "note"].contains(level ?? ""))
            let properties = try #require(rule["properties"] as? [String: Any])
            #expect(["very-high", "high", "medium", "low"].contains(properties["precision"] as? String ?? ""))
            let tags = try #require(properties["tags"] as? [String])
            #expect(tags.count <= 20)
            #expect(!tags.contains { $0.hasPrefix("phase") }, "tags depend on the rule, not on the run's findings")
            // The suppression rules are maintenance: no security tag, no security-severity.
            if id.hasPrefix("suppression-") {
                #expect(tags == ["ssotguard", "meta"] && properties["security-severity"] == nil, "\(id): \(tags)")
                continue
            }
            #expect(tags.first == "security")
            let scoreText = try #require(properties["security-severity"] as? String)
            let score = try #require(Double(scoreText))
            #expect(score >= 0.1 && score <= 10)
            for tag in tags where tag.hasPrefix("external/") {
                #expect(tag.hasPrefix("external/cwe/cwe-") && Int(tag.dropFirst("external/cwe/cwe-".count)) != nil, "\(tag)")
            }
        }
        let results = try #require(run["results"] as? [[String: Any]])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let importRule = try #require(rules.first { $0["id"] as? String == "jwt-direct-import" })
        let tags = (importRule["properties"] as? [String: Any])?["tags"] as? [String]
        #expect(tags?.contains("forbidden-import") == true && tags?.contains("phase-1.1") == false)
        #expect((importRule["help"] as? [String: String])?["markdown"]?.contains("`auth_service/auth_core/core/jwt_handler.py`") == true)
        // Issue 10: both packs' rules, the security pack's tagged with its CWEs.
        for id in ["jwt-unverified-signature", "jwt-none-algorithm", "jwt-algorithm-not-pinned", "jwt-sensitive-claims",
                   "jwt-local-fallback", "jwt-lifetime-outside-ssot", "jwt-in-url", "jwt-in-web-storage",
                   "jwt-ws-close-internal-error"] {
            let rule = try #require(rules.first { $0["id"] as? String == id }, "\(id)")
            let tags = (rule["properties"] as? [String: Any])?["tags"] as? [String] ?? []
            #expect(tags.first == "security" && tags.contains("jwt-security"), "\(id): \(tags)")
            #expect(tags.contains { $0.hasPrefix("external/cwe/cwe-") }, "\(id): \(tags)")
        }
        #expect(results.contains { $0["ruleId"] as? String == "jwt-local-fallback" })
    }

    @Test func suppressedFindingsOnlyWithSarifAll() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/legacy.py", "import jwt  # ssotguard: ignore[jwt-direct-import] -- legacy shim\nimport jose\n")
        let alerts = try Self.run(Tool.json(try Tool.run(["scan", ".", "--format", "sarif"], in: tree.root).stdout))
        let alertResults = try #require(alerts["results"] as? [[String: Any]])
        #expect(alertResults.count == 1)
        #expect(alertResults.first?["suppressions"] == nil)
        let all = try Self.run(Tool.json(try Tool.run(["scan", ".", "--format", "sarif", "--sarif-all"], in: tree.root).stdout))
        let allResults = try #require(all["results"] as? [[String: Any]])
        #expect(allResults.count == 2)
        let suppressions = allResults.first?["suppressions"] as? [[String: String]]
        #expect(suppressions == [["kind": "inSource", "justification": "legacy shim"]])
    }

    @Test func astralAndCJKTextGiveUTF16ColumnsAndEncodedURIs() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("web/日本 page.ts", "const s = '😀日本'; import jwt from 'jsonwebtoken';\n")
        let run = try Self.run(Tool.json(try Tool.run(["scan", ".", "--format", "sarif"], in: tree.root).stdout))
        let location = try #require(((run["results"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])?
            .first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "web/%E6%97%A5%E6%9C%AC%20page.ts")
        // `import` starts after 17 characters, 18 UTF-16 units ("😀" is a surrogate pair); the statement ends before the `;`.
        #expect(location["region"] as? [String: Int] == ["startLine": 1, "startColumn": 19, "endLine": 1, "endColumn": 49])
    }

    @Test func sarifAllNeedsTheSARIFFormat() throws {
        let run = try Tool.run(["scan", "--sarif-all", "--format", "json"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--sarif-all only applies to --format sarif"))
    }

    // MARK: - github and markdown

    @Test func githubAnnotationsArePathedFromTheWorkingDirectory() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("services/billing/api.py", "x = '😀'; import jwt\n")
        let run = try Tool.run(["scan", "services", "--format", "github"], in: tree.root)
        #expect(run.status == 1)
        #expect(run.stdout == "::error file=services/billing/api.py,line=1,endLine=1,col=11,endColumn=21,"
                + "title=jwt-direct-import::`jwt` imported outside the JWT single source of truth\n")
        let here = try Tool.run(["scan", ".", "--format", "github"], in: tree.root.appendingPathComponent("services"))
        #expect(here.stdout.hasPrefix("::error file=billing/api.py,"))
    }

    @Test func markdownSummarisesTheFixtureScan() throws {
        let run = try Tool.run(["scan", "fixtures/jwt-monorepo", "--format", "markdown"])
        #expect(run.status == 1)
        let summary = try #require(try Tool.json(try Tool.run(["scan", "fixtures/jwt-monorepo", "--format", "json"]).stdout)["summary"]
                                   as? [String: Any])
        let findings = try #require(summary["findings"] as? Int)
        #expect(run.stdout.hasPrefix("### ssotguard: \(findings) findings\n\n| Location | Rule | Message |\n|---|---|---|\n"))
        #expect(run.stdout.contains("\n…and \(findings - 25) more.\n"))
        #expect(run.stdout.contains("| `phase-1.1` Phase 1.1: direct JWT imports | "))
        #expect(run.stdout.contains("\n\(summary["filesScanned"] as? Int ?? -1) files scanned"))
        // frontend/dist is skipped by default, and a note says so: a note, not a problem.
        #expect(run.stdout.hasSuffix("; \(summary["suppressed"] as? Int ?? -1) suppressed inline; 1 note (see the log).\n"))
    }
}
