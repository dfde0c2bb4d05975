import Lexing
import Model
import Testing
@testable import RuleEngine

/// The directive grammar, on comments found by the real lexers.
@Suite struct SuppressionParserTests {
    /// The directives in `code`'s comments, rendered as `scope[ids] reason` or `! problem`.
    static func parse(_ code: String, _ language: Language = .python) -> [String] {
        var code = code
        return code.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            let tokens = Lexer.tokenize(bytes, language: language, jsx: language == .typescript).tokens
            var directives: [SuppressionDirective] = []
            for token in tokens where token.kind == .comment {
                SuppressionParser.scan(token.range, bytes: bytes, into: &directives)
            }
            return directives.map { directive in
                if let problem = directive.problem { return "! " + problem }
                let ids = directive.targets.map(\.id).joined(separator: ",")
                return "\(directive.scope.rawValue)[\(ids)] \(directive.reason ?? "")"
            }
        }
    }

    @Test func pythonHashComment() {
        #expect(Self.parse("import jwt  # ssotguard: ignore[jwt-direct-import] -- legacy shim, removed in Q3\n")
            == ["line[jwt-direct-import] legacy shim, removed in Q3"])
        #expect(Self.parse("#ssotguard:ignore[jwt-direct-import]--why\n") == ["line[jwt-direct-import] why"])
    }

    @Test func typeScriptLineAndBlockComments() {
        #expect(Self.parse("// ssotguard: ignore[jwt-direct-call] -- test helper\n", .typescript)
            == ["line[jwt-direct-call] test helper"])
        #expect(Self.parse("f(); /* ssotguard: ignore[jwt-direct-call] -- test helper */ g();\n", .typescript)
            == ["line[jwt-direct-call] test helper"])
        #expect(Self.parse("<div>{/* ssotguard: ignore[jwt-direct-call] -- jsx */}</div>;\n", .typescript)
            == ["line[jwt-direct-call] jsx"])
    }

    @Test func severalIdsWithBlanks() {
        #expect(Self.parse("# ssotguard: ignore[ jwt-direct-import ,jwt-direct-call,  x ] -- r\n")
            == ["line[jwt-direct-import,jwt-direct-call,x] r"])
    }

    @Test func fileScope() {
        #expect(Self.parse("# ssotguard: ignore-file[jwt-direct-import] -- vendored\n") == ["file[jwt-direct-import] vendored"])
    }

    @Test func reasonRunsToTheEndOfTheLineOrTheNextDirective() {
        #expect(Self.parse("# ssotguard: ignore[a] -- one # ssotguard: ignore-file[b] -- two\n")
            == ["line[a] one", "file[b] two"])
        #expect(Self.parse("/* ssotguard: ignore[a] -- first line\n   continues here */\n", .typescript)
            == ["line[a] first line"])
        #expect(Self.parse("x = 1  # ssotguard: ignore[a] -- windows line end  \r\ny = 2\n") == ["line[a] windows line end"])
    }

    @Test func missingReason() {
        let problem = "! suppression without a reason: add `-- why` after `]`"
        #expect(Self.parse("# ssotguard: ignore[a]\n") == [problem])
        #expect(Self.parse("# ssotguard: ignore[a] --   \n") == [problem])
        #expect(Self.parse("# ssotguard: ignore[a] legacy code\n") == [problem])
        #expect(Self.parse("/* ssotguard: ignore[a] -- */\n", .typescript) == [problem])
    }

    @Test func malformedBrackets() {
        #expect(Self.parse("# ssotguard: ignore[a -- r\n") == ["! malformed suppression: `[` is not closed by `]`"])
        #expect(Self.parse("# ssotguard: ignore[a,\n") == ["! malformed suppression: `[` is not closed by `]`"])
        #expect(Self.parse("# ssotguard: ignore a -- r\n") == ["! malformed suppression: expected `[rule-id]` after `ignore`"])
        #expect(Self.parse("# ssotguard: ignore[] -- r\n") == ["! malformed suppression: empty rule id in `[...]`"])
        #expect(Self.parse("# ssotguard: ignore[a,,b] -- r\n") == ["! malformed suppression: empty rule id in `[...]`"])
        #expect(Self.parse("# ssotguard: ignore[a b] -- r\n") == ["! malformed suppression: expected `,` or `]` after rule id `a`"])
        #expect(Self.parse("# ssotguard: ingore[a] -- r\n")
            == ["! malformed suppression: unknown directive `ingore`; use `ignore[rule-id]` or `ignore-file[rule-id]`"])
        #expect(Self.parse("# ssotguard: [a] -- r\n")
            == ["! malformed suppression: expected `ignore[rule-id]` or `ignore-file[rule-id]` after `ssotguard:`"])
    }

    @Test func proseMentioningTheToolIsNoDirective() {
        #expect(Self.parse("# Checked by ssotguard: see the README.\n").isEmpty)
        #expect(Self.parse("# TODO(ssotguard): ignore[a] once the shim is gone\n").isEmpty)
        #expect(Self.parse("# notssotguard: ignore[a] -- r\n").isEmpty)
        #expect(Self.parse("# ssotguard ignore[a] -- r\n").isEmpty)
    }

    @Test func textInStringsIsNoDirective() {
        #expect(Self.parse("s = '# ssotguard: ignore[a]'\nt = \"\"\"\n# ssotguard: ignore[a] -- r\n\"\"\"\n").isEmpty)
        #expect(Self.parse("const s = '// ssotguard: ignore[a] -- r';\nconst t = `/* ssotguard: ignore[a] -- r */`;\n",
                           .typescript).isEmpty)
    }

    @Test func rangesPointAtTheDirectiveAndItsIds() {
        var code = "x = 1  # ssotguard: ignore[abc, de] -- why  \n"
        let directive = code.withUTF8 { buffer -> SuppressionDirective? in
            let bytes = UnsafeRawBufferPointer(buffer)
            var found: [SuppressionDirective] = []
            SuppressionParser.scan(ByteRange(7, 44), bytes: bytes, into: &found)
            return found.first
        }
        let utf8 = Array(code.utf8)
        func text(_ range: ByteRange?) -> String {
            guard let range else { return "" }
            return String(decoding: utf8[range.start..<range.end], as: UTF8.self)
        }
        #expect(text(directive?.range) == "ssotguard: ignore[abc, de] -- why")
        #expect(directive?.targets.map { text($0.range) } == ["abc", "de"])
        #expect(text(directive?.comment) == "# ssotguard: ignore[abc, de] -- why  ")
    }
}
