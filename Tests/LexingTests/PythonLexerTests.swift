import Testing
@testable import Lexing

/// Helpers shared by the Python lexer tests: lex a source and render its tokens with their text.
enum PyLex {
    static func lex(_ source: String) -> LexResult {
        lex(bytes: Array(source.utf8))
    }

    static func lex(bytes: [UInt8]) -> LexResult {
        bytes.withUnsafeBytes { PythonLexer.tokenize($0) }
    }

    /// Tokens as `kind:text`, e.g. `identifier:import`, `newline:\n`, `indent:`.
    static func render(_ source: String) -> [String] {
        let bytes = Array(source.utf8)
        return lex(bytes: bytes).tokens.map { "\($0.kind):\(text(of: $0, in: bytes))" }
    }

    /// Tokens as their text, with layout tokens as `NEWLINE`, `INDENT`, `DEDENT` (comments kept).
    static func shape(_ source: String) -> [String] {
        let bytes = Array(source.utf8)
        return lex(bytes: bytes).tokens.map { token in
            switch token.kind {
            case .newline: "NEWLINE"
            case .indent: "INDENT"
            case .dedent: "DEDENT"
            default: text(of: token, in: bytes)
            }
        }
    }

    static func text(of token: Token, in bytes: [UInt8]) -> String {
        String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }

    /// The texts of identifier tokens.
    static func identifiers(_ source: String) -> [String] {
        let bytes = Array(source.utf8)
        return lex(bytes: bytes).tokens.filter { $0.kind == .identifier }.map { text(of: $0, in: bytes) }
    }
}

@Suite struct PythonLexerTests {
    @Test func emptyFileHasNoTokens() {
        #expect(PyLex.render("").isEmpty)
        #expect(PyLex.lex("").problems.isEmpty)
        #expect(PyLex.render("\n\n  \n").isEmpty)
    }

    @Test func byteOrderMarkIsSkippedAndOffsetsStayAbsolute() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(PyLex.lex(bytes: bom).tokens.isEmpty)
        let result = PyLex.lex(bytes: bom + Array("import jwt\n".utf8))
        #expect(result.tokens.map(\.kind) == [.identifier, .identifier, .newline])
        #expect(result.tokens[0].range == .init(3, 9))
        #expect(result.tokens[0].newlineBefore == false)
    }

    @Test func importStatement() {
        #expect(PyLex.render("import jwt\n") == ["identifier:import", "identifier:jwt", "newline:\n"])
        #expect(PyLex.render("from jwt import decode as d") == [
            "identifier:from", "identifier:jwt", "identifier:import", "identifier:decode",
            "identifier:as", "identifier:d", "newline:",
        ])
    }

    @Test func finalNewlineIsZeroLengthAtEndOfFile() {
        let result = PyLex.lex("x")
        #expect(result.tokens.map(\.kind) == [.identifier, .newline])
        #expect(result.tokens[1].range == .init(1, 1))
    }

    @Test func commentsAreTokensWithoutTheLineBreak() {
        #expect(PyLex.render("x = 1  # hi\n# only\n   # indented\nprint(x)#end") == [
            "identifier:x", "equal:=", "number:1", "comment:# hi", "newline:\n",
            "comment:# only", "comment:# indented",
            "identifier:print", "lParen:(", "identifier:x", "rParen:)", "comment:#end", "newline:",
        ])
        #expect(PyLex.render("#\r\n") == ["comment:#"])
    }

    @Test func punctuationHasItsOwnKinds() {
        #expect(PyLex.render("( ) [ ] { } . , : ; = * -> @") == [
            "lParen:(", "rParen:)", "lBracket:[", "rBracket:]", "lBrace:{", "rBrace:}",
            "dot:.", "comma:,", "colon::", "semicolon:;", "equal:=", "star:*", "arrow:->", "at:@",
            "newline:",
        ])
    }

    @Test func otherOperatorsAreOneTokenEach() {
        let operators = [
            "==", ":=", "**", "+=", "...", "!=", "<<=", ">>=", "//=", "**=", "@=", "-=", "*=", "/=",
            "%=", "&=", "|=", "^=", "<=", ">=", "<<", ">>", "//", "+", "-", "/", "%", "&", "|",
            "^", "~", "<", ">", "!",
        ]
        let rendered = PyLex.render(operators.joined(separator: " "))
        #expect(rendered == operators.map { "operator:\($0)" } + ["newline:"])
        #expect(PyLex.render("a**=b") == ["identifier:a", "operator:**=", "identifier:b", "newline:"])
        #expect(PyLex.render("x...y") == ["identifier:x", "operator:...", "identifier:y", "newline:"])
        #expect(PyLex.render("a..b") == ["identifier:a", "dot:.", "dot:.", "identifier:b", "newline:"])
    }

    @Test func functionSignature() {
        #expect(PyLex.shape("@dec\ndef f(a, *args, b=1, **kw) -> int: ...\n") == [
            "@", "dec", "NEWLINE",
            "def", "f", "(", "a", ",", "*", "args", ",", "b", "=", "1", ",", "**", "kw", ")",
            "->", "int", ":", "...", "NEWLINE",
        ])
    }

    @Test(arguments: [
        "0", "10", "1_000", "0x_FF", "0XdeadBEEF", "0o17", "0O7", "0b1010", "0B1", "1.5", ".5", "1.",
        "1e-5", "1E+10", "2.5e3", "1j", "3.14J", "1_0.0_1", "1e5j", "0.0", "00",
    ])
    func numbers(_ literal: String) {
        #expect(PyLex.render(literal) == ["number:\(literal)", "newline:"])
    }

    @Test func numberDoesNotSwallowFollowingNames() {
        #expect(PyLex.render("1if x else 2") == [
            "number:1", "identifier:if", "identifier:x", "identifier:else", "number:2", "newline:",
        ])
        #expect(PyLex.render("1.real") == ["number:1.", "identifier:real", "newline:"])
        #expect(PyLex.render("1e") == ["number:1", "identifier:e", "newline:"])
        #expect(PyLex.render("x.y") == ["identifier:x", "dot:.", "identifier:y", "newline:"])
    }

    @Test func identifiersIncludeNonASCIIBytes() {
        #expect(PyLex.render("_x1 café 名前") == [
            "identifier:_x1", "identifier:café", "identifier:名前", "newline:",
        ])
        let result = PyLex.lex(bytes: [0xFF, 0xFE, 0x20, 0x61])
        #expect(result.tokens.map(\.kind) == [.identifier, .identifier, .newline])
        #expect(result.tokens[0].range == .init(0, 2))
    }

    @Test func strayBytesAreUnknownTokens() {
        #expect(PyLex.render("a $ b ? `c`") == [
            "identifier:a", "unknown:$", "identifier:b", "unknown:?", "unknown:`", "identifier:c",
            "unknown:`", "newline:",
        ])
        #expect(PyLex.render("a\\b") == ["identifier:a", "unknown:\\", "identifier:b", "newline:"])
        let result = PyLex.lex(bytes: [0x61, 0x00, 0x01, 0x62])
        #expect(result.tokens.map(\.kind) == [.identifier, .unknown, .unknown, .identifier, .newline])
        #expect(result.problems.isEmpty)
    }

    @Test func codeInsideStringsAndCommentsIsNotCode() {
        let source = """
            '''Module docstring: import jwt'''
            # import jwt
            s = "import jwt"
            t = 'from jwt import decode'
            def f():
                \"\"\"import jwt\"\"\"
                return b'import jwt'
            """
        #expect(PyLex.identifiers(source) == ["s", "t", "def", "f", "return"])
    }

    @Test func newlineBeforeMarksTheFirstTokenAfterALineBreak() {
        let result = PyLex.lex("a\n\nb(c,\n  d) \\\n e\n")
        let flagged = result.tokens.map(\.newlineBefore)
        #expect(result.tokens.map(\.kind) == [
            .identifier, .newline, .identifier, .lParen, .identifier, .comma, .identifier, .rParen,
            .identifier, .newline,
        ])
        #expect(flagged == [false, false, true, false, false, false, true, false, true, false])
        // A line break inside a string token is not between tokens.
        #expect(PyLex.lex("'''a\nb''' c").tokens.map(\.newlineBefore) == [false, false, false])
    }
}
