// MARK: - String values

extension PythonLexer {
    /// The value of a Python `.string` token: prefix and quotes removed, escapes decoded unless
    /// the literal is raw, `{{`/`}}` halved in field-free f-strings and t-strings, line breaks
    /// normalised to `\n` (as Python reads source). Bytes are read as UTF-8, lossily; a byte
    /// literal's `\xHH` and octal escapes are bytes, so values above 0x7F come out as U+FFFD.
    /// An unterminated literal yields the text up to the end of the token. Nil for other kinds.
    static func stringValue(of token: Token, in bytes: UnsafeRawBufferPointer) -> String? {
        let start = Int(token.start), end = Int(token.end)
        guard token.kind == .string, start >= 0, start < end, end <= bytes.count else { return nil }
        var i = start
        var raw = false, isBytes = false, template = false
        while i < end, bytes[i] != UInt8(ascii: "'"), bytes[i] != UInt8(ascii: "\"") {
            switch bytes[i] | 0x20 {
            case UInt8(ascii: "r"): raw = true
            case UInt8(ascii: "b"): isBytes = true
            case UInt8(ascii: "f"), UInt8(ascii: "t"): template = true
            default: break
            }
            i += 1
        }
        guard i < end else { return nil }
        let quote = bytes[i]
        let triple = i + 2 < end && bytes[i + 1] == quote && bytes[i + 2] == quote
        let bodyStart = i + (triple ? 3 : 1)
        // The closing quote, found with the lexer's rule (a backslash hides the next byte).
        var bodyEnd = end
        var j = bodyStart
        while j < end {
            let b = bytes[j]
            if b == UInt8(ascii: "\\") {
                j += 2
            } else if b == quote && (!triple || (j + 2 < end && bytes[j + 1] == quote && bytes[j + 2] == quote)) {
                bodyEnd = j
                break
            } else {
                j += 1
            }
        }
        var decoder = EscapeDecoder(bytes: bytes, end: max(bodyStart, bodyEnd), raw: raw, isBytes: isBytes, template: template)
        return decoder.decode(from: bodyStart)
    }
}

/// Decodes the body of a Python string literal into UTF-8 bytes.
private struct EscapeDecoder {
    let bytes: UnsafeRawBufferPointer
    let end: Int
    let raw: Bool
    let isBytes: Bool
    let template: Bool
    var out: [UInt8] = []

    init(bytes: UnsafeRawBufferPointer, end: Int, raw: Bool, isBytes: Bool, template: Bool) {
        self.bytes = bytes
        self.end = end
        self.raw = raw
        self.isBytes = isBytes
        self.template = template
    }

    func byte(_ i: Int) -> UInt8 { i < end ? bytes[i] : 0 }

    mutating func decode(from start: Int) -> String {
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                i += byte(i + 1) == UInt8(ascii: "\n") ? 2 : 1
            } else if template && (b == UInt8(ascii: "{") || b == UInt8(ascii: "}")) && byte(i + 1) == b {
                out.append(b)
                i += 2
            } else if b == UInt8(ascii: "\\") && !raw && i + 1 < end {
                i = escape(at: i)
            } else {
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes the escape whose backslash is at `i`; returns the offset after it. An unknown
    /// escape keeps its backslash (the next byte is then read as ordinary text).
    mutating func escape(at i: Int) -> Int {
        let e = bytes[i + 1]
        switch e {
        case UInt8(ascii: "\n"): return i + 2
        case UInt8(ascii: "\r"): return byte(i + 2) == UInt8(ascii: "\n") ? i + 3 : i + 2
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value = 0
            var k = i + 1
            while k < i + 4, k < end, bytes[k] >= UInt8(ascii: "0"), bytes[k] <= UInt8(ascii: "7") {
                value = value * 8 + Int(bytes[k] - UInt8(ascii: "0"))
                k += 1
            }
            append(value)
            return k
        case UInt8(ascii: "x"),
             UInt8(ascii: "u") where !isBytes,
             UInt8(ascii: "U") where !isBytes:
            let digits = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
            guard let value = hex(from: i + 2, count: digits) else {
                out.append(UInt8(ascii: "\\"))
                return i + 1
            }
            append(value)
            return i + 2 + digits
        default:
            out.append(UInt8(ascii: "\\"))
            return i + 1
        }
        return i + 2
    }

    /// The value of exactly `count` hex digits at `start`, or nil.
    func hex(from start: Int, count: Int) -> Int? {
        guard start + count <= end else { return nil }
        var value = 0
        for k in start..<(start + count) {
            guard let digit = ByteClass.hexValue(bytes[k]) else { return nil }
            value = value * 16 + Int(digit)
        }
        return value
    }

    /// Appends a decoded code point (a byte, in a byte literal) as UTF-8; U+FFFD if invalid.
    mutating func append(_ value: Int) {
        if isBytes {
            out.append(UInt8(truncatingIfNeeded: value))
            return
        }
        ByteClass.appendUTF8(UInt32(clamping: value), to: &out)
    }
}
