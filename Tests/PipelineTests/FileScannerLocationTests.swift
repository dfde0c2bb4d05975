import Baselines
import Foundation
import Model
import RuleEngine
import Testing
@testable import Pipeline

/// What the scanner adds for SARIF: UTF-16 locations, GitHub's line hash, rule metadata.
@Suite struct FileScannerLocationTests {
    static func scan(_ text: String, path: String = "svc/a.py") throws -> [Finding] {
        let rules = try RuleLoader.combine(RuleLoader.builtinPacks())
        let file = try #require(SourceFile(path: path, diskPath: path))
        return Array(text.utf8).withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: RuleSet(rules: rules)).findings }
    }

    @Test func findingsCarryUTF16ColumnsBesideScalarColumns() throws {
        let findings = try Self.scan("import jwt  # 日本 😀\nx = \"😀\"; jwt.decode(t, k)\n")
        let call = try #require(findings.first { $0.ruleID == "jwt-direct-call" })
        #expect(call.location == SourceLocation(line: 2, column: 10, endLine: 2, endColumn: 26))
        #expect(call.utf16Location == SourceLocation(line: 2, column: 11, endLine: 2, endColumn: 27))
        let imported = try #require(findings.first { $0.ruleID == "jwt-direct-import" })
        #expect(imported.utf16Location == imported.location)
    }

    @Test func findingsCarryGitHubsHashOfTheirFirstLine() throws {
        let text = "import os\r\nimport jwt\r\n\r\njwt.decode(t)\n"
        let hashes = PrimaryLocationLineHash.lineHashes(of: text)
        let findings = try Self.scan(text)
        #expect(findings.count == 3)  // import, call, and the call's unpinned algorithm
        for finding in findings {
            #expect(finding.primaryLocationLineHash == hashes[finding.location.line - 1])
        }
    }

    @Test func theResultListsTheRulesThatRanAndTheAbsoluteRoot() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ssotguard-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "import jwt\n".write(to: root.appendingPathComponent("a.py"), atomically: true, encoding: .utf8)
        var options = ScanOptions()
        options.paths = [root.path]
        let result = try await Pipeline.run(options)
        #expect(result.rules.map(\.id) == result.ruleIDs)
        let rule = try #require(result.rules.first { $0.id == "jwt-direct-import" })
        #expect(rule.kind == "forbidden-import")
        #expect(rule.precision == .veryHigh)
        #expect(!rule.allowedPaths.isEmpty)
        #expect(result.rootDirectory == root.standardizedFileURL.path)
    }
}
