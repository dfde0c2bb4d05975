import Foundation
import Model
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
