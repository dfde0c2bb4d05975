import Model
import Testing
@testable import Reporting

/// GitHub Actions workflow commands (annotations).
@Suite struct GitHubReporterTests {
    static func finding(_ path: String = "svc/a.py", severity: Severity = .error, message: String = "`jwt` imported",
                        location: Model.SourceLocation = Model.SourceLocation(line: 3, column: 1, endLine: 3, endColumn: 11)) -> Finding {
        Finding(ruleID: "jwt-direct-import", severity: severity, message: message, path: path, range: ByteRange(0, 1),
                location: location)
    }

    static func render(_ findings: [Finding], prefix: String = "") -> String {
        GitHubReporter(pathPrefix: prefix).render(ScanResult(root: ".", filesScanned: 1, findings: findings, diagnostics: [],
                                                             ruleIDs: ["jwt-direct-import"]))
    }

    @Test func oneCommandPerFindingBySeverity() {
        let output = Self.render([Self.finding(), Self.finding("b.ts", severity: .warning), Self.finding("c.py", severity: .info)])
        #expect(output == """
            ::error file=svc/a.py,line=3,endLine=3,col=1,endColumn=11,title=jwt-direct-import::`jwt` imported
            ::warning file=b.ts,line=3,endLine=3,col=1,endColumn=11,title=jwt-direct-import::`jwt` imported
            ::notice file=c.py,line=3,endLine=3,col=1,endColumn=11,title=jwt-direct-import::`jwt` imported

            """)
    }

    @Test func nothingToAnnotateIsNoOutput() {
        #expect(Self.render([]) == "")
    }

    @Test func messagesAndPropertiesAreEscaped() {
        let finding = Self.finding("dir,1/a:b%.py", message: "100% sure:\r\nline two, ok")
        #expect(Self.render([finding]) == "::error file=dir%2C1/a%3Ab%25.py,line=3,endLine=3,col=1,endColumn=11,"
                + "title=jwt-direct-import::100% sure:%0D%0Aline two, ok\n".replacing("100%", with: "100%25"))
        #expect(GitHubReporter.escapeData("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f")
        #expect(GitHubReporter.escapeProperty("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf")
    }

    @Test func columnsAreUTF16AndLeftOutAcrossLines() {
        var astral = Self.finding()
        astral.location = SourceLocation(line: 2, column: 10, endLine: 2, endColumn: 23)
        astral.utf16Location = SourceLocation(line: 2, column: 11, endLine: 2, endColumn: 24)
        let multiLine = Self.finding(location: SourceLocation(line: 4, column: 5, endLine: 6, endColumn: 2))
        #expect(Self.render([astral, multiLine]) == """
            ::error file=svc/a.py,line=2,endLine=2,col=11,endColumn=24,title=jwt-direct-import::`jwt` imported
            ::error file=svc/a.py,line=4,endLine=6,title=jwt-direct-import::`jwt` imported

            """)
    }

    @Test func suppressedAndBaselinedFindingsAreLeftOut() {
        var suppressed = Self.finding("a.py")
        suppressed.suppression = Suppression(scope: .line, reason: "shim", line: 3)
        var known = Self.finding("b.py")
        known.baselineState = .unchanged
        var new = Self.finding("c.py")
        new.baselineState = .new
        #expect(Self.render([suppressed, known, new]) == "::error file=c.py,line=3,endLine=3,col=1,endColumn=11,title=jwt-direct-import::`jwt` imported\n")
    }

    @Test func pathsStartAtTheWorkingDirectory() {
        #expect(Self.render([Self.finding()], prefix: "services/billing/").hasPrefix("::error file=services/billing/svc/a.py,"))
    }
}
