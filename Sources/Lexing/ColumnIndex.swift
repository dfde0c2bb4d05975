import Model

/// Line and column of any offset in O(log lines) time, however long the line: a `LineIndex` plus
/// the number of Unicode scalars and of UTF-16 code units before every 64-byte block of the file.
///
/// `LineIndex.position` counts a line's bytes from its start, which is fine for one finding on a
/// short line and quadratic for thousands of findings on one megabyte line (a minified bundle).
/// Built in one pass, only for files that have something to report.
public struct ColumnIndex: Sendable {
    public let lines: LineIndex
    private static let blockShift = 6
    /// Scalars (UTF-8 bytes that are not continuation bytes) before each block.
    private let scalarsBefore: [Int]
    /// UTF-16 code units before each block (a 4-byte sequence counts two).
    private let utf16Before: [Int]

    public init(_ lines: LineIndex, _ bytes: UnsafeRawBufferPointer) {
        self.lines = lines
        let blocks = bytes.count >> Self.blockShift + 1
        var scalars = [Int](repeating: 0, count: blocks)
        var units = [Int](repeating: 0, count: blocks)
        var scalarCount = 0
        var unitCount = 0
        var block = 0
        for offset in 0..<bytes.count {
            if offset & 63 == 0 {
                scalars[block] = scalarCount
                units[block] = unitCount
                block += 1
            }
            let byte = bytes[offset]
            if byte & 0xC0 != 0x80 {
                scalarCount += 1
                unitCount += byte >= 0xF0 ? 2 : 1
            }
        }
        if block < blocks {
            scalars[block] = scalarCount
            units[block] = unitCount
        }
        scalarsBefore = scalars
        utf16Before = units
    }

    /// Scalars and UTF-16 units in `bytes[0..<offset]`.
    @inline(__always)
    private func counts(before offset: Int, _ bytes: UnsafeRawBufferPointer) -> (scalars: Int, units: Int) {
        let offset = min(max(0, offset), bytes.count)
        let block = offset >> Self.blockShift
        var scalars = scalarsBefore[block]
        var units = utf16Before[block]
        var i = block << Self.blockShift
        while i < offset {
            let byte = bytes[i]
            if byte & 0xC0 != 0x80 {
                scalars += 1
                units += byte >= 0xF0 ? 2 : 1
            }
            i += 1
        }
        return (scalars, units)
    }

    /// 1-based line, scalar column and UTF-16 column of `offset`.
    public func position(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int, utf16Column: Int) {
        let line = lines.lineIndex(of: offset)
        let lineStart = line == 0 ? lines.bodyStart : lines.lineStarts[line]
        let start = counts(before: lineStart, bytes)
        let here = counts(before: max(lineStart, offset), bytes)
        return (line + 1, here.scalars - start.scalars + 1, here.units - start.units + 1)
    }

    /// The location of `range` in scalar columns and in UTF-16 columns.
    public func locations(of range: ByteRange, in bytes: UnsafeRawBufferPointer) -> (scalar: SourceLocation, utf16: SourceLocation) {
        let start = position(of: range.start, in: bytes)
        let end = position(of: max(range.start, range.end), in: bytes)
        return (SourceLocation(line: start.line, column: start.column, endLine: end.line, endColumn: end.column),
                SourceLocation(line: start.line, column: start.utf16Column, endLine: end.line, endColumn: end.utf16Column))
    }
}
