import Testing
import JSONC

/// One malformed document and the error it must produce.
struct SyntaxErrorCase: CustomTestStringConvertible, Sendable {
    let input: [UInt8]
    let line: Int
    let column: Int
    let message: String

    init(_ input: String, _ line: Int, _ column: Int, _ message: String) {
        self.init(bytes: Array(input.utf8), line, column, message)
    }

    init(bytes: [UInt8], _ line: Int, _ column: Int, _ message: String) {
        self.input = bytes
        self.line = line
        self.column = column
        self.message = message
    }

    var testDescription: String { message }
}

/// The syntax error for `input`, or nil (and a recorded issue) if it parses.
func syntaxError(_ input: [UInt8]) -> JSONSyntaxError? {
    do {
        let node = try JSONC.parse(input)
        Issue.record("parsed without error: \(node.value)")
        return nil
    } catch {
        return error
    }
}

@Suite struct ParserErrorTests {
    static let structure: [SyntaxErrorCase] = [
        .init("", 1, 1, "empty document; expected a JSON value"),
        .init("  // only a comment\n", 2, 1, "unexpected end of file; expected a JSON value"),
        .init("{\n  \"a\": 1,\n  \"b\": [\n", 4, 1, "unexpected end of file; expected \"]\" to close the array opened at line 3, column 8"),
        .init("{\n  \"a\": 1", 2, 9, "unexpected end of file; expected \"}\" to close the object opened at line 1, column 1"),
        .init("{\"a\"", 1, 5, "unexpected end of file; expected \"}\" to close the object opened at line 1, column 1"),
        .init("{\"a\":", 1, 6, "unexpected end of file; expected \"}\" to close the object opened at line 1, column 1"),
        .init("[1,", 1, 4, "unexpected end of file; expected \"]\" to close the array opened at line 1, column 1"),
        .init("[1, 2]]", 1, 7, "trailing characters after the JSON value"),
        .init("{} {}", 1, 4, "trailing characters after the JSON value"),
        .init("[1 2]", 1, 4, "unexpected \"2\"; expected \",\" or \"]\""),
        .init("{\"a\": 1 \"b\": 2}", 1, 9, "unexpected \"\\\"\"; expected \",\" or \"}\""),
        .init("[1, }", 1, 5, "unexpected \"}\"; expected a value"),
        .init("]", 1, 1, "unexpected \"]\"; expected a value"),
        .init("[,]", 1, 2, "unexpected \",\"; expected a value"),
        .init("[1,,]", 1, 4, "unexpected \",\"; expected a value"),
        .init("{,}", 1, 2, "unexpected \",\"; expected a double-quoted key or \"}\""),
        .init("{\"a\" 1}", 1, 6, "unexpected \"1\"; expected \":\" after the key \"a\""),
        .init("{\"a\": }", 1, 7, "unexpected \"}\"; expected a value"),
        .init("{a: 1}", 1, 2, "keys must be double-quoted strings"),
        .init("{'a': 1}", 1, 2, "keys must be double-quoted strings"),
        .init("['a']", 1, 2, "strings must be double-quoted, not single-quoted"),
        .init("[“a”]", 1, 2, "unexpected \"“\"; expected a value"),
        .init("[\u{7}]", 1, 2, "unexpected character U+0007; expected a value"),
        .init("{\n  \"id\": 1,\n  \"x\": 2, \"id\": 3\n}", 3, 11, "duplicate key \"id\" (first at line 2)"),
        .init("1 / 2", 1, 3, "unexpected \"/\"; comments start with \"//\" or \"/*\""),
        .init("[1, /* open\n\n", 1, 5, "unterminated block comment"),
        .init("/* a */ /* b", 1, 9, "unterminated block comment"),
    ]

    static let literals: [SyntaxErrorCase] = [
        .init("True", 1, 1, "unexpected \"True\"; did you mean \"true\"?"),
        .init("[nul]", 1, 2, "unexpected \"nul\"; expected a value (strings must be double-quoted)"),
        .init("[None]", 1, 2, "unexpected \"None\"; did you mean \"null\"?"),
        .init("[nullx]", 1, 2, "unexpected \"nullx\"; expected a value (strings must be double-quoted)"),
        .init("NaN", 1, 1, "unexpected \"NaN\"; NaN and Infinity are not JSON numbers"),
        .init("[-Infinity]", 1, 3, "expected a digit after \"-\""),
    ]

    static let numbers: [SyntaxErrorCase] = [
        .init("01", 1, 1, "leading zeros are not allowed in numbers"),
        .init("[-007]", 1, 2, "leading zeros are not allowed in numbers"),
        .init("1.", 1, 3, "expected a digit after the decimal point"),
        .init("[1.e5]", 1, 4, "expected a digit after the decimal point"),
        .init("+1", 1, 1, "numbers cannot start with \"+\""),
        .init(".5", 1, 1, "numbers must start with a digit (write 0.5, not .5)"),
        .init("-", 1, 2, "expected a digit after \"-\""),
        .init("1e", 1, 3, "expected a digit in the exponent"),
        .init("1e+", 1, 4, "expected a digit in the exponent"),
        .init("[0x1F]", 1, 2, "invalid number \"0x1F\""),
        .init("1.2.3", 1, 1, "invalid number \"1.2.3\""),
        .init("1e400", 1, 1, "number 1e400 is out of range"),
    ]

    static let strings: [SyntaxErrorCase] = [
        .init("\"abc", 1, 1, "unterminated string"),
        .init("[\"a\\", 1, 2, "unterminated string"),
        .init("{\"a\": \"b\n}", 1, 7, "unterminated string (a string cannot contain a line break; write \\n)"),
        .init("\"a\tb\"", 1, 3, "control character U+0009 must be escaped in a string"),
        .init("\"\\x\"", 1, 2, "invalid escape \"\\x\"; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
        .init("\"\\'\"", 1, 2, "invalid escape \"\\'\"; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
        .init("\"ab\\u12G4\"", 1, 4, "invalid \\u escape; expected four hex digits"),
        .init("\"\\u12\"", 1, 2, "invalid \\u escape; expected four hex digits"),
        .init("\"\\uD83D\"", 1, 2, "unpaired surrogate \\uD83D (a high surrogate must be followed by a \\uDC00-\\uDFFF escape)"),
        .init("\"\\uD83Dx\"", 1, 2, "unpaired surrogate \\uD83D (a high surrogate must be followed by a \\uDC00-\\uDFFF escape)"),
        .init("\"\\uD83D\\u0041\"", 1, 2, "unpaired surrogate \\uD83D (a high surrogate must be followed by a \\uDC00-\\uDFFF escape)"),
        .init("\"x\\uDE00\"", 1, 3, "unpaired surrogate \\uDE00 (a low surrogate must follow a high one)"),
        .init("\"\\uD83D\\uZZZZ\"", 1, 8, "invalid \\u escape; expected four hex digits"),
    ]

    static let encoding: [SyntaxErrorCase] = [
        .init(bytes: Array("[\"é".utf8) + [0xFF, 0x22, 0x5D], 1, 4, "invalid UTF-8 (byte 0xFF)"),
        .init(bytes: [0x22, 0xC3, 0x22], 1, 2, "invalid UTF-8 (byte 0xC3)"),
        .init(bytes: [0x22, 0xC0, 0xAF, 0x22], 1, 2, "invalid UTF-8 (byte 0xC0)"),
        .init(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], 1, 2, "invalid UTF-8 (byte 0xED)"),
        .init(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 1, 2, "invalid UTF-8 (byte 0xF4)"),
        .init(bytes: Array("1 // ok é\n// bad ".utf8) + [0x80], 2, 8, "invalid UTF-8 (byte 0x80)"),
        .init(bytes: Array("/* ".utf8) + [0xE2, 0x82], 1, 4, "invalid UTF-8 (byte 0xE2)"),
        .init(bytes: [0x5B, 0xFE, 0x5D], 1, 2, "invalid UTF-8 (byte 0xFE)"),
        .init(bytes: [0xEF, 0xBB, 0xBF], 1, 1, "empty document; expected a JSON value"),
        .init(bytes: [0xEF, 0xBB, 0xBF, 0x5B, 0x5D, 0x20, 0x31], 1, 4, "trailing characters after the JSON value"),
    ]

    @Test(arguments: structure + literals + numbers + strings + encoding)
    func reportsMessageAndPosition(_ testCase: SyntaxErrorCase) {
        guard let error = syntaxError(testCase.input) else { return }
        #expect(error.message == testCase.message)
        #expect(error.position.line == testCase.line)
        #expect(error.position.column == testCase.column)
    }

    @Test func offsetIsTheByteOffset() {
        let error = syntaxError(Array("[\n  é, 1]".utf8))
        #expect(error?.position == TextPosition(offset: 4, line: 2, column: 3))
    }

    @Test func nestingBeyondTheLimit() {
        let depth = JSONC.maximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = syntaxError(Array(text.utf8))
        #expect(error?.message == "nesting too deep; at most 512 arrays and objects may be open at once")
        #expect(error?.position.column == depth)
    }

    @Test func veryDeepInputIsRejectedWithoutRecursion() {
        let error = syntaxError(Array(repeating: UInt8(ascii: "["), count: 200_000))
        #expect(error?.message.hasPrefix("nesting too deep") == true)
    }

    @Test func descriptionsShowLineAndColumn() {
        let error = JSONSyntaxError(position: TextPosition(offset: 20, line: 3, column: 7), message: "unterminated string")
        #expect(error.description == "3:7: unterminated string")
        #expect(error.description(file: "rules/jwt.json") == "rules/jwt.json:3:7: unterminated string")
    }
}
