import Testing
@testable import Lexing

/// `/` as regex or division, decided by the previous significant token.
@Suite struct TypeScriptLexerRegexTests {
    @Test func divisionAfterOperands() {
        TSLex.expect("a / b / c", [
            (.identifier, "a"), (.operator, "/"), (.identifier, "b"), (.operator, "/"), (.identifier, "c"),
        ])
        TSLex.expect("(a) / 2", [(.lParen, "("), (.identifier, "a"), (.rParen, ")"), (.operator, "/"), (.number, "2")])
        TSLex.expect("[1]/2", [(.lBracket, "["), (.number, "1"), (.rBracket, "]"), (.operator, "/"), (.number, "2")])
        TSLex.expect("'a' / `b` / 1 / this / x /= 2", [
            (.string, "'a'"), (.operator, "/"), (.string, "`b`"), (.operator, "/"), (.number, "1"), (.operator, "/"),
            (.identifier, "this"), (.operator, "/"), (.identifier, "x"), (.operator, "/="), (.number, "2"),
        ])
    }

    /// Postfix `++` / `--` end an operand, so a following `/` divides.
    @Test func divisionAfterPostfixIncrement() {
        TSLex.expect("a++ / 2", [(.identifier, "a"), (.operator, "++"), (.operator, "/"), (.number, "2")])
        TSLex.expect("a-- /b/ 2", [
            (.identifier, "a"), (.operator, "--"), (.operator, "/"), (.identifier, "b"), (.operator, "/"), (.number, "2"),
        ])
    }

    /// After `}` the lexer chooses division (an object or function expression followed by `/`).
    @Test func divisionAfterClosingBrace() {
        TSLex.expect("x = {} / 2 /g", [
            (.identifier, "x"), (.equal, "="), (.lBrace, "{"), (.rBrace, "}"), (.operator, "/"), (.number, "2"),
            (.operator, "/"), (.identifier, "g"),
        ])
        TSLex.expect("`${a}` / 2", [
            (.templateHead, "`${"), (.identifier, "a"), (.templateTail, "}`"), (.operator, "/"), (.number, "2"),
        ])
    }

    @Test func regexWhereAnExpressionStarts() {
        TSLex.expect("x = /ab+c/gi.test(s)", [
            (.identifier, "x"), (.equal, "="), (.regex, "/ab+c/gi"), (.dot, "."), (.identifier, "test"),
            (.lParen, "("), (.identifier, "s"), (.rParen, ")"),
        ])
        TSLex.expect("return /re/", [(.identifier, "return"), (.regex, "/re/")])
        TSLex.expect("f(/a/, [/b/], {c: /d/}, !/e/, typeof /f/, x => /g/)", [
            (.identifier, "f"), (.lParen, "("), (.regex, "/a/"), (.comma, ","), (.lBracket, "["), (.regex, "/b/"),
            (.rBracket, "]"), (.comma, ","), (.lBrace, "{"), (.identifier, "c"), (.colon, ":"), (.regex, "/d/"),
            (.rBrace, "}"), (.comma, ","), (.operator, "!"), (.regex, "/e/"), (.comma, ","), (.identifier, "typeof"),
            (.regex, "/f/"), (.comma, ","), (.identifier, "x"), (.arrow, "=>"), (.regex, "/g/"), (.rParen, ")"),
        ])
        TSLex.expect("/^a/.test(s)", [(.regex, "/^a/"), (.dot, "."), (.identifier, "test"), (.lParen, "("),
                                     (.identifier, "s"), (.rParen, ")")])
        TSLex.expect("x = /=/", [(.identifier, "x"), (.equal, "="), (.regex, "/=/")])
    }

    @Test func slashesInsideClassesAndEscapes() {
        TSLex.expect("x = /[/]/", [(.identifier, "x"), (.equal, "="), (.regex, "/[/]/")])
        TSLex.expect(#"x = /\//"#, [(.identifier, "x"), (.equal, "="), (.regex, #"/\//"#)])
        TSLex.expect(#"x = /[\]/]+/u"#, [(.identifier, "x"), (.equal, "="), (.regex, #"/[\]/]+/u"#)])
    }

    @Test func keywordAsPropertyNameIsAnOperand() {
        TSLex.expect("x.return / 2 / y", [
            (.identifier, "x"), (.dot, "."), (.identifier, "return"), (.operator, "/"), (.number, "2"),
            (.operator, "/"), (.identifier, "y"),
        ])
    }

    @Test func commentsDoNotChangeTheDecision() {
        TSLex.expect("a /* c */ / b", [(.identifier, "a"), (.comment, "/* c */"), (.operator, "/"), (.identifier, "b")])
        TSLex.expect("x = // c\n/re/", [(.identifier, "x"), (.equal, "="), (.comment, "// c"), (.regex, "/re/")])
    }

    /// A regex cannot span lines: the `/` falls back to an operator and lexing goes on.
    @Test func lineBreakInsideRegexMeansDivision() {
        TSLex.expect("x = /ab\nc/ 2", [
            (.identifier, "x"), (.equal, "="), (.operator, "/"), (.identifier, "ab"), (.identifier, "c"),
            (.operator, "/"), (.number, "2"),
        ])
        #expect(TSLex.lex("x = /ab\nc/ 2").problems.isEmpty)
        TSLex.expect("x = /[a", [(.identifier, "x"), (.equal, "="), (.operator, "/"), (.lBracket, "["), (.identifier, "a")])
    }

    /// Scans starting inside a failed scan's range give the same answer as full scans.
    @Test func scansInsideAFailedRangeAgreeWithFullScans() {
        // The first `/` fails (its class never closes); the `/` inside the class then starts a regex.
        TSLex.expect("x = /[ =/x/", [
            (.identifier, "x"), (.equal, "="), (.operator, "/"), (.lBracket, "["), (.equal, "="), (.regex, "/x/"),
        ])
        // Both scans fail: the second one stops at its `]`, where it meets the first one's state.
        TSLex.expect("x = /[ =/] y", [
            (.identifier, "x"), (.equal, "="), (.operator, "/"), (.lBracket, "["), (.equal, "="), (.operator, "/"),
            (.rBracket, "]"), (.identifier, "y"),
        ])
    }
}
