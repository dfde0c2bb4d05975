import Testing
@testable import Lexing

/// Template literals: heads, middles, tails, and the brace stack inside substitutions.
@Suite struct TypeScriptLexerTemplateTests {
    @Test func templateWithoutSubstitutionsIsAString() {
        TSLex.expect("x = `a\n$b \\${c} \\``", [(.identifier, "x"), (.equal, "="), (.string, "`a\n$b \\${c} \\``")])
    }

    @Test func headMiddleTail() {
        TSLex.expect("`a${b}c${d + e}f`", [
            (.templateHead, "`a${"), (.identifier, "b"), (.templateMiddle, "}c${"), (.identifier, "d"),
            (.operator, "+"), (.identifier, "e"), (.templateTail, "}f`"),
        ])
    }

    @Test func nestedTemplates() {
        TSLex.expect("`${`${a}`}`", [
            (.templateHead, "`${"), (.templateHead, "`${"), (.identifier, "a"), (.templateTail, "}`"),
            (.templateTail, "}`"),
        ])
        TSLex.expect("`x${ `y` }z`", [(.templateHead, "`x${"), (.string, "`y`"), (.templateTail, "}z`")])
    }

    @Test func objectLiteralsAndBlocksInsideSubstitutions() {
        TSLex.expect("`${ {a:1}.a }`", [
            (.templateHead, "`${"), (.lBrace, "{"), (.identifier, "a"), (.colon, ":"), (.number, "1"),
            (.rBrace, "}"), (.dot, "."), (.identifier, "a"), (.templateTail, "}`"),
        ])
        TSLex.expect("`${ () => { return '}' } }!`", [
            (.templateHead, "`${"), (.lParen, "("), (.rParen, ")"), (.arrow, "=>"), (.lBrace, "{"),
            (.identifier, "return"), (.string, "'}'"), (.rBrace, "}"), (.templateTail, "}!`"),
        ])
    }

    @Test func codeAfterATemplateIsLexedNormally() {
        TSLex.expect("f(`${a}`, require('jsonwebtoken'))", [
            (.identifier, "f"), (.lParen, "("), (.templateHead, "`${"), (.identifier, "a"), (.templateTail, "}`"),
            (.comma, ","), (.identifier, "require"), (.lParen, "("), (.string, "'jsonwebtoken'"), (.rParen, ")"),
            (.rParen, ")"),
        ])
    }

    @Test func regexAndCommentsInsideSubstitutions() {
        TSLex.expect("`${/}/.source /* } */}`", [
            (.templateHead, "`${"), (.regex, "/}/"), (.dot, "."), (.identifier, "source"), (.comment, "/* } */"),
            (.templateTail, "}`"),
        ])
    }

    @Test func strayClosingBraceOutsideTemplates() {
        TSLex.expect("} `a`", [(.rBrace, "}"), (.string, "`a`")])
    }
}
