import Foundation
import Model
import Testing
@testable import Reporting

@Suite struct TextReporterTests {
    static func finding(_ path: String, line: Int, column: Int, endColumn: Int, text: String,
                        rule: RuleID = "jwt-direct-import", severity: Severity = .error) -> Finding {
        Finding(ruleID: rule, severity: severity, message: "`jwt` imported outside the SSOT", path: path,
                range: ByteRange(0, 1), location: SourceLocation(line: line, column: column, endLine: line, endColumn: endColumn),
                lineText: text)
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

    @Test func longLinesAreWindowedAroundTheFinding() {
        let line = String(repeating: "x", count: 5000) + "jwt.verify(t,k)" + String(repeating: "y", count: 5000)
        let finding = Self.finding("m.js", line: 1, column: 5001, endColumn: 5016, text: line, rule: "jwt-direct-call")
        let snippet = TextReporter(color: false).snippet(finding)
        let lines = snippet.split(separator: "\n")
        #expect(lines[0].count < 140)
        #expect(lines[0].contains("…xxxx"))
        #expect(lines[0].contains("jwt.verify(t,k)"))
        let sourceColumn = lines[0].firstRange(of: "jwt.verify")!.lowerBound
        let markerColumn = lines[1].firstIndex(of: "^")!
        #expect(lines[0].distance(from: lines[0].startIndex, to: sourceColumn)
                == lines[1].distance(from: lines[1].startIndex, to: markerColumn))
        #expect(lines[1].filter { $0 == "^" }.count == 15)
    }

    @Test func noFindingsSaysSo() {
        let empty = ScanResult(root: ".", filesScanned: 1, findings: [], diagnostics: [], ruleIDs: ["a"])
        #expect(TextReporter(color: false).render(empty) == "No findings in 1 file scanned.\n")
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
