import Model

/// The rules of one `.gitignore` file, evaluated the way git does for paths relative to the
/// directory holding the file.
///
/// Each line is a rule: blank lines and `#` comments are skipped; `\#` and `\!` start a pattern
/// with a literal `#` or `!`; trailing spaces are trimmed unless escaped with `\`; a leading `!`
/// negates (the last matching rule wins); a trailing `/` restricts the rule to directories; a `/`
/// at the start or in the middle anchors the pattern to the `.gitignore`'s directory, otherwise it
/// matches a name at any depth; `*`, `?`, `[...]` and `**` are glob syntax (see `Glob`), and a
/// trailing `/**` matches everything inside a directory but not the directory itself.
///
/// A rule only ever matches the path it is asked about, never its descendants: the walker asks
/// about every directory before entering it and does not enter ignored ones, which is how git
/// makes a file inside an ignored directory impossible to re-include.
struct Gitignore: Sendable {
    /// One pattern line.
    struct Rule: Sendable {
        var glob: Glob
        var isNegated: Bool
        /// 1-based line in the file.
        var line: Int
    }

    var rules: [Rule] = []
    /// Warnings for lines that are not valid patterns (the rest of the file still applies).
    var diagnostics: [Diagnostic] = []

    /// Parses the contents of a `.gitignore`; `path` is how diagnostics name the file.
    init(contents: [UInt8], path: String) {
        var bytes = contents[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        for (index, rawLine) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .enumerated()
        {
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard let pattern = Gitignore.pattern(of: String(decoding: line, as: UTF8.self)) else { continue }
            do {
                rules.append(Rule(glob: try pattern.glob(), isNegated: pattern.isNegated, line: index + 1))
            } catch {
                diagnostics.append(Diagnostic(
                    level: .warning, path: path, line: index + 1,
                    message: "ignoring invalid pattern '\(pattern.text)': \(error.message)"))
            }
        }
    }

    /// Whether `path` (relative to the `.gitignore`'s directory) is ignored.
    func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        decision(path, isDirectory: isDirectory) ?? false
    }

    /// What the last matching rule says about `path`: true (ignored), false (re-included by a
    /// `!` rule), or nil when no rule matches, so a shallower `.gitignore` decides.
    func decision(_ path: String, isDirectory: Bool) -> Bool? {
        for rule in rules.reversed() where rule.glob.matchesExactly(path, isDirectory: isDirectory) {
            return !rule.isNegated
        }
        return nil
    }

    // MARK: - Lines

    /// A line reduced to its pattern text and flags.
    struct Pattern: Equatable {
        /// The pattern without its `!` and trailing `/`.
        var text: String
        var isNegated: Bool
        var isDirectoryOnly: Bool

        /// Whether git anchors the pattern: a `/` at its start or in its middle.
        var isAnchored: Bool { text.utf8.contains(UInt8(ascii: "/")) }

        /// The equivalent `Glob`, anchored per git's rule.
        func glob() throws(GlobError) -> Glob {
            var body = text
            // `dir/**` matches what is inside `dir` but not `dir` itself, while a glob's `**` may
            // match zero segments: require one more segment.
            if body.hasSuffix("/**") { body += "/*" }
            return try Glob(body + (isDirectoryOnly ? "/" : ""), anchored: isAnchored)
        }
    }

    /// The pattern of one line, or nil for blank lines and comments.
    static func pattern(of line: String) -> Pattern? {
        var bytes = Array(line.utf8)
        // Trailing spaces go, unless escaped by an odd number of backslashes.
        while bytes.last == UInt8(ascii: " ") {
            var backslashes = 0
            while backslashes + 2 <= bytes.count, bytes[bytes.count - 2 - backslashes] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 1 { break }
            bytes.removeLast()
        }
        guard let first = bytes.first, first != UInt8(ascii: "#") else { return nil }
        let isNegated = first == UInt8(ascii: "!")
        if isNegated { bytes.removeFirst() }
        let isDirectoryOnly = bytes.last == UInt8(ascii: "/")
        while bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        guard !bytes.isEmpty else { return nil }
        return Pattern(text: String(decoding: bytes, as: UTF8.self), isNegated: isNegated,
                       isDirectoryOnly: isDirectoryOnly)
    }
}
