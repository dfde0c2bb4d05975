import Foundation
import Model
import Testing
@testable import Reporting

/// SARIF 2.1.0 as GitHub code scanning needs it (GitHub's SARIF support and limits).
@Suite struct SARIFReporterTests {
    static let rule = RuleInfo(id: "jwt-direct-call", summary: "JWT call outside the SSOT.", why: "One place decides.",
                               instead: "Call `auth.verify()`.", severity: .error, kind: "forbidden-call",
                               allowedPaths: ["auth/**"], securitySeverity: "8.1", precision: .high, pack: "jwt",
                               cwe: ["CWE-287"])

    static func finding(_ path: String = "svc/a.py", line: Int = 2, rule: RuleID = "jwt-direct-call",
                        severity: Severity = .error) -> Finding {
        var finding = Finding(ruleID: rule, severity: severity, message: "`jwt.decode` called outside the SSOT", path: path,
                              range: ByteRange(0, 1),
                              location: SourceLocation(line: line, column: 10, endLine: line, endColumn: 23),
                              snippet: Snippet(line: "x = \"😀\"; jwt.decode(t)", column: 10, endColumn: 23))
        finding.utf16Location = SourceLocation(line: line, column: 11, endLine: line, endColumn: 24)
        finding.fingerprint = "0123abcd:1"
        finding.primaryLocationLineHash = "d924d6e7ccee4c4d:1"
        finding.phase = "phase-1.1"
        finding.phaseTitle = "Phase 1.1"
        return finding
    }

    static func result(_ findings: [Finding], diagnostics: [Diagnostic] = [], rules: [RuleInfo] = [rule]) -> ScanResult {
        ScanResult(root: ".", filesScanned: 1, findings: findings, diagnostics: diagnostics, ruleIDs: rules.map(\.id),
                   rules: rules, rootDirectory: "/work/my repo")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func run(_ text: String) throws -> [String: Any] {
        let runs = try #require(try json(text)["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return runs[0]
    }

    static func results(_ text: String) throws -> [[String: Any]] {
        try #require(try run(text)["results"] as? [[String: Any]])
    }

    @Test func aSmallLogIsExactly() {
        let sarif = SARIFReporter().render(Self.result([Self.finding()]))
        #expect(sarif == #"""
            {
              "$schema" : "https://json.schemastore.org/sarif-2.1.0.json",
              "runs" : [
                {
                  "automationDetails" : {
                    "id" : "ssotguard/"
                  },
                  "columnKind" : "utf16CodeUnits",
                  "invocations" : [
                    {
                      "executionSuccessful" : true,
                      "toolExecutionNotifications" : [

                      ]
                    }
                  ],
                  "originalUriBaseIds" : {
                    "%SRCROOT%" : {
                      "uri" : "file:///work/my%20repo/"
                    }
                  },
                  "results" : [
                    {
                      "fingerprints" : {
                        "ssotguard/v1" : "0123abcd:1"
                      },
                      "level" : "error",
                      "locations" : [
                        {
                          "physicalLocation" : {
                            "artifactLocation" : {
                              "uri" : "svc/a.py",
                              "uriBaseId" : "%SRCROOT%"
                            },
                            "region" : {
                              "endColumn" : 24,
                              "endLine" : 2,
                              "startColumn" : 11,
                              "startLine" : 2
                            }
                          }
                        }
                      ],
                      "message" : {
                        "text" : "`jwt.decode` called outside the SSOT"
                      },
                      "partialFingerprints" : {
                        "primaryLocationLineHash" : "d924d6e7ccee4c4d:1"
                      },
                      "properties" : {
                        "phase" : "phase-1.1",
                        "phaseTitle" : "Phase 1.1"
                      },
                      "ruleId" : "jwt-direct-call",
                      "ruleIndex" : 0
                    }
                  ],
                  "tool" : {
                    "driver" : {
                      "name" : "ssotguard",
                      "rules" : [
                        {
                          "defaultConfiguration" : {
                            "level" : "error"
                          },
                          "fullDescription" : {
                            "text" : "One place decides."
                          },
                          "help" : {
                            "markdown" : "**JWT call outside the SSOT.**\n\nOne place decides.\n\n**Instead:** Call `auth.verify()`.\n\n**Allowed in:** `auth/**`",
                            "text" : "JWT call outside the SSOT.\n\nWhy: One place decides.\n\nInstead: Call `auth.verify()`.\n\nAllowed in: auth/**"
                          },
                          "id" : "jwt-direct-call",
                          "name" : "JwtDirectCall",
                          "properties" : {
                            "precision" : "high",
                            "security-severity" : "8.1",
                            "tags" : [
                              "security",
                              "external/cwe/cwe-287",
                              "jwt",
                              "forbidden-call"
                            ]
                          },
                          "shortDescription" : {
                            "text" : "JWT call outside the SSOT."
                          }
                        }
                      ],
                      "semanticVersion" : "0.1.0",
                      "version" : "0.1.0"
                    }
                  }
                }
              ],
              "version" : "2.1.0"
            }

            """#)
    }

    /// GitHub rejects a run of more than 25,000 results: the most severe are kept, in report
    /// order, and a tool notification says how many were left out.
    @Test func resultsOverTheLimitAreLeftOutMostSevereFirst() throws {
        var findings: [Finding] = []
        for line in 1...6 {
            findings.append(Self.finding("svc/a.py", line: line, severity: line % 3 == 0 ? .error : line % 3 == 1 ? .warning : .info))
        }
        var reporter = SARIFReporter()
        reporter.resultLimit = 3
        let result = Self.result(findings)
        let sarif = reporter.render(result)
        let lines = try Self.results(sarif).map { (($0["locations"] as? [[String: Any]])?.first?["physicalLocation"]
            as? [String: Any]).flatMap { ($0["region"] as? [String: Any])?["startLine"] as? Int } }
        // Errors (lines 3, 6) and the first warning (line 1), in report order.
        #expect(lines == [1, 3, 6])
        #expect(reporter.omittedResults(result) == 3)
        let notifications = try #require(((try Self.run(sarif)["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"])
                                         as? [[String: Any]])
        let texts = notifications.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(texts.contains { $0.hasPrefix("3 results were left out: a run holds at most 3") })
        #expect(SARIFReporter().omittedResults(result) == 0)
        #expect(SARIFReporter.gitHubResultLimit == 25_000)
    }

    @Test func anEmptyScanIsStillACompleteLog() throws {
        let sarif = SARIFReporter().render(Self.result([], rules: []))
        let object = try Self.json(sarif)
        #expect(object["version"] as? String == "2.1.0")
        #expect(object["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try Self.run(sarif)
        #expect((run["results"] as? [Any])?.isEmpty == true)
        #expect(run["columnKind"] as? String == "utf16CodeUnits")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "ssotguard")
        #expect((driver["rules"] as? [Any])?.isEmpty == true)
    }

    @Test func levelsFollowSeverityAndRuleIndexPointsIntoTheRules() throws {
        let rules = [RuleInfo(id: "a-rule", summary: "s", why: "w", instead: "", severity: .info, kind: "meta",
                              allowedPaths: [], securitySeverity: "3.0", precision: .low), Self.rule]
        let findings = [Self.finding("a.py", rule: "a-rule", severity: .info),
                        Self.finding("b.py", severity: .warning), Self.finding("c.py", rule: "not-loaded")]
        let sarif = SARIFReporter().render(Self.result(findings, rules: rules))
        let results = try Self.results(sarif)
        #expect(results.map { $0["level"] as? String } == ["note", "warning", "error"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [0, 1, 2])
        let driver = try #require((try Self.run(sarif)["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let descriptors = try #require(driver["rules"] as? [[String: Any]])
        #expect(descriptors.map { $0["id"] as? String } == ["a-rule", "jwt-direct-call", "not-loaded"])
        #expect((descriptors[0]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "note")
        // A rule without `instead` or allowed paths gets no empty sections in its help.
        #expect((descriptors[0]["help"] as? [String: Any])?["text"] as? String == "s\n\nWhy: w")
        // A finding of a rule that is not loaded still gets a complete descriptor.
        let unknown = descriptors[2]
        #expect((unknown["shortDescription"] as? [String: Any])?["text"] as? String == "not-loaded")
        #expect((unknown["properties"] as? [String: Any])?["security-severity"] as? String == "7.5")
    }

    @Test func byDefaultOnlyWhatShouldBeAnAlert() throws {
        var suppressed = Self.finding("a.py")
        suppressed.suppression = Suppression(scope: .line, reason: "legacy shim", line: 1)
        var known = Self.finding("b.py")
        known.baselineState = .unchanged
        var new = Self.finding("c.py")
        new.baselineState = .new
        let result = Self.result([suppressed, known, new])

        let alerts = try Self.results(SARIFReporter().render(result))
        #expect(alerts.count == 1)
        #expect(alerts[0]["baselineState"] as? String == "new")

        let all = try Self.results(SARIFReporter(includeAll: true).render(result))
        #expect(all.count == 3)
        let suppressions = try #require(all[0]["suppressions"] as? [[String: Any]])
        #expect(suppressions.count == 1)
        #expect(suppressions[0]["kind"] as? String == "inSource")
        #expect(suppressions[0]["justification"] as? String == "legacy shim")
        #expect(all[1]["baselineState"] as? String == "unchanged")
        #expect(all[1]["suppressions"] == nil)
    }

    @Test func relatedLocationsHaveIdsAndMessages() throws {
        var finding = Self.finding()
        finding.relatedLocations = [
            RelatedLocation(path: "svc/a.py", location: SourceLocation(line: 1, column: 5, endLine: 1, endColumn: 9),
                            message: "the secret's literal", utf16Location: SourceLocation(line: 1, column: 6, endLine: 1, endColumn: 11)),
            RelatedLocation(path: "other/b.py", location: SourceLocation(line: 7, column: 1, endLine: 9, endColumn: 2),
                            message: "another copy"),
        ]
        let result = try Self.results(SARIFReporter().render(Self.result([finding])))[0]
        let related = try #require(result["relatedLocations"] as? [[String: Any]])
        #expect(related.map { $0["id"] as? Int } == [1, 2])
        // GitHub shows related locations the message links; literal brackets are escaped then.
        #expect((result["message"] as? [String: Any])?["text"] as? String
                == finding.message + ". See [the secret's literal](1), [another copy](2).")
        #expect(SARIFReporter.message("a [b] c.", linking: ["x [y]"]) == #"a \[b\] c. See [x \[y\]](1)."#)
        #expect(SARIFReporter.message("no links", linking: []) == "no links")
        #expect(related.map { ($0["message"] as? [String: Any])?["text"] as? String } == ["the secret's literal", "another copy"])
        let regions = related.map { ($0["physicalLocation"] as? [String: Any])?["region"] as? [String: Int] }
        // UTF-16 columns where the scanner computed them, else the character columns.
        #expect(regions[0] == ["startLine": 1, "startColumn": 6, "endLine": 1, "endColumn": 11])
        #expect(regions[1] == ["startLine": 7, "startColumn": 1, "endLine": 9, "endColumn": 2])
    }

    @Test func noSnippetsSoNoSecrets() throws {
        var finding = Self.finding()
        finding.snippet = Snippet(line: "KEY = \"de…(41 chars)\"", column: 7, endColumn: 22)
        let sarif = SARIFReporter(includeAll: true).render(Self.result([finding]))
        #expect(!sarif.contains("snippet"))
        #expect(!sarif.contains("KEY ="))
    }

    @Test func diagnosticsAreNotificationsAndErrorsMakeTheRunUnsuccessful() throws {
        let diagnostics = [
            Diagnostic(level: .warning, path: "assets/blob.js", message: "binary file (NUL byte found); not scanned"),
            Diagnostic(level: .warning, path: "src/bad.py", line: 4, column: 9, message: "unterminated string"),
            Diagnostic(level: .error, path: "/elsewhere/missing dir", message: "no such file or directory"),
        ]
        let run = try Self.run(SARIFReporter().render(Self.result([], diagnostics: diagnostics)))
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notifications = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.map { $0["level"] as? String } == ["warning", "warning", "error"])
        #expect((notifications[1]["message"] as? [String: Any])?["text"] as? String == "unterminated string")
        func physical(_ index: Int) -> [String: Any]? {
            ((notifications[index]["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any]
        }
        #expect(physical(0)?["region"] == nil)
        #expect(physical(1)?["region"] as? [String: Int] == ["startLine": 4])
        #expect(physical(1)?["artifactLocation"] as? [String: String] == ["uri": "src/bad.py", "uriBaseId": "%SRCROOT%"])
        #expect(physical(2)?["artifactLocation"] as? [String: String] == ["uri": "file:///elsewhere/missing%20dir"])

        let clean = try Self.run(SARIFReporter().render(Self.result([], diagnostics: Array(diagnostics.prefix(2)))))
        #expect(((clean["invocations"] as? [[String: Any]])?.first)?["executionSuccessful"] as? Bool == true)
    }

    @Test func urisArePercentEncodedRelativePaths() {
        #expect(URIPath.encode("src/main.py") == "src/main.py")
        #expect(URIPath.encode("./src/a b.py") == "src/a%20b.py")
        #expect(URIPath.encode("app/[id]/page#1?.tsx") == "app/%5Bid%5D/page%231%3F.tsx")
        #expect(URIPath.encode("100%/c:d.py") == "100%25/c%3Ad.py")
        #expect(URIPath.encode("日本/ü.py") == "%E6%97%A5%E6%9C%AC/%C3%BC.py")
        #expect(URIPath.encode("(group)/@scope/a-b_c.~!$&'*+,;=.ts") == "(group)/@scope/a-b_c.~!$&'*+,;=.ts")
        #expect(URIPath.fileURI(directory: "/home/runner/work/repo") == "file:///home/runner/work/repo/")
        #expect(URIPath.fileURI(directory: "/") == "file:///")
    }

    @Test func ruleNamesAreThePascalCaseOfTheirIds() {
        #expect(SARIFReporter.pascalCase("jwt-direct-import") == "JwtDirectImport")
        #expect(SARIFReporter.pascalCase("suppression-unused") == "SuppressionUnused")
        #expect(SARIFReporter.pascalCase("a2-b") == "A2B")
    }

    @Test func longDescriptionsAreCutToGitHubsLimit() {
        let long = String(repeating: "é", count: 2000)
        let cut = SARIFReporter.limited(long)
        #expect(cut.count == 1024)
        #expect(cut.hasSuffix("…"))
        #expect(SARIFReporter.limited("short") == "short")
    }

    /// Tags depend on the rule only: the same whichever findings (and phases) a run had.
    @Test func tagsNameTheRuleNotTheRunsFindings() throws {
        var other = Self.finding("z.py")
        other.phase = "phase-2.tests"
        for findings in [[Self.finding(), other, Self.finding("y.py")], [Self.finding()], []] {
            let sarif = SARIFReporter().render(Self.result(findings))
            let driver = try #require((try Self.run(sarif)["tool"] as? [String: Any])?["driver"] as? [String: Any])
            let properties = try #require((driver["rules"] as? [[String: Any]])?.first?["properties"] as? [String: Any])
            #expect(properties["tags"] as? [String] == ["security", "external/cwe/cwe-287", "jwt", "forbidden-call"])
            #expect(Double(try #require(properties["security-severity"] as? String)) == 8.1)
        }
    }

    @Test func withoutAKnownRootTheBaseIsNotDeclared() throws {
        let result = ScanResult(root: ".", filesScanned: 0, findings: [Self.finding()], diagnostics: [], ruleIDs: [])
        let run = try Self.run(SARIFReporter().render(result))
        #expect(run["originalUriBaseIds"] == nil)
        // Without a UTF-16 location (findings built elsewhere), the character columns are used.
        var plain = Self.finding()
        plain.utf16Location = nil
        let region = try #require(((try Self.results(SARIFReporter().render(Self.result([plain])))[0]["locations"]
                                    as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Int])
        #expect(region == ["startLine": 2, "startColumn": 10, "endLine": 2, "endColumn": 23])
    }
}
