/// A qualified-name pattern such as `jwt.decode` or `jose.jwt.*`: `*` matches any run of
/// characters (dots included) but never a call's `(`: a name with more calls in its chain than
/// the pattern spells out does not match (`jose.jwt.*` matches `jose.jwt.decode`, not
/// `jose.jwt.decode().get`, a method of the decoded claims; `jwt.PyJWKClient().*` matches
/// `jwt.PyJWKClient().get_signing_key_from_jwt`). Everything else matches itself.
public struct NamePattern: Hashable, Sendable, CustomStringConvertible {
    public let pattern: String
    private let parts: [[UInt8]]
    private let startsWithStar: Bool
    private let endsWithStar: Bool
    /// How many `(` the pattern spells out: a name must have exactly as many.
    private let calls: Int

    public init(_ pattern: String) {
        self.pattern = pattern
        parts = pattern.utf8.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: true).map(Array.init)
        startsWithStar = pattern.utf8.first == UInt8(ascii: "*")
        endsWithStar = pattern.utf8.last == UInt8(ascii: "*")
        calls = pattern.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "(") ? 1 : 0) }
    }

    public var description: String { pattern }

    public func matches(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
    }

    /// Whether UTF-8 `bytes` match (for callers that already hold bytes).
    func matches(utf8 bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { matches($0) }
    }

    private func matches(_ text: UnsafeRawBufferPointer) -> Bool {
        var textCalls = 0
        for byte in text where byte == UInt8(ascii: "(") { textCalls += 1 }
        guard textCalls == calls else { return false }
        if parts.isEmpty { return startsWithStar || text.isEmpty }
        var position = 0
        for (index, part) in parts.enumerated() {
            let isFirst = index == 0
            let isLast = index == parts.count - 1
            if isFirst, !startsWithStar {
                guard hasPrefix(text, part, at: 0) else { return false }
                position = part.count
                if isLast { return endsWithStar || position == text.count }
                continue
            }
            if isLast, !endsWithStar {
                let start = text.count - part.count
                return start >= position && hasPrefix(text, part, at: start)
            }
            guard let found = find(part, in: text, from: position) else { return false }
            position = found + part.count
        }
        return true
    }

    private func hasPrefix(_ text: UnsafeRawBufferPointer, _ part: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + part.count <= text.count else { return false }
        for k in 0..<part.count where text[offset + k] != part[k] { return false }
        return true
    }

    private func find(_ part: [UInt8], in text: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var offset = start
        while offset + part.count <= text.count {
            if hasPrefix(text, part, at: offset) { return offset }
            offset += 1
        }
        return nil
    }
}

extension NamePattern {
    /// A name as rules compare names: ASCII lowercased, `_` and `-` removed, so
    /// `validateAccessToken`, `validate_access_token` and `VALIDATE-ACCESS-TOKEN` are one name.
    static func normalizedName(_ name: String, into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        for byte in name.utf8 where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
            buffer.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
    }

    static func normalizedName(_ name: String) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(name.utf8.count)
        normalizedName(name, into: &buffer)
        return buffer
    }
}
