/// The part of a finding's first line that text reports show: at most `maximumWidth` characters
/// around the finding, every secret of the file already masked, with where the marker goes.
///
/// A finding keeps this bounded window, never its whole line: a minified bundle has megabyte
/// lines and thousands of findings on each.
public struct Snippet: Hashable, Sendable, Codable {
    /// Most characters shown of a line.
    public static let maximumWidth = 200
    /// Characters kept before the finding when a long line is cut.
    public static let leadingContext = 60

    /// The shown text (control characters as in the source: reporters escape them).
    public var text: String
    /// Where the finding starts in `text`, in Unicode scalars from its start.
    public var markerStart: Int
    /// How many scalars of `text` the marker covers (at least 1).
    public var markerLength: Int
    /// Whether the line goes on before / after the shown text.
    public var cutBefore: Bool
    public var cutAfter: Bool

    public init(text: String = "", markerStart: Int = 0, markerLength: Int = 1, cutBefore: Bool = false, cutAfter: Bool = false) {
        self.text = text
        self.markerStart = markerStart
        self.markerLength = max(1, markerLength)
        self.cutBefore = cutBefore
        self.cutAfter = cutAfter
    }
}

extension Snippet {
    /// All of a short line, the marker under 1-based columns `column ..< endColumn`.
    public init(line: String, column: Int, endColumn: Int) {
        self.init(text: line, markerStart: max(0, column - 1), markerLength: max(1, endColumn - column))
    }
}
