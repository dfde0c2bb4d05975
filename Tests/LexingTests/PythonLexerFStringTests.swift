import Testing
@testable import Lexing

@Suite struct PythonLexerFStringTests {
    @Test func fStringWithoutFieldsIsAPlainString() {
        #expect(PyLex.render(#"f"abc""#) == [#"string:f"abc""#, "newline:"])
        #expect(PyLex.render(#"f"{{x}}""#) == [#"string:f"{{x}}""#, "newline:"])
        #expect(PyLex.render(#"F'a{{'"#) == ["string:F'a{{'", "newline:"])
        #expect(PyLex.render(#"t"}}""#) == [#"string:t"}}""#, "newline:"])
    }

    @Test func oneField() {
        #expect(PyLex.render(#"f"a{x}b""#) == [
            #"templateHead:f"a{"#, "identifier:x", #"templateTail:}b""#, "newline:",
        ])
    }

    @Test func severalFieldsMakeMiddles() {
        #expect(PyLex.render(#"f"{a} and {b.c}!""#) == [
            #"templateHead:f"{"#, "identifier:a", "templateMiddle:} and {", "identifier:b", "dot:.",
            "identifier:c", #"templateTail:}!""#, "newline:",
        ])
    }

    @Test func doubledBracesAroundAField() {
        #expect(PyLex.render(#"f"{{{x}}}""#) == [
            #"templateHead:f"{{{"#, "identifier:x", #"templateTail:}}}""#, "newline:",
        ])
    }

    @Test func nestedBracketsInAField() {
        #expect(PyLex.render(#"f"{d['k'][0]}""#) == [
            #"templateHead:f"{"#, "identifier:d", "lBracket:[", "string:'k'", "rBracket:]",
            "lBracket:[", "number:0", "rBracket:]", #"templateTail:}""#, "newline:",
        ])
        #expect(PyLex.render(#"f"{ {'a': 1}['a'] }""#) == [
            #"templateHead:f"{"#, "lBrace:{", "string:'a'", "colon::", "number:1", "rBrace:}",
            "lBracket:[", "string:'a'", "rBracket:]", #"templateTail:}""#, "newline:",
        ])
        #expect(PyLex.render(#"f"{f(a, b=(1, 2))}""#) == [
            #"templateHead:f"{"#, "identifier:f", "lParen:(", "identifier:a", "comma:,",
            "identifier:b", "equal:=", "lParen:(", "number:1", "comma:,", "number:2", "rParen:)",
            "rParen:)", #"templateTail:}""#, "newline:",
        ])
    }

    @Test func sameQuoteStringsInsideAField() {
        #expect(PyLex.render(#"f"{x["a"]}""#) == [
            #"templateHead:f"{"#, "identifier:x", "lBracket:[", #"string:"a""#, "rBracket:]",
            #"templateTail:}""#, "newline:",
        ])
        #expect(PyLex.render(#"f"{", ".join(items)}""#) == [
            #"templateHead:f"{"#, #"string:", ""#, "dot:.", "identifier:join", "lParen:(",
            "identifier:items", "rParen:)", #"templateTail:}""#, "newline:",
        ])
    }

    @Test func conversionsAndFormatSpecsAreTemplateText() {
        #expect(PyLex.render(#"f"{x!r}""#) == [#"templateHead:f"{"#, "identifier:x", #"templateTail:!r}""#, "newline:"])
        #expect(PyLex.render(#"f"{x!r:>10} y""#) == [
            #"templateHead:f"{"#, "identifier:x", #"templateTail:!r:>10} y""#, "newline:",
        ])
        #expect(PyLex.render(#"f"{x:%H:%M}""#) == [#"templateHead:f"{"#, "identifier:x", #"templateTail::%H:%M}""#, "newline:"])
        #expect(PyLex.render(#"f"{a!=b}""#) == [
            #"templateHead:f"{"#, "identifier:a", "operator:!=", "identifier:b", #"templateTail:}""#, "newline:",
        ])
        #expect(PyLex.render(#"f"{x=}""#) == [
            #"templateHead:f"{"#, "identifier:x", "equal:=", #"templateTail:}""#, "newline:",
        ])
        #expect(PyLex.render(#"f"{x[1:2]}""#) == [
            #"templateHead:f"{"#, "identifier:x", "lBracket:[", "number:1", "colon::", "number:2",
            "rBracket:]", #"templateTail:}""#, "newline:",
        ])
    }

    @Test func formatSpecWithNestedFields() {
        #expect(PyLex.render(#"f"{x:{width}.{prec}}""#) == [
            #"templateHead:f"{"#, "identifier:x", "templateMiddle::{", "identifier:width",
            "templateMiddle:}.{", "identifier:prec", #"templateTail:}}""#, "newline:",
        ])
        #expect(PyLex.render(#"f"{x:>{w}} and {y}""#) == [
            #"templateHead:f"{"#, "identifier:x", "templateMiddle::>{", "identifier:w",
            "templateMiddle:}} and {", "identifier:y", #"templateTail:}""#, "newline:",
        ])
        #expect(PyLex.render(#"f"{a:{b:{c}}}""#) == [
            #"templateHead:f"{"#, "identifier:a", "templateMiddle::{", "identifier:b",
            "templateMiddle::{", "identifier:c", #"templateTail:}}}""#, "newline:",
        ])
    }

    @Test func nestedFStrings() {
        #expect(PyLex.render(#"f"{f'{x}'}""#) == [
            #"templateHead:f"{"#, "templateHead:f'{", "identifier:x", "templateTail:}'",
            #"templateTail:}""#, "newline:",
        ])
        #expect(PyLex.render(#"f"{f"{x!r}" + f"y"}z""#) == [
            #"templateHead:f"{"#, #"templateHead:f"{"#, "identifier:x", #"templateTail:!r}""#,
            "operator:+", #"string:f"y""#, #"templateTail:}z""#, "newline:",
        ])
    }

    @Test func deeplyNestedFStrings() {
        let depth = 2_000
        let source = String(repeating: #"f"{"#, count: depth) + "x" + String(repeating: #"}""#, count: depth)
        let result = PyLex.lex(source)
        #expect(result.problems.isEmpty)
        #expect(result.tokens.count == 2 * depth + 2)
        #expect(result.tokens.filter { $0.kind == .templateHead }.count == depth)
        #expect(result.tokens.filter { $0.kind == .templateTail }.count == depth)
        #expect(result.tokens.last?.kind == .newline)
    }

    @Test func literalTextIsNeverCode() {
        #expect(PyLex.identifiers(#"f"import jwt {x} from jwt import y""#) == ["x"])
        #expect(PyLex.identifiers(#"f'''import jwt\n{x:import}'''"#) == ["x"])
    }

    @Test func tStringsAreLexedLikeFStrings() {
        #expect(PyLex.render(#"t"hello {name}""#) == [
            #"templateHead:t"hello {"#, "identifier:name", #"templateTail:}""#, "newline:",
        ])
        #expect(PyLex.render(#"Rt'{a}'"#) == ["templateHead:Rt'{", "identifier:a", "templateTail:}'", "newline:"])
    }

    @Test func backslashesInTemplateText() {
        #expect(PyLex.render(#"rf"\{x}""#) == [#"templateHead:rf"\{"#, "identifier:x", #"templateTail:}""#, "newline:"])
        #expect(PyLex.render(#"f"\{x}""#) == [#"templateHead:f"\{"#, "identifier:x", #"templateTail:}""#, "newline:"])
        #expect(PyLex.render(#"f"\N{EM DASH} {x}""#) == [
            #"templateHead:f"\N{EM DASH} {"#, "identifier:x", #"templateTail:}""#, "newline:",
        ])
        #expect(PyLex.render(#"rf"\N{x}""#) == [#"templateHead:rf"\N{"#, "identifier:x", #"templateTail:}""#, "newline:"])
        #expect(PyLex.render(#"f"\"{x}\"""#) == [#"templateHead:f"\"{"#, "identifier:x", #"templateTail:}\"""#, "newline:"])
    }

    @Test func tripleQuotedFStringSpansLines() {
        #expect(PyLex.shape("s = f\"\"\"a\n{x}\n\"b\"\"\"\nt = 1\n") == [
            "s", "=", "f\"\"\"a\n{", "x", "}\n\"b\"\"\"", "NEWLINE", "t", "=", "1", "NEWLINE",
        ])
    }

    @Test func fieldsMaySpanLinesWithoutNewlineTokens() {
        let source = "s = f\"{x +\n  y}\"\nz\n"
        #expect(PyLex.shape(source) == ["s", "=", "f\"{", "x", "+", "y", "}\"", "NEWLINE", "z", "NEWLINE"])
        #expect(PyLex.lex(source).tokens[5].newlineBefore)
        #expect(PyLex.shape("s = f\"\"\"{x # c\n}\"\"\"\n") == [
            "s", "=", "f\"\"\"{", "x", "# c", "}\"\"\"", "NEWLINE",
        ])
    }

    @Test func unterminatedFStringAtLineBreak() {
        let source = "a = f\"abc {x} d\nb = f'q\ny = 1\n"
        let result = PyLex.lex(source)
        #expect(PyLex.render(source) == [
            "identifier:a", "equal:=", "templateHead:f\"abc {", "identifier:x", "templateTail:} d",
            "newline:\n", "identifier:b", "equal:=", "string:f'q", "newline:\n",
            "identifier:y", "equal:=", "number:1", "newline:\n",
        ])
        #expect(result.problems == [
            LexProblem(offset: 4, message: "unterminated string literal"),
            LexProblem(offset: 20, message: "unterminated string literal"),
        ])
    }

    @Test func unterminatedFStringInsideAFieldAtEndOfFile() {
        let result = PyLex.lex("s = f\"{x")
        #expect(PyLex.render("s = f\"{x") == ["identifier:s", "equal:=", "templateHead:f\"{", "identifier:x", "newline:"])
        #expect(result.problems == [LexProblem(offset: 4, message: "unterminated string literal")])
    }

    @Test func unterminatedTripleQuotedFString() {
        let result = PyLex.lex("s = f'''{x}\nimport jwt")
        #expect(result.tokens.map(\.kind) == [.identifier, .equal, .templateHead, .identifier, .templateTail, .newline])
        #expect(result.problems == [LexProblem(offset: 4, message: "unterminated string literal")])
    }

    @Test func quoteInsideAFormatSpecEndsTheLiteral() {
        #expect(PyLex.shape("s = f\"{x:abc\"\ny\n") == ["s", "=", "f\"{", "x", ":abc\"", "NEWLINE", "y", "NEWLINE"])
        // A quote in a nested spec field starts a string (PEP 701): the damage stays inside the
        // open field, and the end of the file closes it.
        #expect(PyLex.shape("s = f\"{x:{y\"\nz\n") == ["s", "=", "f\"{", "x", ":{", "y", "\"", "z", "NEWLINE"])
    }
}
