import Foundation
import Model
import RuleEngine
import Testing
@testable import Pipeline

@Suite struct PipelineTests {
    /// A tree of many files whose findings must come back in path order every time.
    @Test func outputIsDeterministicWhateverTheParallelism() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ssotguard-pipeline-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for i in 0..<300 {
            let folder = root.appendingPathComponent("pkg\(i % 7)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let python = "import os\n" + String(repeating: "x = 1\n", count: i % 13) + "import jwt\njwt.decode(t)\n"
            try python.write(to: folder.appendingPathComponent("m\(i).py"), atomically: true, encoding: .utf8)
            try "const jwt = require('jsonwebtoken');\n".write(to: folder.appendingPathComponent("w\(i).js"), atomically: true, encoding: .utf8)
        }
        var options = ScanOptions()
        options.paths = [root.path]
        let first = try await Pipeline.run(options)
        #expect(first.filesScanned == 600)
        #expect(first.findings.count == 1200)  // per pair: 2 imports, the call, its unpinned algorithm
        let sorted = first.findings.sorted(by: Finding.reportOrder)
        #expect(first.findings == sorted)
        for _ in 0..<3 {
            let again = try await Pipeline.run(options)
            #expect(again.findings == first.findings)
        }
    }

    @Test func brokenRuleFilesAndGlobsStopTheRunWithAMessage() async {
        var options = ScanOptions()
        options.ruleFiles = ["/nonexistent/rules.json"]
        await #expect(throws: PipelineError.rules("/nonexistent/rules.json: cannot read rule file: No such file or directory")) {
            try await Pipeline.run(options)
        }
        options = ScanOptions()
        options.excludes = ["a/[b"]
        await #expect(throws: PipelineError.self) { try await Pipeline.run(options) }
    }

    /// A pack's configured delegates and secret settings join its rules' own; its SSOT paths
    /// replace theirs and fill `{ssot}` in their texts.
    @Test func packSettingsReachThePacksRules() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try #"{ "version": 1, "packs": { "jwt": { "ssot": ["lib/tokens/**"], "delegates": { "typescript": ["this.jwtService.*"] }, "secretSettings": ["APP_TOKEN_KEY"] } } }"#
            .write(to: file, atomically: true, encoding: .utf8)
        var options = ScanOptions()
        options.configFile = file.path
        let rules = try Pipeline.loadRules(Pipeline.resolve(options))
        let duplicate = try #require(rules.first { $0.id == "jwt-duplicate-implementation" })
        guard case .duplicateImplementation(let match) = duplicate.match else { Issue.record("kind"); return }
        #expect(match.delegates[.typescript]?.contains(NamePattern("this.jwtService.*")) == true)
        #expect(match.delegates[.typescript]?.contains(NamePattern("authClient.*")) == true, "the pack's own stay")
        let env = try #require(rules.first { $0.id == "jwt-secret-config" })
        guard case .forbiddenEnv(let settings) = env.match else { Issue.record("kind"); return }
        #expect(settings.settings.contains("APP_TOKEN_KEY") && settings.settings.contains("JWT_SECRET"))
        #expect(duplicate.allowedPaths == ["lib/tokens/**"])
        #expect(duplicate.message?.contains("delegating to `lib/tokens/**`") == true)
        #expect(!rules.contains { ($0.message ?? "").contains("{ssot}") || $0.summary.contains("{ssot}") })
    }

    @Test func aPackWithABuiltinNameReplacesIt() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jwt-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            { "version": 1, "pack": "jwt", "rules": [ { "id": "only-jose", "kind": "forbidden-import", "severity": "info",
              "summary": "s", "why": "w", "instead": "i", "match": { "modules": { "python": ["jose"] } },
              "examples": { "violating": [ { "language": "python", "code": "import jose\\n" } ] } } ] }
            """.write(to: file, atomically: true, encoding: .utf8)
        var options = ScanOptions()
        options.ruleFiles = [file.path]
        // The jwt pack is replaced; the built-in jwt-security and ssotguard packs stay.
        #expect(try Pipeline.loadRules(options).map(\.id) == ["jwt-unverified-signature", "jwt-none-algorithm", "jwt-algorithm-not-pinned",
                                                              "jwt-sensitive-claims", "jwt-local-fallback", "jwt-lifetime-outside-ssot",
                                                              "jwt-in-url", "jwt-in-web-storage", "jwt-ws-close-internal-error",
                                                              "suppression-invalid", "suppression-unused",
                                                              "only-jose"])
    }
}
