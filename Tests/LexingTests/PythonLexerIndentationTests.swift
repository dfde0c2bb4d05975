import Testing
@testable import Lexing

@Suite struct PythonLexerIndentationTests {
    @Test func defInsideClassInsideIf() {
        let source = """
            if a:
                class C:
                    def f(self):
                        return 1
                x = 2
            y = 3

            """
        #expect(PyLex.shape(source) == [
            "if", "a", ":", "NEWLINE",
            "INDENT", "class", "C", ":", "NEWLINE",
            "INDENT", "def", "f", "(", "self", ")", ":", "NEWLINE",
            "INDENT", "return", "1", "NEWLINE",
            "DEDENT", "DEDENT", "x", "=", "2", "NEWLINE",
            "DEDENT", "y", "=", "3", "NEWLINE",
        ])
    }

    @Test func layoutTokensSitAtTheFirstTokenOfTheLine() {
        let result = PyLex.lex("if a:\n  b\nc\n")
        let layout = result.tokens.filter { $0.kind == .indent || $0.kind == .dedent }
        #expect(layout.map(\.range) == [.init(8, 8), .init(10, 10)])
        #expect(layout.map(\.newlineBefore) == [true, true])
        let newlines = result.tokens.filter { $0.kind == .newline }
        #expect(newlines.map(\.range) == [.init(5, 6), .init(9, 10), .init(11, 12)])
    }

    @Test func blankAndCommentLinesDoNotChangeIndentation() {
        let source = "def f():\n\n    x = 1\n          \n# at column 0\n        # deeper\n    \t\n    y = 2\nz\n"
        #expect(PyLex.shape(source) == [
            "def", "f", "(", ")", ":", "NEWLINE",
            "INDENT", "x", "=", "1", "NEWLINE",
            "# at column 0", "# deeper",
            "y", "=", "2", "NEWLINE",
            "DEDENT", "z", "NEWLINE",
        ])
    }

    @Test func backslashContinuationJoinsLines() {
        let source = "if a and \\\n        b:\n    x = 1 + \\\n2\ny\n"
        #expect(PyLex.shape(source) == [
            "if", "a", "and", "b", ":", "NEWLINE",
            "INDENT", "x", "=", "1", "+", "2", "NEWLINE",
            "DEDENT", "y", "NEWLINE",
        ])
    }

    @Test func bracketsJoinLines() {
        let source = "x = foo(a,\n        b,\n  [c,\n{d:\ne}])\nif x:\n    y = (\n)\n"
        #expect(PyLex.shape(source) == [
            "x", "=", "foo", "(", "a", ",", "b", ",", "[", "c", ",", "{", "d", ":", "e", "}", "]",
            ")", "NEWLINE",
            "if", "x", ":", "NEWLINE",
            "INDENT", "y", "=", "(", ")", "NEWLINE",
            "DEDENT",
        ])
    }

    @Test func dedentsAtEndOfFile() {
        let source = "if a:\n    if b:\n        c"
        let result = PyLex.lex(source)
        #expect(PyLex.shape(source) == [
            "if", "a", ":", "NEWLINE", "INDENT", "if", "b", ":", "NEWLINE", "INDENT", "c",
            "NEWLINE", "DEDENT", "DEDENT",
        ])
        let end = source.utf8.count
        #expect(result.tokens.suffix(3).map(\.range) == [.init(end, end), .init(end, end), .init(end, end)])
        #expect(PyLex.shape("if a:\n    b\n\n   # trailing\n\n") == [
            "if", "a", ":", "NEWLINE", "INDENT", "b", "NEWLINE", "# trailing", "DEDENT",
        ])
    }

    @Test func tabsAdvanceToMultiplesOfEight() {
        #expect(PyLex.shape("if a:\n\tb\n        c\n  \td\n") == [
            "if", "a", ":", "NEWLINE", "INDENT", "b", "NEWLINE", "c", "NEWLINE", "d", "NEWLINE", "DEDENT",
        ])
        #expect(PyLex.lex("if a:\n\tb\n        c\n  \td\n").problems.isEmpty)
    }

    @Test func formFeedResetsTheColumn() {
        #expect(PyLex.shape("if a:\n    b\n    \u{0C}c\n") == [
            "if", "a", ":", "NEWLINE", "INDENT", "b", "NEWLINE", "DEDENT", "c", "NEWLINE",
        ])
        #expect(PyLex.shape("\u{0C}x = 1\n") == ["x", "=", "1", "NEWLINE"])
    }

    @Test func inconsistentDedentClosesToTheNearestLevel() {
        let source = "if a:\n        b\n    c\nd\n"
        let result = PyLex.lex(source)
        #expect(PyLex.shape(source) == [
            "if", "a", ":", "NEWLINE", "INDENT", "b", "NEWLINE", "DEDENT", "c", "NEWLINE", "d", "NEWLINE",
        ])
        #expect(result.problems == [
            LexProblem(offset: 20, message: "unindent does not match any outer indentation level"),
        ])
    }

    @Test func crlfAndLoneCRAreLineBreaks() {
        #expect(PyLex.render("if a:\r\n    b\r\nc\r\n") == [
            "identifier:if", "identifier:a", "colon::", "newline:\r\n",
            "indent:", "identifier:b", "newline:\r\n",
            "dedent:", "identifier:c", "newline:\r\n",
        ])
        #expect(PyLex.render("a\rb\r\r  # c\r") == [
            "identifier:a", "newline:\r", "identifier:b", "newline:\r", "comment:# c",
        ])
    }

    @Test func semicolonsStayOnOneLogicalLine() {
        #expect(PyLex.shape("a; b\nif x: y; z\n") == ["a", ";", "b", "NEWLINE", "if", "x", ":", "y", ";", "z", "NEWLINE"])
    }

    @Test func unmatchedClosingBracketsDoNotBreakLines() {
        #expect(PyLex.shape("a)\nb]}\nif c:\n    d\n") == [
            "a", ")", "NEWLINE", "b", "]", "}", "NEWLINE", "if", "c", ":", "NEWLINE",
            "INDENT", "d", "NEWLINE", "DEDENT",
        ])
    }

    @Test func unclosedBracketAtEndOfFile() {
        #expect(PyLex.shape("if a:\n    f(\n  x\n") == [
            "if", "a", ":", "NEWLINE", "INDENT", "f", "(", "x", "NEWLINE", "DEDENT",
        ])
    }

    @Test func multiLineStringDoesNotEndTheLogicalLine() {
        #expect(PyLex.shape("def f():\n    '''doc\nimport jwt\n'''\n    return\n") == [
            "def", "f", "(", ")", ":", "NEWLINE", "INDENT", "'''doc\nimport jwt\n'''", "NEWLINE",
            "return", "NEWLINE", "DEDENT",
        ])
    }
}
