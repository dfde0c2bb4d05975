/// Strings, numbers and the literals `true`, `false`, `null`; UTF-8 checking; messages for
/// characters that cannot start a value.
extension JSONParser {
    // MARK: - Values that are not containers

    /// Parses a string, number or literal at `offset`, or explains what is there instead.
    mutating func parseScalar() throws(JSONSyntaxError) -> JSONValue {
        let b = peek()
        switch b {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case UInt8(ascii: "'"):
            throw error(at: offset, "strings must be double-quoted, not single-quoted")
        case UInt8(ascii: "+"):
            throw error(at: offset, "numbers cannot start with \"+\"")
        case UInt8(ascii: "."):
            throw error(at: offset, "numbers must start with a digit (write 0.5, not .5)")
        case _ where Self.isWordByte(b):
            return try parseWord()
        default:
            throw unexpected(expecting: "a value")
        }
    }

    /// Parses `true`, `false` or `null`, with a hint for near misses such as `True` or `NaN`.
    private mutating func parseWord() throws(JSONSyntaxError) -> JSONValue {
        let start = offset
        while Self.isWordByte(peek()) { offset += 1 }
        let word = String(decoding: bytes[start..<offset], as: UTF8.self)
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: break
        }
        let hint: String
        switch word.lowercased() {
        case "true", "false", "null": hint = "did you mean \(quoted(word.lowercased()))?"
        case "none", "nil", "undefined": hint = "did you mean \"null\"?"
        case "nan", "infinity", "inf": hint = "NaN and Infinity are not JSON numbers"
        default: hint = "expected a value (strings must be double-quoted)"
        }
        throw error(at: start, "unexpected \(quoted(word)); \(hint)")
    }

    // MARK: - Strings

    /// Parses a string literal starting at its opening quote, decoding escapes.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let quote = offset
        offset += 1
        var runStart = offset
        var decoded: [UInt8] = []
        var hasEscapes = false
        while offset < bytes.count {
            let b = bytes[offset]
            switch b {
            case UInt8(ascii: "\""):
                defer { offset += 1 }
                guard hasEscapes else { return String(decoding: bytes[runStart..<offset], as: UTF8.self) }
                decoded.append(contentsOf: bytes[runStart..<offset])
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                decoded.append(contentsOf: bytes[runStart..<offset])
                hasEscapes = true
                try parseEscape(into: &decoded, quote: quote)
                runStart = offset
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error(at: quote, "unterminated string (a string cannot contain a line break; write \\n)")
            case 0..<0x20:
                throw error(at: offset, "control character \(Self.scalarName(UInt32(b))) must be escaped in a string")
            case 0x80...:
                offset += try utf8Length()
            default:
                offset += 1
            }
        }
        throw error(at: quote, "unterminated string")
    }

    /// Decodes the escape sequence at the backslash under `offset` and appends its UTF-8 bytes.
    private mutating func parseEscape(into decoded: inout [UInt8], quote: Int) throws(JSONSyntaxError) {
        let backslash = offset
        offset += 1
        guard offset < bytes.count else { throw error(at: quote, "unterminated string") }
        let b = bytes[offset]
        offset += 1
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(b)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var value = try parseHex4(escapeAt: backslash)
            if (0xDC00...0xDFFF).contains(value) {
                throw error(at: backslash, "unpaired surrogate \\u\(Self.hex4(value)) (a low surrogate must follow a high one)")
            }
            if (0xD800...0xDBFF).contains(value) {
                let next = offset
                guard peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else {
                    throw error(at: backslash, "unpaired surrogate \\u\(Self.hex4(value)) (a high surrogate must be followed by a \\uDC00-\\uDFFF escape)")
                }
                offset += 2
                let low = try parseHex4(escapeAt: next)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error(at: backslash, "unpaired surrogate \\u\(Self.hex4(value)) (a high surrogate must be followed by a \\uDC00-\\uDFFF escape)")
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            // Surrogates are excluded above, so every remaining value is a scalar.
            if let scalar = Unicode.Scalar(value) { UTF8.encode(scalar) { decoded.append($0) } }
        default:
            offset = backslash + 1
            let shown = b < 0x20 ? Self.scalarName(UInt32(b)) : "\"\\\(try currentCharacter())\""
            throw error(at: backslash, "invalid escape \(shown); valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    /// Reads the four hex digits after `\u`; errors point at the escape's backslash.
    private mutating func parseHex4(escapeAt backslash: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = peek()
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw error(at: backslash, "invalid \\u escape; expected four hex digits")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    // MARK: - Numbers

    /// Parses a number per the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = offset
        _ = eat(UInt8(ascii: "-"))
        if eat(UInt8(ascii: "0")) {
            if Self.isDigit(peek()) { throw error(at: start, "leading zeros are not allowed in numbers") }
        } else if Self.isDigit(peek()) {
            while Self.isDigit(peek()) { offset += 1 }
        } else {
            throw error(at: offset, "expected a digit after \"-\"")
        }
        if eat(UInt8(ascii: ".")) {
            guard Self.isDigit(peek()) else { throw error(at: offset, "expected a digit after the decimal point") }
            while Self.isDigit(peek()) { offset += 1 }
        }
        if eat(UInt8(ascii: "e")) || eat(UInt8(ascii: "E")) {
            if !eat(UInt8(ascii: "+")) { _ = eat(UInt8(ascii: "-")) }
            guard Self.isDigit(peek()) else { throw error(at: offset, "expected a digit in the exponent") }
            while Self.isDigit(peek()) { offset += 1 }
        }
        if Self.isWordByte(peek()) || peek() == UInt8(ascii: ".") {
            // Something like 0x1F, 12px or 1.2.3: name the whole thing rather than its tail.
            while Self.isWordByte(peek()) || peek() == UInt8(ascii: ".") { offset += 1 }
            throw error(at: start, "invalid number \(quoted(String(decoding: bytes[start..<offset], as: UTF8.self)))")
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw error(at: start, "number \(text) is out of range") }
        return value
    }

    // MARK: - Characters

    /// The length of the well-formed UTF-8 sequence at `offset` (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), or an error pointing at its first byte.
    mutating func utf8Length() throws(JSONSyntaxError) -> Int {
        let lead = bytes[offset]
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            offset + k < bytes.count && range.contains(bytes[offset + k])
        }
        let length: Int
        switch lead {
        case 0x00...0x7F: length = 1
        case 0xC2...0xDF: length = continuation(1) ? 2 : 0
        case 0xE0: length = continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xED: length = continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xE1...0xEF: length = continuation(1) && continuation(2) ? 3 : 0
        case 0xF0: length = continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: length = continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: length = continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: length = 0
        }
        guard length > 0 else { throw error(at: offset, "invalid UTF-8 (byte 0x\(Self.hex2(lead)))") }
        return length
    }

    /// The character at `offset` as text, for messages; invalid UTF-8 is an error of its own.
    private mutating func currentCharacter() throws(JSONSyntaxError) -> String {
        let length = try utf8Length()
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    /// `unexpected "x"; expected ...` for the character at `offset`.
    mutating func unexpected(expecting expected: String) -> JSONSyntaxError {
        let b = peek()
        let shown: String
        if b < 0x20 || b == 0x7F {
            shown = "character \(Self.scalarName(UInt32(b)))"
        } else {
            do throws(JSONSyntaxError) {
                shown = quoted(try currentCharacter())
            } catch {
                return error
            }
        }
        return error(at: offset, "unexpected \(shown); expected \(expected)")
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// ASCII letters, digits, `_` and `$`: what a bare word such as `true` or an unquoted key is made of.
    static func isWordByte(_ b: UInt8) -> Bool {
        isDigit(b) || ((b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z"))
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
    }

    static func hex2(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return s.count < 2 ? "0" + s : s
    }

    static func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// `U+000A`-style name of a scalar, for characters that cannot be shown.
    static func scalarName(_ v: UInt32) -> String { "U+" + hex4(v) }
}

/// `text` in double quotes with JSON escapes, as messages show keys and values.
func quoted(_ text: String) -> String {
    JSONC.serialize(.string(text), pretty: false)
}
