import Lexing
import Model

// MARK: - Key-like strings

extension FunctionBodyScanner {
    /// Longest literal (in bytes, quotes included) considered a key.
    static let maximumKeyLength = 160

    /// Whether strings at this point are messages (in a `raise` / `throw` or a log call).
    private var inMessage: Bool {
        current.isMessage || current.logDepth >= 0
    }

    /// A plain string literal that looks like a key: not a dict key (`"k": v`), subscript key,
    /// `.get("k")` field name, statement of its own (docstring, directive) or message.
    mutating func keyString(_ i: Int) {
        guard !inMessage else { return }
        let token = stream.tokens[i]
        guard token.length <= Self.maximumKeyLength else { return }
        let next = stream.kind(i + 1)
        let previous = stream.kind(i - 1)
        if next == .colon { return }
        if previous == .lBracket, next == .rBracket { return }
        if previous == .lParen, stream.isWord(i - 2, "get") { return }
        if i == current.statementFirst,
           next == nil || next == .newline || next == .semicolon || stream.tokens[i + 1].newlineBefore { return }
        for offset in Int(token.start)..<Int(token.end) where Self.isSpace(stream.bytes[offset]) { return }
        guard let value = stream.stringValue(i, language: language), !value.isEmpty else { return }
        keyStrings.append(NameOccurrence(value, token.range))
        keyStringOwners.append(Int32(current.index))
    }

    /// The literal text of a template or f-string piece (`blacklist:` in `f"blacklist:{jti}"`,
    /// `` `revoked:${jti}` ``) when it looks like a key.
    mutating func keyPiece(_ i: Int) {
        guard !inMessage else { return }
        let token = stream.tokens[i]
        guard token.length <= Self.maximumKeyLength else { return }
        let bytes = stream.bytes
        var start = Int(token.start)
        var end = Int(token.end)
        if token.kind == .templateHead {
            while start < end, Self.isLetter(bytes[start]) { start += 1 }
        }
        while start < end, Self.isDelimiter(bytes[start]) { start += 1 }
        while end > start, Self.isDelimiter(bytes[end - 1]) || bytes[end - 1] == UInt8(ascii: "$") { end -= 1 }
        guard start < end else { return }
        for offset in start..<end where Self.isSpace(bytes[offset]) { return }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        keyStrings.append(NameOccurrence(text, ByteRange(start, end)))
        keyStringOwners.append(Int32(current.index))
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Quotes and the braces that join a piece to its substitutions.
    @inline(__always)
    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }
}
