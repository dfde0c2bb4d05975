import Testing
@testable import Lexing

/// JSX in `.tsx` / `.jsx` / `.js` files, and its absence in `.ts` files.
@Suite struct TypeScriptLexerJSXTests {
    @Test func elementWithAttributesAndSpread() {
        TSLex.expect(##"x = <a href="C:\n" data-id='1' on={f(1)} {...rest} xlink:href="#" disabled />"##, jsx: true, [
            (.identifier, "x"), (.equal, "="), (.operator, "<"), (.identifier, "a"), (.identifier, "href"),
            (.equal, "="), (.string, #""C:\n""#), (.identifier, "data-id"), (.equal, "="), (.string, "'1'"),
            (.identifier, "on"), (.equal, "="), (.lBrace, "{"), (.identifier, "f"), (.lParen, "("), (.number, "1"),
            (.rParen, ")"), (.rBrace, "}"), (.lBrace, "{"), (.operator, "..."), (.identifier, "rest"),
            (.rBrace, "}"), (.identifier, "xlink:href"), (.equal, "="), (.string, "\"#\""),
            (.identifier, "disabled"), (.operator, "/>"),
        ])
    }

    @Test func nestedElementsAndExpressions() {
        TSLex.expect("return <ul>{items.map(i => <li key={i}>#{i}</li>)}</ul>;", jsx: true, [
            (.identifier, "return"), (.operator, "<"), (.identifier, "ul"), (.operator, ">"), (.lBrace, "{"),
            (.identifier, "items"), (.dot, "."), (.identifier, "map"), (.lParen, "("), (.identifier, "i"),
            (.arrow, "=>"), (.operator, "<"), (.identifier, "li"), (.identifier, "key"), (.equal, "="),
            (.lBrace, "{"), (.identifier, "i"), (.rBrace, "}"), (.operator, ">"), (.jsxText, "#"), (.lBrace, "{"),
            (.identifier, "i"), (.rBrace, "}"), (.operator, "<"), (.operator, "/"), (.identifier, "li"),
            (.operator, ">"), (.rParen, ")"), (.rBrace, "}"), (.operator, "<"), (.operator, "/"),
            (.identifier, "ul"), (.operator, ">"), (.semicolon, ";"),
        ])
    }

    @Test func fragmentsAndSelfClosingElements() {
        TSLex.expect("(<><br/><Foo.Bar x /></>)", jsx: true, [
            (.lParen, "("), (.operator, "<"), (.operator, ">"), (.operator, "<"), (.identifier, "br"),
            (.operator, "/>"), (.operator, "<"), (.identifier, "Foo"), (.dot, "."), (.identifier, "Bar"),
            (.identifier, "x"), (.operator, "/>"), (.operator, "<"), (.operator, "/"), (.operator, ">"),
            (.rParen, ")"),
        ])
    }

    @Test func textWithQuotesIsTextOnly() {
        TSLex.expect("<p>\n  Don't do \"this\" require('x')\n</p>", jsx: true, [
            (.operator, "<"), (.identifier, "p"), (.operator, ">"), (.jsxText, "Don't do \"this\" require('x')"),
            (.operator, "<"), (.operator, "/"), (.identifier, "p"), (.operator, ">"),
        ])
        let tokens = TSLex.lex("<p>\n  Don't\n</p>", jsx: true).tokens
        #expect(tokens.map(\.newlineBefore) == [false, false, false, true, true, false, false, false])
    }

    @Test func commentsInChildrenAndTags() {
        TSLex.expect("<div /* a */ b>{/* c */}</div>", jsx: true, [
            (.operator, "<"), (.identifier, "div"), (.comment, "/* a */"), (.identifier, "b"), (.operator, ">"),
            (.lBrace, "{"), (.comment, "/* c */"), (.rBrace, "}"), (.operator, "<"), (.operator, "/"),
            (.identifier, "div"), (.operator, ">"),
        ])
    }

    @Test func templatesAndObjectsInsideAttributes() {
        TSLex.expect("<a b={`x${ {y}.y }`} s={{c: 1}}/>", jsx: true, [
            (.operator, "<"), (.identifier, "a"), (.identifier, "b"), (.equal, "="), (.lBrace, "{"),
            (.templateHead, "`x${"), (.lBrace, "{"), (.identifier, "y"), (.rBrace, "}"), (.dot, "."),
            (.identifier, "y"), (.templateTail, "}`"), (.rBrace, "}"), (.identifier, "s"), (.equal, "="),
            (.lBrace, "{"), (.lBrace, "{"), (.identifier, "c"), (.colon, ":"), (.number, "1"), (.rBrace, "}"),
            (.rBrace, "}"), (.operator, "/>"),
        ])
    }

    @Test func divisionAfterAnElement() {
        TSLex.expect("x = <a/> / 2", jsx: true, [
            (.identifier, "x"), (.equal, "="), (.operator, "<"), (.identifier, "a"), (.operator, "/>"),
            (.operator, "/"), (.number, "2"),
        ])
    }

    @Test func comparisonsAreNotJSX() {
        TSLex.expect("if (a < b && c > d) x = i<n", jsx: true, [
            (.identifier, "if"), (.lParen, "("), (.identifier, "a"), (.operator, "<"), (.identifier, "b"),
            (.operator, "&&"), (.identifier, "c"), (.operator, ">"), (.identifier, "d"), (.rParen, ")"),
            (.identifier, "x"), (.equal, "="), (.identifier, "i"), (.operator, "<"), (.identifier, "n"),
        ])
        TSLex.expect("f<string>(x)", jsx: true, [
            (.identifier, "f"), (.operator, "<"), (.identifier, "string"), (.operator, ">"), (.lParen, "("),
            (.identifier, "x"), (.rParen, ")"),
        ])
    }

    @Test func genericArrowFunctionsInTSX() {
        TSLex.expect("const f = <T,>(x: T) => x", jsx: true, [
            (.identifier, "const"), (.identifier, "f"), (.equal, "="), (.operator, "<"), (.identifier, "T"),
            (.comma, ","), (.operator, ">"), (.lParen, "("), (.identifier, "x"), (.colon, ":"), (.identifier, "T"),
            (.rParen, ")"), (.arrow, "=>"), (.identifier, "x"),
        ])
        TSLex.expect("g = <T extends U>(y: T) => y", jsx: true, [
            (.identifier, "g"), (.equal, "="), (.operator, "<"), (.identifier, "T"), (.identifier, "extends"),
            (.identifier, "U"), (.operator, ">"), (.lParen, "("), (.identifier, "y"), (.colon, ":"),
            (.identifier, "T"), (.rParen, ")"), (.arrow, "=>"), (.identifier, "y"),
        ])
        // An attribute merely starting with "extends" is still JSX.
        #expect(TSLex.render("<a extendsX='1'/>", jsx: true).last == "operator \"/>\"")
    }

    @Test func typeAssertionInTSFiles() {
        TSLex.expect("const a = <T>x; b = <div>text</div>", jsx: false, [
            (.identifier, "const"), (.identifier, "a"), (.equal, "="), (.operator, "<"), (.identifier, "T"),
            (.operator, ">"), (.identifier, "x"), (.semicolon, ";"), (.identifier, "b"), (.equal, "="),
            (.operator, "<"), (.identifier, "div"), (.operator, ">"), (.identifier, "text"), (.operator, "<"),
            (.operator, "/"), (.identifier, "div"), (.operator, ">"),
        ])
    }

    /// An element that never closes is reported, and its bytes are lexed again as code.
    @Test func unterminatedElementIsRelexedAsCode() {
        let source = "const f: <T>(x: T) => T = g;\nrequire('jsonwebtoken')"
        let result = TSLex.lex(source, jsx: true)
        #expect(result.problems == [LexProblem(offset: 9, message: "unterminated JSX element")])
        TSLex.expect(source, jsx: true, [
            (.identifier, "const"), (.identifier, "f"), (.colon, ":"), (.operator, "<"), (.identifier, "T"),
            (.operator, ">"), (.lParen, "("), (.identifier, "x"), (.colon, ":"), (.identifier, "T"), (.rParen, ")"),
            (.arrow, "=>"), (.identifier, "T"), (.equal, "="), (.identifier, "g"), (.semicolon, ";"),
            (.identifier, "require"), (.lParen, "("), (.string, "'jsonwebtoken'"), (.rParen, ")"),
        ])
        #expect(result.tokens[16].newlineBefore)
        // Later JSX still works.
        let later = TSLex.render("x = <a>{b}\ny = <p>t</p>", jsx: true)
        #expect(later.contains("jsxText \"t\""))
        #expect(TSLex.lex("<a b='x", jsx: true).problems == [
            LexProblem(offset: 0, message: "unterminated JSX element"),
            LexProblem(offset: 5, message: "unterminated string literal"),
        ])
    }

    @Test func manyUnterminatedElementsStayBounded() {
        let source = String(repeating: "x = <a>\n", count: 2_000)
        let result = TSLex.lex(source, jsx: true)
        #expect(result.problems.count == TypeScriptLexer.maxJSXRetries)
        #expect(result.tokens.count == 2_000 * 5)
    }
}
