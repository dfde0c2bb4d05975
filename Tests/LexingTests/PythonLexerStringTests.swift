import Testing
@testable import Lexing

@Suite struct PythonLexerStringTests {
    static let prefixes = [
        "", "r", "R", "b", "B", "u", "U", "f", "F", "t", "T",
        "rb", "rB", "Rb", "RB", "br", "bR", "Br", "BR",
        "fr", "fR", "Fr", "FR", "rf", "rF", "Rf", "RF",
        "tr", "tR", "Tr", "TR", "rt", "rT", "Rt", "RT",
    ]

    @Test(arguments: prefixes)
    func everyPrefixWithEveryQuote(_ prefix: String) {
        for quote in ["'", "\"", "'''", "\"\"\""] {
            let literal = "\(prefix)\(quote)a b\(quote)"
            #expect(PyLex.render("x = \(literal)\n") == [
                "identifier:x", "equal:=", "string:\(literal)", "newline:\n",
            ], "\(literal)")
            #expect(PyLex.lex(literal).problems.isEmpty)
        }
    }

    @Test func namesThatAreNotPrefixesStayNames() {
        #expect(PyLex.render("ur'x'") == ["identifier:ur", "string:'x'", "newline:"])
        #expect(PyLex.render("bu\"x\"") == ["identifier:bu", "string:\"x\"", "newline:"])
        #expect(PyLex.render("fb'x'") == ["identifier:fb", "string:'x'", "newline:"])
        #expect(PyLex.render("rr'x'") == ["identifier:rr", "string:'x'", "newline:"])
        #expect(PyLex.render("x'a'") == ["identifier:x", "string:'a'", "newline:"])
        #expect(PyLex.render("print'a'") == ["identifier:print", "string:'a'", "newline:"])
        #expect(PyLex.render("r + b") == ["identifier:r", "operator:+", "identifier:b", "newline:"])
    }

    @Test func emptyStrings() {
        #expect(PyLex.render("'' \"\" '''''' \"\"\"\"\"\"") == [
            "string:''", "string:\"\"", "string:''''''", "string:\"\"\"\"\"\"", "newline:",
        ])
        #expect(PyLex.render("\"\"x") == ["string:\"\"", "identifier:x", "newline:"])
    }

    @Test func tripleQuotedStringsContainQuotesAndLineBreaks() {
        let source = "s = \"\"\"a \"b\" \"\"c\"\" 'd'\nimport jwt\n\"\"\"\nt = '''it's \"\"\" '' '''\n"
        #expect(PyLex.render(source) == [
            "identifier:s", "equal:=", "string:\"\"\"a \"b\" \"\"c\"\" 'd'\nimport jwt\n\"\"\"", "newline:\n",
            "identifier:t", "equal:=", "string:'''it's \"\"\" '' '''", "newline:\n",
        ])
        #expect(PyLex.render("'''a\\''''") == ["string:'''a\\''''", "newline:"])
    }

    @Test func escapedQuotesDoNotEndTheString() {
        #expect(PyLex.render(#""a\"b" 'it\'s'"#) == [#"string:"a\"b""#, #"string:'it\'s'"#, "newline:"])
        #expect(PyLex.render(#""a\\" b"#) == [#"string:"a\\""#, "identifier:b", "newline:"])
        #expect(PyLex.render(#"r"\"" x"#) == [#"string:r"\"""#, "identifier:x", "newline:"])
        #expect(PyLex.render(#"r"a\\" x"#) == [#"string:r"a\\""#, "identifier:x", "newline:"])
    }

    @Test func rawStringEndingInBackslashQuoteIsUnterminated() {
        let source = "a = r\"\\\"\nb = 1\n"
        let result = PyLex.lex(source)
        #expect(PyLex.render(source) == [
            "identifier:a", "equal:=", "string:r\"\\\"", "newline:\n",
            "identifier:b", "equal:=", "number:1", "newline:\n",
        ])
        #expect(result.problems == [LexProblem(offset: 4, message: "unterminated string literal")])
    }

    @Test func backslashLineBreakContinuesASingleQuotedString() {
        #expect(PyLex.render("'a\\\nb' c") == ["string:'a\\\nb'", "identifier:c", "newline:"])
        #expect(PyLex.render("r'a\\\r\nb' c") == ["string:r'a\\\r\nb'", "identifier:c", "newline:"])
    }

    @Test func unterminatedSingleQuotedStringStopsAtTheLineBreak() {
        let source = "x = \"abc\ny = 'd\r\nimport jwt\n"
        let result = PyLex.lex(source)
        #expect(PyLex.render(source) == [
            "identifier:x", "equal:=", "string:\"abc", "newline:\n",
            "identifier:y", "equal:=", "string:'d", "newline:\r\n",
            "identifier:import", "identifier:jwt", "newline:\n",
        ])
        #expect(result.problems == [
            LexProblem(offset: 4, message: "unterminated string literal"),
            LexProblem(offset: 13, message: "unterminated string literal"),
        ])
    }

    @Test func unterminatedPrefixedStringReportsThePrefixOffset() {
        let result = PyLex.lex("z = rb'abc")
        #expect(result.tokens.map(\.kind) == [.identifier, .equal, .string, .newline])
        #expect(result.tokens[2].range == .init(4, 10))
        #expect(result.problems == [LexProblem(offset: 4, message: "unterminated string literal")])
    }

    @Test func unterminatedTripleQuotedStringRunsToTheEnd() {
        let source = "x = 1\ns = '''abc\nimport jwt\n"
        let result = PyLex.lex(source)
        #expect(PyLex.render(source) == [
            "identifier:x", "equal:=", "number:1", "newline:\n",
            "identifier:s", "equal:=", "string:'''abc\nimport jwt\n", "newline:",
        ])
        #expect(result.problems == [LexProblem(offset: 10, message: "unterminated string literal")])
    }

    @Test func unterminatedStringAtEndOfFile() {
        #expect(PyLex.render("'") == ["string:'", "newline:"])
        #expect(PyLex.render("'\\") == ["string:'\\", "newline:"])
        #expect(PyLex.render("\"\"\"\\") == ["string:\"\"\"\\", "newline:"])
        #expect(PyLex.lex("b'").problems == [LexProblem(offset: 0, message: "unterminated string literal")])
    }

    @Test func implicitConcatenationAcrossLinesInBrackets() {
        #expect(PyLex.shape("x = (\n    'a'\n    \"b\"\n)\n") == [
            "x", "=", "(", "'a'", "\"b\"", ")", "NEWLINE",
        ])
    }
}
