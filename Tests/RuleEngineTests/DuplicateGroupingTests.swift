import Facts
import Lexing
import Model
import Testing
@testable import RuleEngine

/// Cross-file grouping of duplicated implementations.
@Suite struct DuplicateGroupingTests {
    static let rule = "jwt-duplicate-implementation"

    /// The duplicate findings of `code` at `path`, as the pipeline would make them.
    static func findings(_ code: String, _ language: Language, path: String) -> [Finding] {
        let hits = RuleProbe.hits(code, language, rule: rule, path: path)
        var code = code
        return code.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            let index = LineIndex(bytes)
            return hits.map { hit in
                let location = index.location(of: hit.range, in: bytes)
                var finding = Finding(ruleID: hit.ruleID, severity: hit.severity, message: hit.message, path: path,
                                      range: hit.range, location: location)
                finding.groupKey = hit.groupKey
                finding.shape = hit.shape
                finding.subject = hit.subject
                return finding
            }
        }
    }

    static func related(_ findings: [Finding]) -> [[String]] {
        DuplicateGrouping.group(findings).findings.map { finding in
            finding.relatedLocations.map { "\($0.path):\($0.location.line) \($0.message)" }
        }
    }

    @Test func sameOperationNameAcrossFilesAndLanguages() {
        let a = Self.findings("import jwt\ndef validate_token(t):\n    return jwt.decode(t, K)\n", .python, path: "a.py")
        let b = Self.findings("import jwt\nclass S:\n    async def validate_token(self, t):\n        return t['exp'] > now\n",
                              .python, path: "b.py")
        let c = Self.findings("import jwt from 'jsonwebtoken';\nexport const validateToken = (t) => jwt.verify(t, K);\n",
                              .typescript, path: "c.ts")
        let other = Self.findings("import jwt\ndef create_token(c):\n    return jwt.encode(c, K)\n", .python, path: "d.py")
        #expect(Self.related(a + b + c + other) == [
            ["b.py:3 also implemented here: `S.validate_token`", "c.ts:2 also implemented here: `validateToken`"],
            ["a.py:2 also implemented here: `validate_token`", "c.ts:2 also implemented here: `validateToken`"],
            ["a.py:2 also implemented here: `validate_token`", "b.py:3 also implemented here: `S.validate_token`"],
            [],
        ])
    }

    @Test func nearCopiesWithOtherNamesAndRenamedVariables() {
        let original = """
            import jwt
            def verify_jwt(token, key):
                try:
                    claims = jwt.decode(token, key, algorithms=["HS256"])
                except jwt.ExpiredSignatureError:
                    return None
                if claims["iss"] != ISSUER:
                    return None
                return claims["sub"]
            """
        let copy = """
            import jwt as pyjwt
            class Legacy:
                def check_token(self, tok, secret):
                    try:
                        payload = pyjwt.decode(tok, secret, algorithms=["RS256"])
                    except pyjwt.ExpiredSignatureError:
                        return None
                    if payload["iss"] != self.issuer:
                        return None
                    return payload["sub"]
            """
        let unrelated = """
            import jwt
            def create_access_token(user):
                now = time.time()
                claims = {"sub": user.id, "iat": now, "exp": now + 900, "roles": [r.name for r in user.roles]}
                return jwt.encode(claims, KEY, algorithm="HS256")
            """
        let a = Self.findings(original, .python, path: "a.py")
        let b = Self.findings(copy, .python, path: "b.py")
        let c = Self.findings(unrelated, .python, path: "c.py")
        #expect(DuplicateGrouping.similarity(a[0].shape, b[0].shape) >= DuplicateGrouping.similarityThreshold)
        #expect(DuplicateGrouping.similarity(a[0].shape, c[0].shape) < 0.3)
        #expect(Self.related(a + b + c) == [
            ["b.py:3 also implemented here: `Legacy.check_token`"], ["a.py:2 also implemented here: `verify_jwt`"], [],
        ])
    }

    @Test func tinyBodiesAreNotComparedByShape() {
        let a = Self.findings("import jwt\ndef verify_token(t):\n    return jwt.decode(t)\n", .python, path: "a.py")
        let b = Self.findings("import jwt\ndef issue_token(t):\n    return jwt.encode(t)\n", .python, path: "b.py")
        #expect((a[0].shape?.shingleCount ?? 0) < DuplicateGrouping.minimumShape)
        #expect(Self.related(a + b) == [[], []])
    }

    @Test func groupingIsTransitiveAndPerRule() {
        func finding(_ path: String, _ line: Int, key: String?, shape: [UInt64] = [], rule: RuleID = "jwt-duplicate-implementation") -> Finding {
            var finding = Finding(ruleID: rule, severity: .error, message: "`\(key ?? "x")` re-implements (calls x)", path: path,
                                  range: ByteRange(0, 1), location: SourceLocation(line: line, column: 5, endLine: line, endColumn: 6))
            finding.groupKey = key
            finding.shape = ShapeSignature(shingles: shape)
            return finding
        }
        let shapeA = Array(UInt64(0)..<20)
        let shapeB = Array(UInt64(2)..<22)
        let findings = [
            finding("a.py", 1, key: "verifytoken", shape: shapeA),
            finding("b.py", 1, key: "checkjwt", shape: shapeB),
            finding("c.py", 1, key: "checkjwt"),
            finding("d.py", 1, key: "verifytoken", rule: "other-rule"),
            finding("e.py", 1, key: nil),
        ]
        let grouped = DuplicateGrouping.group(findings)
        #expect(grouped.findings.map { $0.relatedLocations.map(\.path) } == [["b.py", "c.py"], ["a.py", "c.py"], ["a.py", "b.py"], [], []])
        #expect(grouped.findings.map(\.path) == findings.map(\.path))
        #expect(grouped.findings.map { $0.group?.id } == ["G1", "G1", "G1", nil, nil])
        #expect(grouped.groups.map { $0.members.map(\.path) } == [["a.py", "b.py", "c.py"]])
    }

    @Test func existingRelatedLocationsAreKeptAndSorted() {
        var first = Finding(ruleID: "r", severity: .error, message: "`f` x", path: "z.py", range: ByteRange(0, 1),
                            location: SourceLocation(line: 9, column: 5, endLine: 9, endColumn: 6))
        first.groupKey = "f"
        first.subject = "f"
        first.relatedLocations = [RelatedLocation(path: "z.py", location: SourceLocation(line: 1, column: 1, endLine: 1, endColumn: 2),
                                                  message: "defined here")]
        var second = first
        second.path = "a.py"
        second.relatedLocations = []
        let grouped = DuplicateGrouping.group([second, first]).findings
        #expect(grouped[1].relatedLocations.map(\.path) == ["a.py", "z.py"])
        #expect(grouped[1].relatedLocations.map(\.message) == ["also implemented here: `f`", "defined here"])
    }

    @Test func signaturesEstimateJaccardSimilarity() {
        func signature(_ shingles: Range<UInt64>) -> ShapeSignature { ShapeSignature(shingles: Array(shingles)) }
        #expect(DuplicateGrouping.similarity(signature(0..<40), signature(0..<40)) == 1)
        #expect(DuplicateGrouping.similarity(signature(0..<40), signature(1000..<1040)) == 0)
        // |A ∩ B| / |A ∪ B| = 30 / 50: exact while the sketches hold the whole sets.
        #expect(DuplicateGrouping.similarity(signature(0..<40), signature(10..<50)) == 0.6)
        // Large bodies: the bottom-k estimate stays near the truth (3,000 / 5,000 = 0.6).
        let estimate = DuplicateGrouping.similarity(signature(0..<4_000), signature(1_000..<5_000))
        #expect(abs(estimate - 0.6) < 0.1)
        #expect(DuplicateGrouping.similarity(nil, signature(0..<40)) == 0)
        // The same set in any order and with repeats has the same signature.
        #expect(ShapeSignature(shingles: [3, 1, 2, 2, 1]) == ShapeSignature(shingles: [1, 2, 3]))
        #expect(ShapeSignature(shingles: [3, 1, 2]).shingleCount == 3)
    }

    @Test func groupsForReportsListEachGroupOnce() {
        let a = Self.findings("import jwt\ndef validate_token(t):\n    return jwt.decode(t, K)\n", .python, path: "a.py")
        let b = Self.findings("import jwt\nclass S:\n    def validate_token(self, t):\n        return jwt.decode(t, K)\n",
                              .python, path: "b.py")
        let c = Self.findings("import jwt from 'jsonwebtoken';\nexport const validateToken = (t) => jwt.verify(t, K);\n",
                              .typescript, path: "c.ts")
        let groups = DuplicateGrouping.group(a + b + c).groups
        #expect(groups.map(\.name) == ["validate_token"])
        #expect(groups.map { $0.members.map { "\($0.path):\($0.location.line)" } } == [["a.py:2", "b.py:3", "c.ts:2"]])
        #expect(groups.map { $0.members.map(\.subject) } == [["validate_token", "S.validate_token", "validateToken"]])
        #expect(DuplicateGrouping.subject(of: b[0]) == "S.validate_token")
    }

    /// A group of thousands is reported with bounded size: each member names its group and
    /// carries at most `Finding.relatedLimit` others; the full membership is in the group once.
    @Test func largeGroupsStayBoundedPerFinding() {
        let copy = Self.findings("import jwt\ndef validate_token(t):\n    return jwt.decode(t, K)\n", .python, path: "x.py")[0]
        let findings = (0..<3000).map { number -> Finding in
            var finding = copy
            finding.path = "m\(number).py"
            return finding
        }.sorted(by: Finding.reportOrder)
        let grouped = DuplicateGrouping.group(findings)
        #expect(grouped.groups.count == 1)
        #expect(grouped.groups[0].members.count == 3000)
        #expect(grouped.findings.allSatisfy { $0.group == GroupMembership(id: "G1", size: 3000) })
        #expect(grouped.findings.allSatisfy { $0.relatedLocations.count == Finding.relatedLimit })
        #expect(!grouped.findings[0].relatedLocations.contains { $0.path == grouped.findings[0].path })
    }

    /// Near-copies are found through the signature bands, not by comparing every pair: many
    /// distinct pairs at similarity about 0.8 are each joined, and unrelated shapes are not.
    @Test func nearCopiesAreFoundWithoutComparingEveryPair() {
        func finding(_ path: String, _ shape: [UInt64]) -> Finding {
            var finding = Finding(ruleID: "r", severity: .error, message: "m", path: path, range: ByteRange(0, 1),
                                  location: SourceLocation(line: 1, column: 1, endLine: 1, endColumn: 2))
            finding.groupKey = path
            finding.subject = path
            finding.shape = ShapeSignature(shingles: shape)
            return finding
        }
        var findings: [Finding] = []
        for pair in 0..<300 {
            let base = UInt64(pair) * 1_000
            findings.append(finding(String(format: "a%04d.py", pair), Array(base..<(base + 45))))
            findings.append(finding(String(format: "b%04d.py", pair), Array((base + 5)..<(base + 50))))
        }
        findings.sort(by: Finding.reportOrder)
        let grouped = DuplicateGrouping.group(findings)
        #expect(grouped.groups.count == 300)
        #expect(grouped.groups.allSatisfy { $0.members.count == 2 && $0.members[0].path.dropFirst() == $0.members[1].path.dropFirst() })
    }
}
