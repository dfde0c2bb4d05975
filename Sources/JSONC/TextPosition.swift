/// A place in a JSON document: the byte offset plus the 1-based line and column people see.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`. Columns count Unicode scalars, so a multi-byte
/// character is one column; a UTF-8 byte order mark at the start of the file takes no column.
public struct TextPosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Byte offset from the start of the input (0-based; a leading byte order mark counts).
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in Unicode scalars from the start of the line.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The start of a document; also the position given to values built in code.
    public static let start = TextPosition(offset: 0, line: 1, column: 1)

    /// `line:column`, the form diagnostics put after a file name.
    public var description: String { "\(line):\(column)" }

    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool { lhs.offset < rhs.offset }
}
