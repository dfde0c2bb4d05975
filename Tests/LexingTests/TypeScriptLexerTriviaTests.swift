import Testing
@testable import Lexing

/// Line breaks, comments, BOM, shebang and unterminated literals.
@Suite struct TypeScriptLexerTriviaTests {
    /// `newlineBefore` of each token, in order.
    private func breaks(_ source: String) -> [Bool] {
        TSLex.lex(source).tokens.map(\.newlineBefore)
    }

    @Test func newlineBeforeIsSetAfterLineBreaks() {
        #expect(breaks("a\nb c\r\nd\re\u{2028}f") == [false, true, false, true, true, true])
    }

    @Test func commentsCarryTheBreakBeforeThemAndPassItOn() {
        // a // c⏎ b: the line comment follows `a` on its line; `b` follows the break.
        #expect(breaks("a // c\nb") == [false, false, true])
        // A break before a comment is on the comment and on the next real token.
        #expect(breaks("a\n/* c */ b") == [false, true, true])
        // A multi-line block comment counts as a break before the next real token.
        #expect(breaks("a /* x\n y */ b") == [false, false, true])
        #expect(breaks("a /* x */ b") == [false, false, false])
    }

    @Test func lineAndBlockComments() {
        TSLex.expect("a // one\n/* two\n */ b /**/", [
            (.identifier, "a"), (.comment, "// one"), (.comment, "/* two\n */"), (.identifier, "b"),
            (.comment, "/**/"),
        ])
    }

    @Test func crlfLineEndings() {
        let source = "const a = 'x\\\r\ny';\r\nconst b = 2\r\n"
        TSLex.expect(source, [
            (.identifier, "const"), (.identifier, "a"), (.equal, "="), (.string, "'x\\\r\ny'"),
            (.semicolon, ";"), (.identifier, "const"), (.identifier, "b"), (.equal, "="), (.number, "2"),
        ])
        let tokens = TSLex.lex(source).tokens
        #expect(tokens[5].newlineBefore)
        #expect(!tokens[3].newlineBefore)
        #expect(TSLex.lex(source).problems.isEmpty)
    }

    @Test func byteOrderMarkIsSkipped() {
        let result = TSLex.lex("\u{FEFF}import x")
        #expect(result.tokens.map(\.start) == [3, 10])
        #expect(result.tokens.map(\.kind) == [.identifier, .identifier])
    }

    @Test func shebangIsAComment() {
        TSLex.expect("#!/usr/bin/env node\nrequire('jsonwebtoken')", [
            (.comment, "#!/usr/bin/env node"), (.identifier, "require"), (.lParen, "("),
            (.string, "'jsonwebtoken'"), (.rParen, ")"),
        ])
        let result = Array("\u{FEFF}#!node\nx".utf8).withUnsafeBytes { TypeScriptLexer.tokenize($0, jsx: false) }
        #expect(result.tokens.map(\.kind) == [.comment, .identifier])
        // Only on the first line.
        TSLex.expect("x\n#!y", [(.identifier, "x"), (.unknown, "#"), (.operator, "!"), (.identifier, "y")])
    }

    @Test func unterminatedStringEndsAtTheLineBreak() {
        let source = "a = 'abc\nrequire('x')\nb = \"q\\\"\r\nc"
        TSLex.expect(source, [
            (.identifier, "a"), (.equal, "="), (.string, "'abc"), (.identifier, "require"), (.lParen, "("),
            (.string, "'x'"), (.rParen, ")"), (.identifier, "b"), (.equal, "="), (.string, "\"q\\\""),
            (.identifier, "c"),
        ])
        #expect(TSLex.lex(source).problems == [
            LexProblem(offset: 4, message: "unterminated string literal"),
            LexProblem(offset: 26, message: "unterminated string literal"),
        ])
    }

    @Test func unterminatedStringAtEndOfFile() {
        let result = TSLex.lex("x = 'ab\\")
        #expect(result.tokens.last == Token(.string, 4, 8))
        #expect(result.problems == [LexProblem(offset: 4, message: "unterminated string literal")])
    }

    @Test func unterminatedBlockCommentRunsToTheEnd() {
        let source = "a /* b\nrequire('x')"
        TSLex.expect(source, [(.identifier, "a"), (.comment, "/* b\nrequire('x')")])
        #expect(TSLex.lex(source).problems == [LexProblem(offset: 2, message: "unterminated block comment")])
    }

    @Test func unterminatedTemplateRunsToTheEnd() {
        TSLex.expect("a = `x\ny", [(.identifier, "a"), (.equal, "="), (.string, "`x\ny")])
        #expect(TSLex.lex("a = `x\ny").problems == [LexProblem(offset: 4, message: "unterminated template literal")])
        TSLex.expect("a = `x${b}y", [
            (.identifier, "a"), (.equal, "="), (.templateHead, "`x${"), (.identifier, "b"), (.templateTail, "}y"),
        ])
        #expect(TSLex.lex("a = `x${b}y").problems == [LexProblem(offset: 4, message: "unterminated template literal")])
        // The substitution itself never closes.
        let open = TSLex.lex("a = `x${ f(1)\nrequire('y')")
        #expect(open.problems == [LexProblem(offset: 4, message: "unterminated template literal")])
        #expect(TSLex.identifiers("a = `x${ f(1)\nrequire('y')").contains("require"))
    }
}
