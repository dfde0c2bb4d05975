import Facts
import Lexing
import Model
import Testing
@testable import RuleEngine

/// `Suppressions.apply` on real snippets with the JWT import/call rules and the two meta-rules.
@Suite struct SuppressionTests {
    static let builtin: [Rule] = (try? RuleLoader.combine(RuleLoader.builtinPacks())) ?? []
    static let rules: [Rule] = builtin.filter {
        ["jwt-direct-import", "jwt-direct-call", "suppression-invalid", "suppression-unused"].contains($0.id.rawValue)
    }

    /// Each hit as `line rule-id` (active) or `line rule-id suppressed(scope@line: reason)`.
    static func run(_ code: String, _ language: Language = .python, rules: [Rule] = rules) -> [String] {
        hits(code, language, rules: rules).map { hit in
            var out = "\(hit.line) \(hit.hit.ruleID)"
            if let suppression = hit.hit.suppression {
                out += " suppressed(\(suppression.scope.rawValue)@\(suppression.line): \(suppression.reason))"
            }
            return out
        }
    }

    static func hits(_ code: String, _ language: Language = .python, rules: [Rule] = rules) -> [(line: Int, hit: RuleHit)] {
        var code = code
        return code.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            let tokens = Lexer.tokenize(bytes, language: language, jsx: language == .typescript).tokens
            let facts = FactExtractor.extract(tokens: tokens, bytes: bytes, language: language)
            let lines = LineIndex(bytes)
            let evaluated = Evaluator.evaluate(facts, path: language == .python ? "app/x.py" : "app/x.ts", rules: rules)
            return Suppressions.apply(evaluated, comments: facts.comments, bytes: bytes, lines: lines, rules: rules)
                .map { (lines.position(of: $0.range.start, in: bytes).line, $0) }
        }
    }

    static func messages(_ code: String, _ language: Language = .python) -> [String] {
        hits(code, language).filter { Suppressions.metaRuleIDs.contains($0.hit.ruleID) }.map { "\($0.line) \($0.hit.message)" }
    }

    // MARK: - Placement

    @Test func sameLineAndLineAbove() {
        #expect(Self.run("import jwt  # ssotguard: ignore[jwt-direct-import] -- legacy shim\n")
            == ["1 jwt-direct-import suppressed(line@1: legacy shim)"])
        #expect(Self.run("# ssotguard: ignore[jwt-direct-import] -- legacy shim\nimport jwt\n")
            == ["2 jwt-direct-import suppressed(line@1: legacy shim)"])
    }

    @Test func aTrailingCommentDoesNotReachTheNextLine() {
        #expect(Self.run("import jwt  # ssotguard: ignore[jwt-direct-import] -- shim\nimport jose\n")
            == ["1 jwt-direct-import suppressed(line@1: shim)", "2 jwt-direct-import"])
        #expect(Self.run("import os  # ssotguard: ignore[jwt-direct-import] -- shim\nimport jwt\n")
            == ["1 suppression-unused", "2 jwt-direct-import"])
        #expect(Self.messages("# ssotguard: ignore[jwt-direct-import] -- shim\nimport os\n")
            == ["1 suppression of `jwt-direct-import` is unused: no such finding on this line or the next"])
    }

    @Test func twoLinesAboveIsTooFar() {
        #expect(Self.run("# ssotguard: ignore[jwt-direct-import] -- legacy shim\n\nimport jwt\n")
            == ["1 suppression-unused", "3 jwt-direct-import"])
    }

    @Test func typeScriptCommentForms() {
        let code = """
            // ssotguard: ignore[jwt-direct-import] -- vendored SDK
            import jwt from 'jsonwebtoken';
            /* ssotguard: ignore[jwt-direct-call] -- test helper */
            const a = jwt.sign({}, key);
            const b = jwt.verify(t, key); /* ssotguard: ignore[jwt-direct-call] -- trailing */
            const c = <div>{/* ssotguard: ignore[jwt-direct-call] -- jsx */}{jwt.decode(t)}</div>;

            """
        #expect(Self.run(code, .typescript) == [
            "2 jwt-direct-import suppressed(line@1: vendored SDK)",
            "4 jwt-direct-call suppressed(line@3: test helper)",
            "5 jwt-direct-call suppressed(line@5: trailing)",
            "6 jwt-direct-call suppressed(line@6: jsx)",
        ])
    }

    @Test func multiLineBlockCommentCoversItsLinesAndTheNext() {
        let code = "/*\n * ssotguard: ignore[jwt-direct-import] -- vendored\n */\nimport jwt from 'jsonwebtoken';\n"
        #expect(Self.run(code, .typescript) == ["4 jwt-direct-import suppressed(line@2: vendored)"])
    }

    @Test func multiLineFindingIsSuppressedFromItsFirstLine() {
        let first = "import jwt  # ssotguard: ignore[jwt-direct-import] -- shim\njwt.encode(  # ssotguard: ignore[jwt-direct-call] -- r\n    payload,\n    key)\n"
        #expect(Self.run(first) == ["1 jwt-direct-import suppressed(line@1: shim)", "2 jwt-direct-call suppressed(line@2: r)"])
        let last = "import jwt  # ssotguard: ignore[jwt-direct-import] -- shim\njwt.encode(\n    payload,\n    key)  # ssotguard: ignore[jwt-direct-call] -- r\n"
        #expect(Self.run(last) == ["1 jwt-direct-import suppressed(line@1: shim)", "2 jwt-direct-call", "4 suppression-unused"])
    }

    @Test func theFindingsOwnLineWinsOverTheLineAbove() {
        let code = "# ssotguard: ignore[jwt-direct-import] -- above\nimport jwt  # ssotguard: ignore[jwt-direct-import] -- here\n"
        #expect(Self.run(code) == ["1 suppression-unused", "2 jwt-direct-import suppressed(line@2: here)"])
    }

    // MARK: - Ids

    @Test func severalIdsSuppressSeveralRules() {
        let code = "# ssotguard: ignore[jwt-direct-import, jwt-direct-call] -- migration script\nimport jwt; jwt.decode(t)\n"
        #expect(Self.run(code) == ["2 jwt-direct-import suppressed(line@1: migration script)",
                                   "2 jwt-direct-call suppressed(line@1: migration script)"])
    }

    @Test func suppressingOneRuleDoesNotHideAnotherOnTheSameLine() {
        #expect(Self.run("import jwt; jwt.decode(t)  # ssotguard: ignore[jwt-direct-import] -- shim\n")
            == ["1 jwt-direct-import suppressed(line@1: shim)", "1 jwt-direct-call"])
    }

    @Test func aliasesAreAccepted() {
        var rules = Self.rules
        let index = rules.firstIndex { $0.id == "jwt-direct-import" }!
        rules[index].aliases = ["jwt-import"]
        #expect(Self.run("import jwt  # ssotguard: ignore[jwt-import] -- old id\n", rules: rules)
            == ["1 jwt-direct-import suppressed(line@1: old id)"])
    }

    @Test func unknownIdIsInvalidAndTheOtherIdsStillApply() {
        let code = "import jwt  # ssotguard: ignore[jwt-direct-imports, jwt-direct-import] -- shim\n"
        #expect(Self.run(code) == ["1 jwt-direct-import suppressed(line@1: shim)", "1 suppression-invalid"])
        #expect(Self.messages(code) == ["1 `jwt-direct-imports` is not the id of a rule that ran; this part of the "
            + "suppression has no effect (see `ssotguard rules`)"])
    }

    // MARK: - Invalid suppressions take no effect

    @Test func missingReasonIsInvalidAndSuppressesNothing() {
        let code = "import jwt  # ssotguard: ignore[jwt-direct-import]\n"
        #expect(Self.run(code) == ["1 jwt-direct-import", "1 suppression-invalid"])
        #expect(Self.messages(code) == ["1 suppression without a reason: add `-- why` after `]`"])
    }

    @Test func malformedIsInvalidAndSuppressesNothing() {
        #expect(Self.run("import jwt  # ssotguard: ignore[jwt-direct-import -- shim\n")
            == ["1 jwt-direct-import", "1 suppression-invalid"])
        #expect(Self.run("import jwt  # ssotguard: ignore-next-line[jwt-direct-import] -- shim\n")
            == ["1 jwt-direct-import", "1 suppression-invalid"])
    }

    @Test func textInStringsNeverSuppresses() {
        #expect(Self.run("s = '# ssotguard: ignore[jwt-direct-import] -- r'; import jwt\n") == ["1 jwt-direct-import"])
        #expect(Self.run("s = \"\"\"\n# ssotguard: ignore[jwt-direct-import] -- r\n\"\"\"; import jwt\n")
            == ["3 jwt-direct-import"])
        let ts = "const s = `\n// ssotguard: ignore[jwt-direct-import] -- r\n`;\nimport jwt from 'jsonwebtoken';\n"
        #expect(Self.run(ts, .typescript) == ["4 jwt-direct-import"])
    }

    // MARK: - Unused

    @Test func unusedLineAndFileSuppressionsAreReportedPerId() {
        let code = "# ssotguard: ignore-file[jwt-direct-call] -- generated\nimport os  # ssotguard: ignore[jwt-direct-import, jwt-direct-call] -- r\n"
        #expect(Self.messages(code) == [
            "1 file-level suppression of `jwt-direct-call` is unused: no such finding in this file",
            "2 suppression of `jwt-direct-import` is unused: no such finding on this line",
            "2 suppression of `jwt-direct-call` is unused: no such finding on this line",
        ])
    }

    @Test func metaFindingsCanBeSuppressedToo() {
        let code = "# ssotguard: ignore-file[suppression-unused] -- fixture of examples\nimport os  # ssotguard: ignore[jwt-direct-import] -- r\n"
        #expect(Self.run(code) == ["2 suppression-unused suppressed(file@1: fixture of examples)"])
    }

    @Test func withoutMetaRulesSuppressionsStillWorkAndNothingIsReported() {
        let rules = Self.rules.filter { $0.kind != .meta }
        #expect(Self.run("import jwt  # ssotguard: ignore[jwt-direct-import] -- r\nimport os  # ssotguard: ignore[x]\n",
                         rules: rules) == ["1 jwt-direct-import suppressed(line@1: r)"])
    }

    @Test func commentsWithoutDirectivesLeaveHitsAlone() {
        #expect(Self.run("# expect: jwt-direct-import\nimport jwt  # noqa\n") == ["2 jwt-direct-import"])
    }
}
