import Model

/// One `ssotguard: ignore[...] -- reason` directive found in a comment, as written.
///
/// Syntax (inside any comment; blanks around the brackets, ids and `--` are optional):
///
///     ssotguard: ignore[rule-id, other-id] -- why this is an exception
///     ssotguard: ignore-file[rule-id] -- why this whole file is an exception
///
/// A comment may hold several directives; each one's reason ends at the next `ssotguard:`, the
/// end of its line or the end of the comment. `ssotguard:` followed by words that are not a
/// directive (`Checked by ssotguard: see the README`) is plain text, not a directive.
struct SuppressionDirective: Hashable, Sendable {
    /// A rule id as written between the brackets, with its place (for precise reports).
    struct Target: Hashable, Sendable {
        var id: String
        var range: ByteRange
    }

    var scope: Suppression.Scope
    var targets: [Target]
    /// The text after `--`, trimmed; nil when there is none.
    var reason: String?
    /// From `ssotguard` through the end of the directive (reason included), trailing blanks excluded.
    var range: ByteRange
    /// The comment the directive is in.
    var comment: ByteRange
    /// Why the directive cannot be used (malformed, no reason); nil when it is well-formed.
    var problem: String?
}

/// Finds directives in comment text: a byte scan, no regex, no allocation for comments without
/// `ssotguard:` (nearly all of them).
enum SuppressionParser {
    private static let marker = Array("ssotguard:".utf8)

    /// Appends the directives of the comment at `comment` (its `#`, `//` or `/* */` included).
    static func scan(_ comment: ByteRange, bytes: UnsafeRawBufferPointer, into directives: inout [SuppressionDirective]) {
        var textEnd = min(comment.end, bytes.count)
        if textEnd - comment.start >= 4, bytes[comment.start] == UInt8(ascii: "/"), bytes[comment.start + 1] == UInt8(ascii: "*"),
           bytes[textEnd - 2] == UInt8(ascii: "*"), bytes[textEnd - 1] == UInt8(ascii: "/") {
            textEnd -= 2
        }
        var start = nextMarker(from: comment.start, to: textEnd, bytes: bytes)
        while let current = start {
            let next = nextMarker(from: current + marker.count, to: textEnd, bytes: bytes)
            var limit = lineEnd(from: current, to: textEnd, bytes: bytes)
            if let next, next < limit {
                // `... -- one # ssotguard: ...`: the next directive's comment marker is not part of this one.
                limit = next
                while limit > current, isBlankOrMarker(bytes[limit - 1]) { limit -= 1 }
            }
            if var directive = parse(at: current, limit: limit, bytes: bytes) {
                directive.comment = comment
                directives.append(directive)
            }
            start = next
        }
    }

    // MARK: - Grammar

    /// The directive starting at `start` (the `s` of `ssotguard:`), reading no further than
    /// `limit`; nil when the text there is not a directive at all.
    static func parse(at start: Int, limit: Int, bytes: UnsafeRawBufferPointer) -> SuppressionDirective? {
        var cursor = skipBlanks(from: start + marker.count, to: limit, bytes: bytes)
        let wordStart = cursor
        while cursor < limit, isWordByte(bytes[cursor]) { cursor += 1 }
        let word = text(wordStart, cursor, bytes)
        cursor = skipBlanks(from: cursor, to: limit, bytes: bytes)
        let opensList = cursor < limit && bytes[cursor] == UInt8(ascii: "[")
        var directive = SuppressionDirective(scope: .line, targets: [], reason: nil,
                                             range: ByteRange(start, trimmedEnd(start, limit, bytes)),
                                             comment: ByteRange(start, limit))
        switch word {
        case "ignore": directive.scope = .line
        case "ignore-file": directive.scope = .file
        default:
            // Prose that mentions the tool is not a directive; a bracket list says one was meant.
            guard opensList else { return nil }
            directive.problem = word.isEmpty
                ? "malformed suppression: expected `ignore[rule-id]` or `ignore-file[rule-id]` after `ssotguard:`"
                : "malformed suppression: unknown directive `\(word)`; use `ignore[rule-id]` or `ignore-file[rule-id]`"
            return directive
        }
        guard opensList else {
            directive.problem = "malformed suppression: expected `[rule-id]` after `\(word)`"
            return directive
        }
        cursor += 1
        while true {
            cursor = skipBlanks(from: cursor, to: limit, bytes: bytes)
            let idStart = cursor
            while cursor < limit, !isIDTerminator(bytes[cursor]) { cursor += 1 }
            guard cursor > idStart else {
                directive.problem = cursor < limit
                    ? "malformed suppression: empty rule id in `[...]`"
                    : "malformed suppression: `[` is not closed by `]`"
                return directive
            }
            directive.targets.append(.init(id: text(idStart, cursor, bytes), range: ByteRange(idStart, cursor)))
            cursor = skipBlanks(from: cursor, to: limit, bytes: bytes)
            guard cursor < limit else {
                directive.problem = "malformed suppression: `[` is not closed by `]`"
                return directive
            }
            if bytes[cursor] == UInt8(ascii: "]") { break }
            guard bytes[cursor] == UInt8(ascii: ",") else {
                let closed = (cursor..<limit).contains { bytes[$0] == UInt8(ascii: "]") }
                directive.problem = closed
                    ? "malformed suppression: expected `,` or `]` after rule id `\(directive.targets.last!.id)`"
                    : "malformed suppression: `[` is not closed by `]`"
                return directive
            }
            cursor += 1
        }
        cursor = skipBlanks(from: cursor + 1, to: limit, bytes: bytes)
        if cursor + 1 < limit, bytes[cursor] == UInt8(ascii: "-"), bytes[cursor + 1] == UInt8(ascii: "-") {
            let reasonStart = skipBlanks(from: cursor + 2, to: limit, bytes: bytes)
            let reasonEnd = trimmedEnd(reasonStart, limit, bytes)
            if reasonEnd > reasonStart { directive.reason = text(reasonStart, reasonEnd, bytes) }
        }
        if directive.reason == nil {
            directive.problem = "suppression without a reason: add `-- why` after `]`"
        }
        return directive
    }

    // MARK: - Bytes

    /// The next `ssotguard:` in `[from, to)` that starts a word.
    static func nextMarker(from: Int, to end: Int, bytes: UnsafeRawBufferPointer) -> Int? {
        let first = marker[0]
        var i = from
        let last = end - marker.count
        while i <= last {
            if bytes[i] == first, i == 0 || !isNameByte(bytes[i - 1]) {
                var k = 1
                while k < marker.count, bytes[i + k] == marker[k] { k += 1 }
                if k == marker.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func lineEnd(from: Int, to end: Int, bytes: UnsafeRawBufferPointer) -> Int {
        var i = from
        while i < end, bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\r") { i += 1 }
        return i
    }

    static func skipBlanks(from: Int, to end: Int, bytes: UnsafeRawBufferPointer) -> Int {
        var i = from
        while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return i
    }

    /// `end` moved back over blanks (and a stray `\r`), not before `start`.
    static func trimmedEnd(_ start: Int, _ end: Int, _ bytes: UnsafeRawBufferPointer) -> Int {
        var i = end
        while i > start, bytes[i - 1] == UInt8(ascii: " ") || bytes[i - 1] == UInt8(ascii: "\t")
            || bytes[i - 1] == UInt8(ascii: "\r") { i -= 1 }
        return i
    }

    static func text(_ start: Int, _ end: Int, _ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    private static func isBlankOrMarker(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "#"), UInt8(ascii: "/"), UInt8(ascii: "*"): return true
        default: return false
        }
    }

    /// Letters and `-`: the bytes of a directive word (`ignore-file`).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "-")
    }

    /// Bytes that may not come right before `ssotguard:` (so `notssotguard:` is not a directive).
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isWordByte(byte) || byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isIDTerminator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
