import Model

/// The start offset of every line of a file; turns byte offsets into 1-based line and column.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`. Columns count Unicode scalars (UTF-8 continuation
/// bytes are not counted), so a multi-byte character is one column.
public struct LineIndex: Sendable {
    /// Offsets at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    public let byteCount: Int
    /// 3 when the file starts with a UTF-8 byte order mark (not counted as a column), else 0.
    public let bodyStart: Int

    public init(_ bytes: UnsafeRawBufferPointer) {
        var starts = [0]
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") {
                starts.append(i + 1)
            } else if b == UInt8(ascii: "\r") {
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        lineStarts = starts
        byteCount = n
        bodyStart = Lexer.bodyStart(bytes)
    }

    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { LineIndex($0) }
    }

    public var lineCount: Int { lineStarts.count }

    /// The 0-based index of the line containing `offset`.
    public func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// 1-based line and column of `offset`.
    public func position(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        let line = lineIndex(of: offset)
        var column = 1
        var i = line == 0 ? bodyStart : lineStarts[line]
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line + 1, column)
    }

    /// The 1-based location of `range`; `endColumn` is just after the last character.
    public func location(of range: ByteRange, in bytes: UnsafeRawBufferPointer) -> SourceLocation {
        let start = position(of: range.start, in: bytes)
        let end = position(of: max(range.start, range.end), in: bytes)
        return SourceLocation(line: start.line, column: start.column, endLine: end.line, endColumn: end.column)
    }

    /// The byte range of the 0-based line `index`, without its line break.
    public func lineRange(_ index: Int, in bytes: UnsafeRawBufferPointer) -> ByteRange {
        let start = index == 0 ? bodyStart : lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] : byteCount
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return ByteRange(start, end)
    }
}
