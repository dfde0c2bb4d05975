import Testing
@testable import Lexing

/// Helpers shared by the TypeScript lexer tests: lex a source string and render its tokens as
/// `(kind, text)` pairs so expectations are exact.
enum TSLex {
    static func lex(_ source: String, jsx: Bool = false) -> LexResult {
        Array(source.utf8).withUnsafeBytes { TypeScriptLexer.tokenize($0, jsx: jsx) }
    }

    /// Tokens as `kind "text"` lines (comparable, readable in failure messages).
    static func render(_ source: String, jsx: Bool = false) -> [String] {
        let bytes = Array(source.utf8)
        let result = bytes.withUnsafeBytes { TypeScriptLexer.tokenize($0, jsx: jsx) }
        return result.tokens.map { "\($0.kind) \"\(text(of: $0, in: bytes))\"" }
    }

    static func text(of token: Token, in bytes: [UInt8]) -> String {
        String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }

    static func expect(
        _ source: String, jsx: Bool = false, _ expected: [(TokenKind, String)],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let wanted = expected.map { "\($0.0) \"\($0.1)\"" }
        #expect(render(source, jsx: jsx) == wanted, sourceLocation: sourceLocation)
    }

    /// The texts of all identifier tokens.
    static func identifiers(_ source: String, jsx: Bool = false) -> [String] {
        let bytes = Array(source.utf8)
        let result = bytes.withUnsafeBytes { TypeScriptLexer.tokenize($0, jsx: jsx) }
        return result.tokens.filter { $0.kind == .identifier }.map { text(of: $0, in: bytes) }
    }
}

@Suite struct TypeScriptLexerTests {
    @Test func importStatement() {
        TSLex.expect("import jwt from 'jsonwebtoken';", [
            (.identifier, "import"), (.identifier, "jwt"), (.identifier, "from"),
            (.string, "'jsonwebtoken'"), (.semicolon, ";"),
        ])
    }

    @Test func requireCall() {
        TSLex.expect(#"const { sign } = require("jsonwebtoken")"#, [
            (.identifier, "const"), (.lBrace, "{"), (.identifier, "sign"), (.rBrace, "}"), (.equal, "="),
            (.identifier, "require"), (.lParen, "("), (.string, "\"jsonwebtoken\""), (.rParen, ")"),
        ])
    }

    @Test(arguments: [
        #"x = 'require("x")'"#,
        #"x = "require('x')""#,
        #"// require("x")"#,
        #"/* require("x") */"#,
        #"x = `require("x")`"#,
        #"x = `${a} require("x") ${b}`"#,
        #"x = /require\("x"\)/"#,
        #"x = <p>require("x")</p>"#,
        #"x = <p title='require("x")'>a</p>"#,
    ])
    func requireInsideLiteralsIsNoIdentifier(source: String) {
        #expect(!TSLex.identifiers(source, jsx: true).contains("require"))
    }

    @Test func punctuationKinds() {
        TSLex.expect("a?.b ?? c?.5 : d => e = f == g === h !== i ... j ??= k >>>= l ** m &&= n * o @p ; ,", [
            (.identifier, "a"), (.questionDot, "?."), (.identifier, "b"), (.operator, "??"),
            (.identifier, "c"), (.operator, "?"), (.number, ".5"), (.colon, ":"), (.identifier, "d"),
            (.arrow, "=>"), (.identifier, "e"), (.equal, "="), (.identifier, "f"), (.operator, "=="),
            (.identifier, "g"), (.operator, "==="), (.identifier, "h"), (.operator, "!=="),
            (.identifier, "i"), (.operator, "..."), (.identifier, "j"), (.operator, "??="),
            (.identifier, "k"), (.operator, ">>>="), (.identifier, "l"), (.operator, "**"),
            (.identifier, "m"), (.operator, "&&="), (.identifier, "n"), (.star, "*"), (.identifier, "o"),
            (.at, "@"), (.identifier, "p"), (.semicolon, ";"), (.comma, ","),
        ])
    }

    @Test func moreOperators() {
        TSLex.expect("a||=b|c^d%e~f<<g>>h>=i<=j!k-=l--m+=n++*=o**=p%=q", [
            (.identifier, "a"), (.operator, "||="), (.identifier, "b"), (.operator, "|"), (.identifier, "c"),
            (.operator, "^"), (.identifier, "d"), (.operator, "%"), (.identifier, "e"), (.operator, "~"),
            (.identifier, "f"), (.operator, "<<"), (.identifier, "g"), (.operator, ">>"), (.identifier, "h"),
            (.operator, ">="), (.identifier, "i"), (.operator, "<="), (.identifier, "j"), (.operator, "!"),
            (.identifier, "k"), (.operator, "-="), (.identifier, "l"), (.operator, "--"), (.identifier, "m"),
            (.operator, "+="), (.identifier, "n"), (.operator, "++"), (.operator, "*="), (.identifier, "o"),
            (.operator, "**="), (.identifier, "p"), (.operator, "%="), (.identifier, "q"),
        ])
    }

    @Test func numbers() {
        TSLex.expect("0x1F 0o17 0B1010 1_000_000 10n 0xFFn 1e10 1.5e-3 2E+8 .5 1. 1..toString 017", [
            (.number, "0x1F"), (.number, "0o17"), (.number, "0B1010"), (.number, "1_000_000"),
            (.number, "10n"), (.number, "0xFFn"), (.number, "1e10"), (.number, "1.5e-3"), (.number, "2E+8"),
            (.number, ".5"), (.number, "1."), (.number, "1."), (.dot, "."), (.identifier, "toString"),
            (.number, "017"),
        ])
    }

    @Test func identifiersAndPrivateNames() {
        TSLex.expect("$el _x café \\u0061bc a\\u{62}c this.#secret # x", [
            (.identifier, "$el"), (.identifier, "_x"), (.identifier, "café"), (.identifier, "\\u0061bc"),
            (.identifier, "a\\u{62}c"), (.identifier, "this"), (.dot, "."), (.identifier, "#secret"),
            (.unknown, "#"), (.identifier, "x"),
        ])
    }

    @Test func strayBytesAreUnknownAndLexingGoesOn() {
        TSLex.expect("a \u{1} \\ b\0c", [
            (.identifier, "a"), (.unknown, "\u{1}"), (.unknown, "\\"), (.identifier, "b"),
            (.unknown, "\0"), (.identifier, "c"),
        ])
    }

    @Test func emptyAndBlankFiles() {
        #expect(TSLex.lex("").tokens.isEmpty)
        #expect(TSLex.lex(" \n\t\r\n ").tokens.isEmpty)
        #expect(TSLex.lex("").problems.isEmpty)
    }
}
