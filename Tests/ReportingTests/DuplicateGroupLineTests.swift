import Model
import RuleEngine
import Testing
@testable import Reporting

@Suite struct DuplicateGroupLineTests {
    static func finding(_ path: String, line: Int, column: Int, name: String, prefix: String) -> Finding {
        var finding = Finding(ruleID: "jwt-duplicate-implementation", severity: .error,
                              message: "`\(name)` re-implements an auth-service token operation (calls jwt.decode)", path: path,
                              range: ByteRange(0, 1),
                              location: SourceLocation(line: line, column: column, endLine: line,
                                                       endColumn: column + name.split(separator: ".").last!.count))
        finding.groupKey = "validatetoken"
        finding.subject = name
        return finding
    }

    @Test func oneLinePerGroupBeforeTheSummary() {
        var suppressed = Self.finding("c.ts", line: 7, column: 14, name: "validateToken", prefix: "export const ")
        suppressed.suppression = Suppression(scope: .line, reason: "legacy", line: 6)
        let grouped = DuplicateGrouping.group([
            Self.finding("a.py", line: 10, column: 5, name: "validate_token", prefix: "def "),
            Self.finding("b.py", line: 4, column: 15, name: "Auth.validate_token", prefix: "    async def "),
            suppressed,
        ])
        var result = ScanResult(root: ".", filesScanned: 3, findings: grouped.findings, diagnostics: [],
                                ruleIDs: ["jwt-duplicate-implementation"])
        result.groups = grouped.groups
        let text = TextReporter(color: false).render(result)
        #expect(text.hasSuffix("""
            `validate_token` implemented 3 times: a.py:10, b.py:4, c.ts:7

            Found 2 findings (2 errors) in 2 files of 3 scanned.
              jwt-duplicate-implementation  2
            1 finding suppressed by inline comments (see --format json).

            """))
        let alone = Self.finding("a.py", line: 10, column: 5, name: "validate_token", prefix: "def ")
        #expect(!TextReporter(color: false).render(ScanResult(root: ".", filesScanned: 1, findings: [alone],
                                                              diagnostics: [], ruleIDs: [])).contains("implemented"))
    }
}
