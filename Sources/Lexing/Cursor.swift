/// A read position over a file's bytes, with the small vocabulary lexers are written in:
/// `peek`, `peek(1)`, `advance`, `eat(_:)`, `eat(while:)`.
///
/// Reading past the end yields 0, so lexers need no separate bounds checks in their loops
/// (a NUL byte in the source is treated like the end only where a lexer chooses to).
struct Cursor {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    /// The byte `ahead` positions after the current one, or 0 past the end.
    @inline(__always)
    func peek(_ ahead: Int = 0) -> UInt8 {
        let i = offset + ahead
        return i < bytes.count ? bytes[i] : 0
    }

    @inline(__always)
    mutating func advance(_ count: Int = 1) {
        offset = min(offset + count, bytes.count)
    }

    /// Consumes `byte` if it is next.
    @inline(__always)
    mutating func eat(_ byte: UInt8) -> Bool {
        if offset < bytes.count, bytes[offset] == byte {
            offset += 1
            return true
        }
        return false
    }

    /// Consumes bytes while `predicate` holds.
    @inline(__always)
    mutating func eat(while predicate: (UInt8) -> Bool) {
        while offset < bytes.count, predicate(bytes[offset]) { offset += 1 }
    }
}

// MARK: - Byte classes shared by the lexers

enum ByteClass {
    @inline(__always)
    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b >= 0x80
    }

    @inline(__always)
    static func isIdentifierContinue(_ b: UInt8) -> Bool {
        isIdentifierStart(b) || (b >= 0x30 && b <= 0x39)
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isHorizontalSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0C }

    /// The value of a hex digit, or nil.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32? {
        if isDigit(b) { return UInt32(b - 0x30) }
        let lower = b | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") ? UInt32(lower - UInt8(ascii: "a") + 10) : nil
    }

    /// Appends the UTF-8 encoding of the code point `value` (U+FFFD when it is no Unicode
    /// scalar): what string-literal decoders produce for `\u`, `\x`, octal escapes.
    static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        let v = Unicode.Scalar(value)?.value ?? 0xFFFD
        switch v {
        case ..<0x80:
            out.append(UInt8(v))
        case ..<0x800:
            out.append(UInt8(0xC0 | v >> 6))
            out.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | v >> 12))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18))
            out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
