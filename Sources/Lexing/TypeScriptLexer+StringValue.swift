// MARK: - String values

extension TypeScriptLexer {
    /// The value of a JS string literal or substitution-free template literal token (quotes
    /// removed, escapes decoded), or nil for any other kind of token.
    ///
    /// Decodes `\n \t \r \b \f \v \0 \xHH \uHHHH \u{H...}` (surrogate pairs joined, lone surrogates
    /// become U+FFFD) and line continuations; any other escaped character stands for itself.
    /// Decoding stops at the closing quote, so an unterminated literal yields what it has.
    /// Invalid UTF-8 is replaced (lossy). JSX attribute strings have no escapes in JSX, but their
    /// tokens cannot be told apart here and are decoded like JS strings.
    static func stringValue(of token: Token, in bytes: UnsafeRawBufferPointer) -> String? {
        guard token.kind == .string else { return nil }
        let start = Int(token.start)
        let end = min(Int(token.end), bytes.count)
        guard start >= 0, start < end else { return nil }
        let quote = bytes[start]
        guard quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "`") else {
            return nil
        }
        var cursor = Cursor(UnsafeRawBufferPointer(rebasing: bytes[..<end]), offset: start + 1)
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        while !cursor.isAtEnd {
            let b = cursor.peek()
            if b == quote { break }
            cursor.advance()
            if b == UInt8(ascii: "\\") {
                decodeEscape(&cursor, into: &out)
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes the escape after a backslash (the cursor is past the backslash).
    private static func decodeEscape(_ cursor: inout Cursor, into out: inout [UInt8]) {
        guard !cursor.isAtEnd else { return }
        let b = cursor.peek()
        cursor.advance()
        switch b {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "0"): out.append(0x00)
        case UInt8(ascii: "\n"): break
        case UInt8(ascii: "\r"): _ = cursor.eat(UInt8(ascii: "\n"))
        case 0xE2 where cursor.peek() == 0x80 && (cursor.peek(1) == 0xA8 || cursor.peek(1) == 0xA9):
            cursor.advance(2)  // U+2028 / U+2029 line continuation
        case UInt8(ascii: "x"):
            if let value = hexValue(&cursor, digits: 2) {
                ByteClass.appendUTF8(value, to: &out)
            } else {
                out.append(b)
            }
        case UInt8(ascii: "u"):
            if let value = unicodeEscapeValue(&cursor) {
                ByteClass.appendUTF8(value, to: &out)
            } else {
                out.append(b)
            }
        default:
            out.append(b)
        }
    }

    /// The code point of `HHHH` or `{H...}` after `\u`, joining a following `\uHHHH` low
    /// surrogate to a high one; nil (cursor unmoved) when malformed.
    private static func unicodeEscapeValue(_ cursor: inout Cursor) -> UInt32? {
        if cursor.peek() == UInt8(ascii: "{") {
            var probe = cursor
            probe.advance()
            var value: UInt32 = 0
            var count = 0
            while let digit = ByteClass.hexValue(probe.peek()) {
                value = min(value &* 16 &+ digit, 0x110000)
                probe.advance()
                count += 1
            }
            guard count > 0, probe.eat(UInt8(ascii: "}")) else { return nil }
            cursor = probe
            return value
        }
        guard let high = hexValue(&cursor, digits: 4) else { return nil }
        guard high >= 0xD800, high < 0xDC00, cursor.peek() == UInt8(ascii: "\\"), cursor.peek(1) == UInt8(ascii: "u") else {
            return high
        }
        var probe = cursor
        probe.advance(2)
        guard let low = hexValue(&probe, digits: 4), low >= 0xDC00, low < 0xE000 else { return high }
        cursor = probe
        return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    }

    /// Exactly `digits` hex digits, or nil with the cursor unmoved.
    private static func hexValue(_ cursor: inout Cursor, digits: Int) -> UInt32? {
        var value: UInt32 = 0
        for k in 0..<digits {
            let b = cursor.peek(k)
            guard let digit = ByteClass.hexValue(b) else { return nil }
            value = value * 16 + digit
        }
        cursor.advance(digits)
        return value
    }
}
