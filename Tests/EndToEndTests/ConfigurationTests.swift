import Foundation
import Testing

@Suite struct ConfigurationTests {
    static let violations = "import jwt\n\ndef handle(t, k):\n    return jwt.decode(t, k)\n"

    @Test func configurationIsFoundUpwardAndApplied() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("services/auth/jwt_core.py", Self.violations)
        try tree.write("services/api/users.py", Self.violations)
        try tree.write(".ssotguard.json", """
            // our policies
            {
              "version": 1,
              "packs": { "jwt": { "allowedPaths": ["services/auth/**"] } },
              "rules": { "jwt-direct-call": { "severity": "warning" }, "jwt-manual-decode": { "enabled": false } },
              "exclude": ["**/generated/**"],
            }
            """)
        try tree.write("services/api/generated/client.py", "import jwt\n")
        // Scanned from a subdirectory: the file above it applies.
        let run = try Tool.run(["scan", ".", "--format", "json"], in: tree.root.appendingPathComponent("services"))
        let findings = try #require(try Tool.json(run.stdout)["findings"] as? [[String: Any]])
        #expect(findings.map { "\($0["path"] ?? ""):\($0["ruleId"] ?? ""):\($0["severity"] ?? "")" }
                    == ["api/users.py:jwt-direct-import:error", "api/users.py:jwt-duplicate-implementation:error",
                        "api/users.py:jwt-algorithm-not-pinned:warning", "api/users.py:jwt-direct-call:warning",
                        // The jwt-security pack applies inside the SSOT too.
                        "auth/jwt_core.py:jwt-algorithm-not-pinned:warning"])
        let printed = try Tool.json(try Tool.run(["config", "--print"], in: tree.root).stdout)
        let rules = try #require(printed["rules"] as? [[String: Any]])
        #expect(!rules.contains { $0["id"] as? String == "jwt-manual-decode" })
        #expect(rules.first { $0["id"] as? String == "jwt-direct-import" }?["allowedPaths"] as? [String] == ["services/auth/**"])
        #expect(printed["exclude"] as? [String] == ["**/generated/**"])
        #expect(try Tool.run(["scan", ".", "--no-config", "--format", "json"], in: tree.root).stdout.contains("jwt_core.py"))
    }

    /// Issue 10: the lifetime rule of the jwt-security pack follows the jwt pack's configured SSOT
    /// (`allowedPathsOf`), so pointing one pack at a codebase's SSOT points both.
    @Test func lifetimeRuleFollowsTheJwtPacksSSOT() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        let minting = "import time\nimport jwt\n\ndef mint(u, k):\n    return jwt.encode({\"sub\": u, \"exp\": int(time.time()) + 60}, k, algorithm=\"HS256\")\n"
        try tree.write("core/jwt.py", minting)
        try tree.write("api/tokens.py", minting)
        try tree.write(".ssotguard.json", "{ \"version\": 1, \"packs\": { \"jwt\": { \"allowedPaths\": [\"core/jwt.py\"] } } }")
        let findings = try #require(try Tool.json(try Tool.run(["scan", ".", "--format", "json"], in: tree.root).stdout)["findings"] as? [[String: Any]])
        let lifetimes = findings.filter { $0["ruleId"] as? String == "jwt-lifetime-outside-ssot" }
        #expect(lifetimes.map { $0["path"] as? String } == ["api/tokens.py"])
        #expect((lifetimes.first?["message"] as? String)?.contains("60 s") == true)
        let printed = try Tool.json(try Tool.run(["config", "--print"], in: tree.root).stdout)
        let rules = try #require(printed["rules"] as? [[String: Any]])
        #expect(rules.first { $0["id"] as? String == "jwt-lifetime-outside-ssot" }?["allowedPaths"] as? [String] == ["core/jwt.py"])
        // Without the configuration the built-in SSOT paths apply, and both files are reported.
        let plain = try #require(try Tool.json(try Tool.run(["scan", ".", "--no-config", "--format", "json"], in: tree.root).stdout)["findings"] as? [[String: Any]])
        #expect(plain.filter { $0["ruleId"] as? String == "jwt-lifetime-outside-ssot" }.count == 2)
    }

    /// Issue 10: either built-in pack can be switched off; a rule named in `rules` stays on.
    @Test func aPackCanBeSwitchedOff() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import jwt\n\ntoken = jwt.encode({\"sub\": u}, \"\", algorithm=\"none\")\n")
        func rules(_ config: String) throws -> [String] {
            try tree.write(".ssotguard.json", config)
            let findings = try #require(try Tool.json(try Tool.run(["scan", ".", "--format", "json"], in: tree.root).stdout)["findings"] as? [[String: Any]])
            return findings.compactMap { $0["ruleId"] as? String }.sorted()
        }
        #expect(try rules("{ \"version\": 1 }") == ["jwt-direct-call", "jwt-direct-import", "jwt-none-algorithm"])
        #expect(try rules("{ \"version\": 1, \"packs\": { \"jwt-security\": { \"enabled\": false } } }")
                    == ["jwt-direct-call", "jwt-direct-import"])
        #expect(try rules("{ \"version\": 1, \"packs\": { \"jwt\": { \"enabled\": false } } }") == ["jwt-none-algorithm"])
        #expect(try rules("{ \"version\": 1, \"packs\": { \"jwt\": { \"enabled\": false } }, \"rules\": { \"jwt-direct-import\": { \"enabled\": true } } }")
                    == ["jwt-direct-import", "jwt-none-algorithm"])
        try tree.write(".ssotguard.json", "{ \"version\": 1, \"packs\": { \"jwt-securty\": { \"enabled\": false } } }")
        let run = try Tool.run(["scan", "."], in: tree.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown rule pack \"jwt-securty\"; did you mean \"jwt-security\"?"), "\(run.stderr)")
    }

    /// Broken configurations, and errors found only after loading (an unknown rule id or pack, a
    /// file the configuration names that is missing), say where: file:line:col and the key path,
    /// with the nearest valid name.
    @Test(arguments: [
        ("{ \"version\": 1, \"exclud\": [] }", "at the top level: unknown key \"exclud\"; did you mean \"exclude\"?"),
        ("{ \"version\": 1, \"rules\": { \"jwt-nope\": {} } }", "at \"rules[\"jwt-nope\"]\": unknown rule id \"jwt-nope\""),
        ("{ \"version\": 1, \"packs\": { \"jwt\": { \"allowedPaths\": [\"a/[b\"] } } }", "at \"packs.jwt.allowedPaths[0]\": invalid glob"),
        ("{ \"version\": 1, \"rules\": { \"jwt-direct-call\": { \"severity\": \"fatal\" } } }", "at \"rules[\"jwt-direct-call\"].severity\": expected one of"),
        ("{ \"version\": 2 }", "unsupported configuration version 2"),
        ("{\n  \"version\": 1,\n  \"rules\": {\n    \"jwt-direct-imprt\": { \"severity\": \"warning\" }\n  }\n}\n",
         ".ssotguard.json:4:25: at \"rules[\"jwt-direct-imprt\"]\": unknown rule id \"jwt-direct-imprt\"; did you mean \"jwt-direct-import\"?"),
        ("{\n  \"version\": 1,\n  \"rulePacks\": [\"packs/missing.json\"]\n}\n",
         ".ssotguard.json:3:17: at \"rulePacks[0]\": the rule pack file "),
        ("{\n  \"version\": 1,\n  \"baseline\": \"nope.json\"\n}\n", ".ssotguard.json:3:15: at \"baseline\": the baseline file "),
        ("{\n  \"version\": 1,\n  \"plan\": \"nope.json\"\n}\n", ".ssotguard.json:3:11: at \"plan\": the plan file "),
        ("{\n  \"version\": 1,\n  \"packs\": { \"jwt-securty\": { \"enabled\": false } }\n}\n",
         ".ssotguard.json:3:29: at \"packs[\"jwt-securty\"]\": unknown rule pack \"jwt-securty\"; did you mean \"jwt-security\"?"),
    ])
    func brokenConfigurationsNameTheKeyPath(_ text: String, _ message: String) throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import os\n")
        try tree.write(".ssotguard.json", text)
        let run = try Tool.run(["scan", "."], in: tree.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains(".ssotguard.json:"))
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func anUnknownRuleInAPlanIsPlacedAndSuggested() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import os\n")
        let plan = try String(contentsOf: Tool.repository.appendingPathComponent("rules/plan-jwt-ssot.json"), encoding: .utf8)
        let broken = try #require(plan.range(of: "\"jwt-direct-import\""))
        try tree.write("plan.json", plan.replacingCharacters(in: broken, with: "\"jwt-direct-imports\""))
        let run = try Tool.run(["scan", ".", "--plan", "plan.json"], in: tree.root)
        #expect(run.status == 2)
        #expect(run.stderr.range(of: #"plan\.json:\d+:\d+: at "phases\[\d+\]\.match\[\d+\]\.rules\[\d+\]": phase "[^"]+" names unknown rule "jwt-direct-imports"; did you mean "jwt-direct-import"\?"#,
                                 options: .regularExpression) != nil, "\(run.stderr)")
    }

    /// Another codebase's SSOT in a few lines: `packs.jwt.ssot` exempts it from every rule of the
    /// pack and is what messages name; `secretSettings` are its secret's settings;
    /// `testPaths` its tests; `config --print` shows the effective values and where they came from.
    @Test func aPackPointsAtAnyCodebasesSSOT() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write(".ssotguard.json", """
            {
              "version": 1,
              "packs": {
                "jwt": {
                  "ssot": ["core/jwt.py"],
                  "delegates": { "python": ["core.jwt.*"] },
                  "secretSettings": ["APP_TOKEN_KEY"],
                  "testPaths": ["spec/**"]
                }
              }
            }
            """)
        try tree.write("core/jwt.py", "import jwt\nimport os\nKEY = os.environ['APP_TOKEN_KEY']\n")
        try tree.write("app/views.py", "import jwt\nimport os\nKEY = os.environ['APP_TOKEN_KEY']\n")
        try tree.write("spec/helpers.py", "import jwt\n\ndef make_token(p):\n    return jwt.encode(p, 'k', algorithm='HS256')\n")
        let json = try Tool.json(try Tool.run(["scan", ".", "--format", "json", "--no-cache"], in: tree.root).stdout)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let byPath = Dictionary(grouping: findings) { $0["path"] as? String ?? "" }
        #expect(byPath["core/jwt.py"] == nil, "the SSOT is exempt")
        let messages = (byPath["app/views.py"] ?? []).compactMap { $0["message"] as? String }
        #expect(messages.contains("`jwt` imported outside `core/jwt.py`"), "\(messages)")
        #expect(messages.contains("JWT secret setting `APP_TOKEN_KEY` read outside `core/jwt.py`"), "\(messages)")
        // A test helper that mints tokens is test code: no duplicate-implementation finding there.
        #expect(!(byPath["spec/helpers.py"] ?? []).contains { $0["ruleId"] as? String == "jwt-duplicate-implementation" })
        // The rule texts name the configured SSOT too: summaries, what to do instead, SARIF help.
        let rules = try Tool.run(["rules"], in: tree.root).stdout
        #expect(rules.contains("JWT library imported outside `core/jwt.py`."), "\(rules)")
        #expect(rules.contains("Instead: Call `core/jwt.py` ("), "\(rules)")
        let sarif = try Tool.run(["scan", ".", "--format", "sarif", "--no-cache"], in: tree.root).stdout
        #expect(sarif.contains("Only `core/jwt.py` imports the library.") && !sarif.contains("{ssot}"))
        // Where each value came from.
        let printed = try Tool.json(try Tool.run(["config", "--print"], in: tree.root).stdout)
        let jwt = try #require((printed["packs"] as? [[String: Any]])?.first { $0["name"] as? String == "jwt" })
        #expect(jwt["ssot"] as? [String] == ["core/jwt.py"])
        #expect((jwt["ssotFrom"] as? String)?.contains(".ssotguard.json:4:") == true, "\(jwt)")
        #expect((jwt["delegates"] as? [String: [String]])?["python"] == ["core.jwt.*"])
        #expect(jwt["secretSettings"] as? [String] == ["APP_TOKEN_KEY"])
    }

    /// A pack's examples must behave as stated: `rules --check` says which do not, with
    /// file:line:col, and `scan --rules` refuses such a pack.
    @Test func rulesCheckRunsAPacksExamples() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        let fine = try Tool.run(["rules", "--check", "rules/jwt.json", "--check", "rules/jwt-security.json"])
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(fine.stdout.contains("rules/jwt.json: 7 rules, ") && fine.stdout.contains("every example behaves as stated"))
        // A copy pointed at another SSOT whose compliant example (an import in the old SSOT) now violates.
        let pack = try String(contentsOf: Tool.repository.appendingPathComponent("rules/jwt.json"), encoding: .utf8)
        let copied = pack.replacingOccurrences(of: #""path": "auth_service/auth_core/core/jwt_handler.py", "code": "import jwt\n""#,
                                               with: #""code": "import jwt\n""#)
        #expect(copied != pack)
        try tree.write("ours.json", copied)
        let check = try Tool.run(["rules", "--check", "ours.json"], in: tree.root)
        #expect(check.status == 1)
        #expect(check.stderr.range(of: #"ours\.json:\d+:\d+: at "rules\[0\]\.examples\.compliant\[\d+\]": compliant example of jwt-direct-import violates it"#,
                                   options: .regularExpression) != nil, "\(check.stderr)")
        let scan = try Tool.run(["scan", ".", "--rules", "ours.json"], in: tree.root)
        #expect(scan.status == 2 && scan.stderr.contains("a pack's examples must behave as stated"), "\(scan.stderr)")
    }

    /// `init` proposes the SSOT from the code (and says why), `--ssot` chooses it, `--plan` writes a
    /// generic plan that loads, `init --hook` after `init` only installs the hook, and `--force`
    /// says how many findings a replaced baseline accepts anew.
    @Test func initProposesTheSSOTAndWritesAPlanToFillIn() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("core/jwt_handler.py", "import jwt\n\ndef encode(p, k):\n    return jwt.encode(p, k, algorithm='HS256')\n")
        try tree.write("web/jwt.service.ts", "import * as jwt from 'jsonwebtoken';\nexport const sign = (p: object, k: string) => jwt.sign(p, k);\n")
        try tree.write("app/views.py", "import jwt\n")
        #expect(try Tool.run([], in: tree.root, rawCommand: ["/usr/bin/env", "git", "init", "-q"]).status == 0)
        let first = try Tool.run(["init", "--plan"], in: tree.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Proposed SSOT: core/jwt_handler.py (1 JWT import, 1 library call, named like a JWT module); "
                                      + "web/jwt.service.ts"), "\(first.stdout)")
        let config = try String(contentsOf: tree.root.appendingPathComponent(".ssotguard.json"), encoding: .utf8)
        #expect(config.contains(#""packs": { "jwt": { "ssot": ["core/jwt_handler.py", "web/jwt.service.ts"] } },"#), "\(config)")
        // The plan template loads, and its phases take the findings.
        try tree.write("with-plan.json", #"{ "version": 1, "plan": "ssotguard-plan.json", "packs": { "jwt": { "ssot": ["core/**"] } } }"#)
        let planned = try Tool.run(["scan", ".", "--config", "with-plan.json", "--format", "json", "--no-cache"], in: tree.root)
        let phases = (try Tool.json(planned.stdout)["findings"] as? [[String: Any]] ?? []).compactMap { $0["phase"] as? String }
        #expect(phases.contains("imports") && !phases.contains("unplanned"), "\(planned.stderr) \(phases)")
        // The hook alone, the configuration and baseline untouched.
        let baseline = tree.root.appendingPathComponent(".ssotguard-baseline.json")
        let before = try Data(contentsOf: baseline)
        let hook = try Tool.run(["init", "--hook"], in: tree.root)
        #expect(hook.status == 0 && hook.stdout.hasPrefix("installed "), "\(hook.stderr)")
        #expect(try Data(contentsOf: baseline) == before)
        // --ssot chooses; --force says what a replaced baseline accepts anew.
        try tree.write("app/more.py", "import jose\n")
        let forced = try Tool.run(["init", "--force", "--ssot", "core/**"], in: tree.root)
        #expect(forced.stdout.contains("SSOT (from --ssot): core/**"))
        #expect(forced.stdout.contains("replaced the existing baseline: "), "\(forced.stdout)")
        #expect(forced.stdout.contains("it did not know are now accepted as known") || forced.stdout.contains("it did not know is now accepted as known"))
    }

    /// Writing the configured baseline for the first time: nothing to compare with yet.
    @Test func theConfiguredBaselineCanBeWrittenTheFirstTime() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import jwt\n")
        try tree.write(".ssotguard.json", "{ \"version\": 1, \"baseline\": \"base.json\" }")
        let written = try Tool.run(["scan", ".", "--write-baseline", "base.json"], in: tree.root)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.hasPrefix("Wrote baseline base.json: 1 finding in 1 file"))
        let again = try Tool.run(["scan", "."], in: tree.root)
        #expect(again.status == 0 && again.stdout.hasPrefix("No new findings (1 known, 0 fixed)"), "\(again.stdout)")
        // Reports name the baseline relative to the scan root, never by this machine's absolute path.
        let json = try Tool.json(try Tool.run(["scan", ".", "--format", "json"], in: tree.root).stdout)
        #expect((json["baseline"] as? [String: Any])?["file"] as? String == "base.json")
    }

    @Test func initWritesConfigurationBaselineAndOnlyANewHook() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/a.py", Self.violations)
        #expect(try Tool.run([], rawCommand: ["/usr/bin/git", "-C", tree.root.path, "init", "-q"]).status == 0)
        let first = try Tool.run(["init", "--hook"], in: tree.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("wrote"))
        #expect(first.stdout.contains("Next steps"))
        let hook = tree.root.appendingPathComponent(".git/hooks/pre-commit").path
        #expect(FileManager.default.isExecutableFile(atPath: hook))
        #expect(try Tool.run(["scan"], in: tree.root).status == 0)  // today's findings are the baseline
        try tree.write("app/b.py", "import jose\n")
        #expect(try Tool.run(["scan"], in: tree.root).status == 1)   // a new one fails

        try "#!/bin/sh\necho mine\n".write(toFile: hook, atomically: true, encoding: .utf8)
        let again = try Tool.run(["init", "--hook", "--force"], in: tree.root)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: hook, encoding: .utf8).contains("echo mine"))
        #expect(try Tool.run(["init"], in: tree.root).status == 2)  // configuration exists, no --force
    }
}
