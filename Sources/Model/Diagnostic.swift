/// A problem of the tool, not of the scanned code: a file that could not be read or lexed, a
/// symlink that was not followed, a broken rule file. Reported on stderr and in the JSON report's
/// `diagnostics`, never mixed with findings.
public struct Diagnostic: Hashable, Sendable, Codable {
    public enum Level: String, Sendable, Codable, Comparable {
        case note
        case warning
        case error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    public var level: Level
    /// The file concerned, as reported (relative to the scan root where it is inside it).
    public var path: String
    /// 1-based line, when the problem has a place inside the file.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(level: Level, path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.level = level
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:col: level: message`, the form compilers and editors understand, safe for a
    /// terminal (see `TerminalText`: a file name cannot fake a line or send escape sequences).
    public var formatted: String {
        var place = TerminalText.path(path)
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(level.rawValue): \(TerminalText.escape(message))"
    }

    public static func order(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        if (lhs.line ?? 0) != (rhs.line ?? 0) { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return lhs.message < rhs.message
    }
}
