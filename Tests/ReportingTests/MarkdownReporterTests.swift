import Model
import Testing
@testable import Reporting

/// The pull-request comment summary.
@Suite struct MarkdownReporterTests {
    static func finding(_ path: String, line: Int, rule: RuleID = "jwt-direct-import", message: String = "`jwt` imported",
                        phase: String = "phase-1.1", state: BaselineState? = nil) -> Finding {
        var finding = Finding(ruleID: rule, severity: .error, message: message, path: path, range: ByteRange(0, 1),
                              location: SourceLocation(line: line, column: 1, endLine: line, endColumn: 11))
        finding.phase = phase
        finding.phaseTitle = phase == "phase-1.1" ? "Phase 1.1: imports" : "Phase 2: tests"
        finding.baselineState = state
        return finding
    }

    static func result(_ findings: [Finding], diagnostics: [Diagnostic] = []) -> ScanResult {
        ScanResult(root: ".", filesScanned: 4, findings: findings, diagnostics: diagnostics, ruleIDs: ["jwt-direct-import"])
    }

    @Test func findingsThenPhases() {
        var suppressed = Self.finding("z.py", line: 1)
        suppressed.suppression = Suppression(scope: .file, reason: "generated", line: 1)
        let result = Self.result([Self.finding("a.py", line: 3), Self.finding("tests/t.py", line: 9, phase: "phase-2.tests"),
                                  suppressed],
                                 diagnostics: [Diagnostic(level: .warning, path: "b.js", message: "binary")])
        #expect(MarkdownReporter().render(result) == """
            ### ssotguard: 2 findings

            | Location | Rule | Message |
            |---|---|---|
            | `a.py:3` | `jwt-direct-import` | \\`jwt\\` imported |
            | `tests/t.py:9` | `jwt-direct-import` | \\`jwt\\` imported |

            | Phase | Open |
            |---|---:|
            | `phase-1.1` Phase 1.1: imports | 1 |
            | `phase-2.tests` Phase 2: tests | 1 |

            4 files scanned; 1 suppressed inline; 1 file problem (see the log).

            """)
    }

    /// Phases come in plan order, as `progress` lists them; phases the plan lacks come last.
    @Test func phasesAreInPlanOrder() {
        var result = Self.result([Self.finding("a.py", line: 3), Self.finding("t.py", line: 9, phase: "phase-2.tests"),
                                  Self.finding("u.py", line: 1, phase: "unplanned")])
        result.phaseOrder = ["security", "phase-2.tests", "phase-1.1"]
        let text = MarkdownReporter().render(result)
        let order = ["`phase-2.tests`", "`phase-1.1`", "`unplanned`"].compactMap { text.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "\(text)")
        #expect(TextReporter(color: false).render(result).contains("By phase: phase-2.tests 1, phase-1.1 1, unplanned 1"))
    }

    @Test func withABaselineOnlyNewFindingsAreListed() {
        let result = Self.result([Self.finding("a.py", line: 3, state: .unchanged), Self.finding("b.py", line: 5, state: .new),
                                  Self.finding("c.py", line: 1, phase: "phase-2.tests", state: .unchanged)])
        #expect(MarkdownReporter().render(result) == """
            ### ssotguard: 1 new finding (3 open)

            | Location | Rule | Message |
            |---|---|---|
            | `b.py:5` | `jwt-direct-import` | \\`jwt\\` imported |

            | Phase | Open | New |
            |---|---:|---:|
            | `phase-1.1` Phase 1.1: imports | 2 | 1 |
            | `phase-2.tests` Phase 2: tests | 1 | 0 |

            4 files scanned.

            """)
        let nothingNew = Self.result([Self.finding("a.py", line: 3, state: .unchanged)])
        #expect(MarkdownReporter().render(nothingNew).hasPrefix("### ssotguard: no new findings (1 open finding)\n\n| Phase |"))
    }

    @Test func theTableIsCapped() {
        let findings = (1...30).map { Self.finding("a.py", line: $0) }
        let text = MarkdownReporter(limit: 25).render(Self.result(findings))
        #expect(text.components(separatedBy: "| `a.py:").count - 1 == 25)
        #expect(text.contains("| `a.py:25` |"))
        #expect(!text.contains("| `a.py:26` |"))
        #expect(text.contains("\n…and 5 more.\n"))
    }

    @Test func anEmptyScanSaysSo() {
        #expect(MarkdownReporter().render(Self.result([])) == "### ssotguard: no findings\n\n4 files scanned.\n")
    }

    @Test func textFromCodeCannotBreakTheTableOrInjectHTMLOrMentions() {
        let message = "`a|b` <script>alert(1)</script> & @nestjs/jwt *x* [l](http://e) \\ line\nbreak"
        let escaped = MarkdownReporter.escape(message)
        #expect(escaped == "\\`a\\|b\\` &lt;script&gt;alert(1)&lt;/script&gt; &amp; @&#8203;nestjs/jwt \\*x\\* \\[l\\](http://e) \\\\ line break")
        let row = MarkdownReporter().render(Self.result([Self.finding("we|ird`.py", line: 1, message: message)]))
            .split(separator: "\n")[3]
        #expect(row.hasPrefix("| ``we\\|ird`.py:1`` | `jwt-direct-import` | "))
        #expect(!row.contains("<script>"))
        // Only the cell separators are unescaped pipes.
        #expect(row.replacing("\\|", with: "").filter { $0 == "|" }.count == 4)
    }

    @Test func codeSpansOutgrowTheBackticksInside() {
        #expect(MarkdownReporter.code("a.py:3") == "`a.py:3`")
        #expect(MarkdownReporter.code("we`ird.py") == "``we`ird.py``")
        #expect(MarkdownReporter.code("`x``") == "``` `x`` ```")
        #expect(MarkdownReporter.code("a|b\nc") == "`a\\|b c`")
    }
}
