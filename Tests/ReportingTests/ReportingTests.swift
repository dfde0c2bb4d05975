import Foundation
import Model
import Testing
@testable import Reporting

@Suite struct TextReporterTests {
    static func finding(_ path: String, line: Int, column: Int, endColumn: Int, text: String,
                        rule: RuleID = "jwt-direct-import", severity: Severity = .error) -> Finding {
        Finding(ruleID: rule, severity: severity, message: "`jwt` imported outside the SSOT", path: path,
                range: ByteRange(0, 1), location: SourceLocation(line: line, column: column, endLine: line, endColumn: endColumn),
                snippet: Snippet(line: text, column: column, endColumn: endColumn))
    }

    static let result = ScanResult(
        root: ".", filesScanned: 3,
        findings: [
            finding("a/key_manager.py", line: 3, column: 1, endColumn: 11, text: "import jwt"),
            finding("a/key_manager.py", line: 9, column: 12, endColumn: 22, text: "\treturn jwt.decode(t)", rule: "jwt-direct-call"),
            finding("b/auth.ts", line: 1, column: 1, endColumn: 32, text: "import jwt from 'jsonwebtoken';", severity: .warning),
        ],
        diagnostics: [Diagnostic(level: .warning, path: "c.py", message: "binary file (NUL byte found); not scanned")],
        ruleIDs: ["jwt-direct-call", "jwt-direct-import"])

    @Test func groupsByFileWithSnippetsMarkersAndSummary() {
        let text = TextReporter(color: false).render(Self.result)
        #expect(text == """
            a/key_manager.py:3:1: error[jwt-direct-import] `jwt` imported outside the SSOT
              3 | import jwt
                | ^^^^^^^^^^
            a/key_manager.py:9:12: error[jwt-direct-call] `jwt` imported outside the SSOT
              9 | \treturn jwt.decode(t)
                | \t          ^^^^^^^^^^

            b/auth.ts:1:1: warning[jwt-direct-import] `jwt` imported outside the SSOT
              1 | import jwt from 'jsonwebtoken';
                | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

            Found 3 findings (2 errors, 1 warning) in 2 files of 3 scanned.
              jwt-direct-call    1
              jwt-direct-import  2
            1 file problem reported on stderr.

            """)
    }

    @Test func colourOnlyWhenAsked() {
        #expect(!TextReporter(color: false).render(Self.result).contains("\u{1B}["))
        #expect(TextReporter(color: true).render(Self.result).contains("\u{1B}[31merror[jwt-direct-import]\u{1B}[0m"))
    }

    @Test func aCutSnippetShowsEllipsesAndKeepsTheMarkerUnderTheFinding() {
        var finding = Self.finding("m.js", line: 1, column: 5001, endColumn: 5016, text: "", rule: "jwt-direct-call")
        finding.snippet = Snippet(text: "xxxx" + "jwt.verify(t,k)" + "yyyy", markerStart: 4, markerLength: 15,
                                  cutBefore: true, cutAfter: true)
        let lines = TextReporter(color: false).snippet(finding).split(separator: "\n")
        #expect(lines[0] == "  1 | …xxxxjwt.verify(t,k)yyyy…")
        #expect(lines[1] == "    |      ^^^^^^^^^^^^^^^")
    }

    /// Control characters from the source, a file name or a message never reach the terminal raw:
    /// an escape sequence cannot recolour it and a line break cannot fake a finding.
    @Test func controlCharactersArePrintedEscaped() {
        var finding = Self.finding("evil\u{1B}[31m.py\nfake.py:99:1: error[x]", line: 1, column: 5, endColumn: 15,
                                   text: "", rule: "jwt-direct-call")
        finding.message = "`jwt.decode` \u{1B}]0;title\u{07} called"
        finding.snippet = Snippet(text: "x = \"\u{1B}[2J\"; jwt.decode(t)", markerStart: 12, markerLength: 13)
        let text = TextReporter(color: false).render(ScanResult(root: ".", filesScanned: 1, findings: [finding],
                                                                diagnostics: [], ruleIDs: ["jwt-direct-call"]))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.hasPrefix("\"evil\\033[31m.py\\nfake.py:99:1: error[x]\":1:5: error[jwt-direct-call] `jwt.decode` \\033]0;title\\a called\n"))
        let lines = text.split(separator: "\n")
        #expect(lines[1] == "  1 | x = \"\\033[2J\"; jwt.decode(t)")
        // The marker moves with the escape: it stays under `jwt.decode(t)`.
        #expect(lines[2] == "    |                ^^^^^^^^^^^^^")
    }

    @Test func noFindingsSaysSo() {
        let empty = ScanResult(root: ".", filesScanned: 1, findings: [], diagnostics: [], ruleIDs: ["a"])
        #expect(TextReporter(color: false).render(empty) == "No findings in 1 file scanned.\n")
    }

    /// With a baseline the headline is about what is new: known findings are counted, not listed.
    @Test func withABaselineTheHeadlineCountsWhatIsNew() {
        var result = Self.result
        result.diagnostics = []
        for index in result.findings.indices { result.findings[index].baselineState = .unchanged }
        result.baseline = BaselineSummary(file: "base.json", new: 0, unchanged: 3,
                                          fixed: [.init(rule: "jwt-direct-import", path: "gone.py", phase: nil)])
        #expect(TextReporter(color: false).render(result) == """
            No new findings (3 known, 1 fixed) in 3 files scanned.
            Baseline base.json: 0 new, 3 unchanged (not listed), 1 fixed.

            """)
        result.findings[2].baselineState = .new
        result.baseline?.new = 1
        result.baseline?.unchanged = 2
        let text = TextReporter(color: false).render(result)
        #expect(text.contains("Found 1 new finding (1 warning) in 1 file of 3 scanned; 2 known, 1 fixed.\n  jwt-direct-import  1\n"),
                "\(text)")
        #expect(text.hasPrefix("b/auth.ts:1:1: warning[jwt-direct-import]"))
    }
}

@Suite struct JSONReporterTests {
    @Test func versionedSortedShapeWithSummaryAndDiagnostics() throws {
        let json = JSONReporter().render(TextReporterTests.result)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        #expect((object["tool"] as? [String: Any])?["name"] as? String == "ssotguard")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        #expect(Set(findings[0].keys) == ["ruleId", "severity", "message", "path", "line", "column", "endLine", "endColumn", "suppressed", "fingerprint"])
        #expect(findings[1]["column"] as? Int == 12)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["filesScanned"] as? Int == 3)
        #expect(summary["byRule"] as? [String: Int] == ["jwt-direct-call": 1, "jwt-direct-import": 2])
        #expect(summary["bySeverity"] as? [String: Int] == ["error": 2, "warning": 1, "info": 0])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.first?["path"] as? String == "c.py")
        // Deterministic: same input, same bytes; keys sorted.
        #expect(json == JSONReporter().render(TextReporterTests.result))
        #expect(json.range(of: "\"diagnostics\"")!.lowerBound < json.range(of: "\"findings\"")!.lowerBound)
    }
}
