import Testing
@testable import Lexing

@Suite struct PythonLexerValueTests {
    /// The values of the `.string` tokens of `source`, through the public entry point.
    func values(_ source: String) -> [String?] {
        let bytes = Array(source.utf8)
        let result = PyLex.lex(bytes: bytes)
        return bytes.withUnsafeBytes { buffer in
            result.tokens.filter { $0.kind == .string }.map {
                StringLiteral.value(of: $0, in: buffer, language: .python)
            }
        }
    }

    func value(_ literal: String) -> String? {
        let all = values(literal)
        #expect(all.count == 1, "\(literal) should be one string token")
        return all.first ?? nil
    }

    @Test func prefixAndQuotesAreStripped() {
        #expect(value("'abc'") == "abc")
        #expect(value(#""abc""#) == "abc")
        #expect(value("'''a'b'''") == "a'b")
        #expect(value(#""""a"b""""#) == #"a"b"#)
        #expect(value("''") == "")
        #expect(value("\"\"\"\"\"\"") == "")
        #expect(value("u'jwt'") == "jwt")
        #expect(value("B'jwt'") == "jwt")
        #expect(value("F'jwt'") == "jwt")
        #expect(value("'café ✓'") == "café ✓")
    }

    @Test func commonEscapesAreDecoded() {
        #expect(value(#"'a\\b'"#) == #"a\b"#)
        #expect(value(#"'it\'s'"#) == "it's")
        #expect(value(#""say \"hi\"""#) == #"say "hi""#)
        #expect(value(#"'\n\t\r\0'"#) == "\n\t\r\0")
        #expect(value(#"'\a\b\f\v'"#) == "\u{07}\u{08}\u{0C}\u{0B}")
        #expect(value(#"'\x41\x7a'"#) == "Az")
        #expect(value(#"'\101\60'"#) == "A0")
        #expect(value(#"'\u00e9\u2713'"#) == "é✓")
        #expect(value(#"'\U0001F600'"#) == "😀")
        #expect(value(#"'\ud800'"#) == "\u{FFFD}")
    }

    @Test func lineContinuationsAreRemoved() {
        #expect(value("'ab\\\ncd'") == "abcd")
        #expect(value("'ab\\\r\ncd'") == "abcd")
        #expect(value("'''ab\\\ncd'''") == "abcd")
    }

    @Test func unknownAndMalformedEscapesKeepTheBackslash() {
        #expect(value(#"'\q\d'"#) == #"\q\d"#)
        #expect(value(#"'\xZZ'"#) == #"\xZZ"#)
        #expect(value(#"'\u12'"#) == #"\u12"#)
        #expect(value(#"'\N{DASH}'"#) == #"\N{DASH}"#)
        #expect(value(#"b'\u00e9'"#) == #"\u00e9"#)
    }

    @Test func rawStringsKeepTheirBackslashes() {
        #expect(value(#"r'a\nb'"#) == #"a\nb"#)
        #expect(value(#"rb'\d+\''"#) == #"\d+\'"#)
        #expect(value(#"R"\\""#) == #"\\"#)
        #expect(value(#"Rb'''x\y'''"#) == #"x\y"#)
    }

    @Test func lineBreaksAreNormalised() {
        #expect(value("'''a\r\nb\rc\nd'''") == "a\nb\nc\nd")
        #expect(value("r'''a\r\nb'''") == "a\nb")
    }

    @Test func fieldFreeFStringsHalveDoubledBraces() {
        #expect(value("f'{{x}}'") == "{x}")
        #expect(value("rt'{{\\d}}'") == "{\\d}")
        #expect(value("'{{x}}'") == "{{x}}")
    }

    @Test func unterminatedLiteralsYieldTheirText() {
        #expect(values("'abc\nx") == ["abc"])
        #expect(values("'''abc\n") == ["abc\n"])
        #expect(values("r'\\'\n") == ["\\'"])
        #expect(values("'") == [""])
        #expect(values("'\\") == ["\\"])
    }

    @Test func otherTokensHaveNoValue() {
        let bytes = Array("jwt f'{x}'".utf8)
        let result = PyLex.lex(bytes: bytes)
        bytes.withUnsafeBytes { buffer in
            for token in result.tokens {
                #expect(PythonLexer.stringValue(of: token, in: buffer) == nil)
            }
            #expect(PythonLexer.stringValue(of: Token(.string, 5, 99), in: buffer) == nil)
        }
    }
}
