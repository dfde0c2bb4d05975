import Testing
@testable import Lexing
import Model

/// Decoded values of string tokens.
@Suite struct TypeScriptLexerStringValueTests {
    /// The value of the first `.string` token of `source`.
    private func value(_ source: String) -> String? {
        let bytes = Array(source.utf8)
        return bytes.withUnsafeBytes { buffer in
            let tokens = TypeScriptLexer.tokenize(buffer, jsx: false).tokens
            guard let token = tokens.first(where: { $0.kind == .string }) else { return nil }
            return TypeScriptLexer.stringValue(of: token, in: buffer)
        }
    }

    @Test func quotesAreStripped() {
        #expect(value("'jsonwebtoken'") == "jsonwebtoken")
        #expect(value(#""jose""#) == "jose")
        #expect(value("`a b`") == "a b")
        #expect(value("''") == "")
    }

    @Test func simpleEscapes() {
        #expect(value(#"'a\nb\tc\rd\be\ff\vg\0h'"#) == "a\nb\tc\rd\u{8}e\u{C}f\u{B}g\0h")
        #expect(value(#"'\'\"\\\`'"#) == "'\"\\`")
        #expect(value(#"`\``"#) == "`")
        #expect(value(#"'\q\%'"#) == "q%")
    }

    @Test func hexAndUnicodeEscapes() {
        #expect(value(#"'\x6a\x77\x74'"#) == "jwt")
        #expect(value(#"'\u006A\u{77}\u{000074}'"#) == "jwt")
        #expect(value(#"'\u{1F600}\uD83D\uDE00'"#) == "😀😀")
        #expect(value(#"'\uD83D!'"#) == "\u{FFFD}!")
        #expect(value(#"'\u{110000}'"#) == "\u{FFFD}")
        #expect(value(#"'\xZ\u12'"#) == "xZu12")
    }

    @Test func lineContinuations() {
        #expect(value("'a\\\nb\\\r\nc\\\rd'") == "abcd")
        #expect(value("'a\\\u{2028}b'") == "ab")
    }

    @Test func multiByteAndInvalidUTF8() {
        #expect(value("'café ✓'") == "café ✓")
        let bytes: [UInt8] = [0x27, 0x61, 0xFF, 0x62, 0x27]
        let decoded = bytes.withUnsafeBytes { buffer in
            TypeScriptLexer.stringValue(of: Token(.string, 0, 5), in: buffer)
        }
        #expect(decoded == "a\u{FFFD}b")
    }

    @Test func unterminatedLiteralsYieldWhatTheyHave() {
        #expect(value("'abc\n") == "abc")
        #expect(value("'ab\\'\n") == "ab'")
        #expect(value("`ab") == "ab")
    }

    @Test func otherTokensHaveNoValue() {
        let source = Array("x `a${b}c` /re/ 1".utf8)
        source.withUnsafeBytes { buffer in
            for token in TypeScriptLexer.tokenize(buffer, jsx: false).tokens {
                #expect(TypeScriptLexer.stringValue(of: token, in: buffer) == nil)
            }
            #expect(StringLiteral.value(of: Token(.string, 0, 1), in: buffer, language: .typescript) == nil)
        }
        let quoted = Array("'m'".utf8)
        quoted.withUnsafeBytes { buffer in
            #expect(StringLiteral.value(of: Token(.string, 0, 3), in: buffer, language: .typescript) == "m")
        }
    }
}
