/// A half-open range of byte offsets `[start, end)` into a file's contents.
///
/// Facts and findings carry byte ranges only; line and column are computed when a finding is
/// reported (see `LineIndex` in Lexing).
public struct ByteRange: Hashable, Sendable, Comparable, Codable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    public var count: Int { end - start }

    public static func < (lhs: ByteRange, rhs: ByteRange) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }
}
