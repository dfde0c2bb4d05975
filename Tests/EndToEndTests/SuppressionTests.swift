import Foundation
import Testing

/// Inline suppressions as users see them: exit codes, the JSON fields, the text summary.
@Suite struct SuppressionEndToEndTests {
    static func findings(_ run: Tool.Run) throws -> [[String: Any]] {
        try Tool.json(run.stdout)["findings"] as? [[String: Any]] ?? []
    }

    @Test func suppressedFindingExitsZeroAndStaysInJSON() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/legacy.py", "import jwt  # ssotguard: ignore[jwt-direct-import] -- legacy shim, removed in Q3\n")
        try tree.write("web/client.ts", "// ssotguard: ignore-file[jwt-direct-import] -- vendored SDK\nimport jwt from 'jsonwebtoken';\n")
        let run = try Tool.run(["scan", ".", "--format", "json"], in: tree.root)
        #expect(run.status == 0)
        let findings = try Self.findings(run)
        #expect(findings.count == 2)
        #expect(findings.map { $0["suppressed"] as? Bool } == [true, true])
        #expect(findings.map { $0["suppressionReason"] as? String } == ["legacy shim, removed in Q3", "vendored SDK"])
        #expect(findings.map { $0["suppressionScope"] as? String } == ["line", "file"])
        let summary = try Tool.json(run.stdout)["summary"] as? [String: Any]
        #expect(summary?["findings"] as? Int == 0)
        #expect(summary?["suppressed"] as? Int == 2)
        let byRule = summary?["byRule"] as? [String: Int]
        #expect(byRule?["suppression-invalid"] == 0 && byRule?["suppression-unused"] == 0)

        let text = try Tool.run(["scan", ".", "--no-color"], in: tree.root)
        #expect(text.status == 0)
        #expect(text.stdout == "No findings in 2 files scanned.\n2 findings suppressed by inline comments (see --format json).\n")
    }

    @Test func unsuppressedFindingExitsOne() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import jwt  # ssotguard: ignore[jwt-direct-import] -- shim\nimport jose\n")
        let run = try Tool.run(["scan", ".", "--format", "json"], in: tree.root)
        #expect(run.status == 1)
        let findings = try Self.findings(run)
        #expect(findings.map { $0["line"] as? Int } == [1, 2])
        // A trailing comment covers its own line only: the next line's import stays active.
        #expect(findings.map { $0["suppressed"] as? Bool } == [true, false])
        #expect(findings.last?["suppressionReason"] == nil)
    }

    @Test func invalidAndUnusedAreWarningsThatDoNotFailByDefault() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import os  # ssotguard: ignore[jwt-direct-import] -- left over\n")
        try tree.write("b.py", "import sys  # ssotguard: ignore[jwt-direct-imports] -- typo\n")
        let run = try Tool.run(["scan", ".", "--format", "json"], in: tree.root)
        #expect(run.status == 0)
        let findings = try Self.findings(run)
        #expect(findings.map { $0["ruleId"] as? String } == ["suppression-unused", "suppression-invalid"])
        #expect(findings.map { $0["severity"] as? String } == ["warning", "warning"])
        #expect(findings.map { $0["column"] as? Int } == [32, 33])
        #expect(try Tool.run(["scan", ".", "--fail-on-severity", "warning"], in: tree.root).status == 1)

        let text = try Tool.run(["scan", ".", "--no-color"], in: tree.root)
        #expect(text.status == 0)
        #expect(text.stdout.contains("a.py:1:32: warning[suppression-unused] suppression of `jwt-direct-import` is unused"))
        #expect(text.stdout.contains("b.py:1:33: warning[suppression-invalid] `jwt-direct-imports` is not the id of a rule"))
    }

    @Test func suppressionWithoutReasonLeavesTheFindingFailing() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import jwt  # ssotguard: ignore[jwt-direct-import]\n")
        let run = try Tool.run(["scan", ".", "--format", "json"], in: tree.root)
        #expect(run.status == 1)
        #expect(try Self.findings(run).map { $0["ruleId"] as? String } == ["jwt-direct-import", "suppression-invalid"])
    }

    @Test func metaRulesAreListed() throws {
        let run = try Tool.run(["rules"])
        #expect(run.stdout.contains("suppression-invalid (warning, meta, pack ssotguard)"))
        #expect(run.stdout.contains("suppression-unused (warning, meta, pack ssotguard)"))
    }
}
