import Model

extension LineIndex {
    /// 1-based line and column of `offset`, the column counted in UTF-16 code units (what SARIF's
    /// `utf16CodeUnits`, JavaScript and GitHub count): a character outside the Basic Multilingual
    /// Plane (4 UTF-8 bytes, e.g. an emoji) takes two columns, any other character one.
    public func utf16Position(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        let line = lineIndex(of: offset)
        var column = 1
        var i = line == 0 ? bodyStart : lineStarts[line]
        let end = min(offset, bytes.count)
        while i < end {
            let byte = bytes[i]
            if byte & 0xC0 != 0x80 { column += byte >= 0xF0 ? 2 : 1 }
            i += 1
        }
        return (line + 1, column)
    }

    /// The 1-based location of `range` with UTF-16 columns; `endColumn` is just after the last
    /// character.
    public func utf16Location(of range: ByteRange, in bytes: UnsafeRawBufferPointer) -> SourceLocation {
        let start = utf16Position(of: range.start, in: bytes)
        let end = utf16Position(of: max(range.start, range.end), in: bytes)
        return SourceLocation(line: start.line, column: start.column, endLine: end.line, endColumn: end.column)
    }
}
