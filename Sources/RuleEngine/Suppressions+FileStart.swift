import Lexing
import Model

// MARK: - Placement: own-line comments, and where "near the top of the file" ends

extension Suppressions {
    /// Whether only blanks (or the `{` of a JSX `{/* ... */}`) come before `comment` on its line:
    /// such a comment also covers the next line; a trailing comment covers only its own.
    static func startsItsLine(_ comment: ByteRange, bytes: UnsafeRawBufferPointer, lines: LineIndex) -> Bool {
        let line = lines.lineIndex(of: comment.start)
        var offset = line == 0 ? lines.bodyStart : lines.lineStarts[line]
        var sawBrace = false
        while offset < comment.start {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C: break
            case UInt8(ascii: "{") where !sawBrace: sawBrace = true
            default: return false
            }
            offset += 1
        }
        return true
    }

    /// The offset of the file's first code: after the byte order mark, blanks, comments and one
    /// leading string literal (a Python docstring, a `"use strict"` directive).
    static func firstCodeOffset(bytes: UnsafeRawBufferPointer, comments: [ByteRange], bodyStart: Int) -> Int {
        var offset = bodyStart
        var commentIndex = 0
        var skippedString = false
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r") || byte == 0x0C || (skippedString && byte == UInt8(ascii: ";")) {
                offset += 1
                continue
            }
            while commentIndex < comments.count, comments[commentIndex].end <= offset { commentIndex += 1 }
            if commentIndex < comments.count, comments[commentIndex].start == offset {
                offset = max(offset + 1, comments[commentIndex].end)
                continue
            }
            if !skippedString, let end = StringSkipper.end(ofLiteralAt: offset, bytes: bytes) {
                skippedString = true
                offset = end
                continue
            }
            break
        }
        return offset
    }
}

/// Skips one string literal by its bytes, for the docstring (Python) or directive prologue
/// (`"use strict"`) that may come before an `ignore-file` comment. Comment ranges come from the
/// real lexer; this only has to find where a leading literal ends.
enum StringSkipper {
    /// The offset just after the literal starting at `start` (Python prefixes `r`, `u`, `b`, `f`
    /// and triple quotes included), or nil when no complete literal starts there.
    static func end(ofLiteralAt start: Int, bytes: UnsafeRawBufferPointer) -> Int? {
        var i = start
        var prefix = 0
        while i < bytes.count, prefix < 2, isPrefixLetter(bytes[i]) {
            i += 1
            prefix += 1
        }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { return nil }
        let quote = bytes[i]
        let triple = i + 2 < bytes.count && bytes[i + 1] == quote && bytes[i + 2] == quote
        i += triple ? 3 : 1
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if byte == quote {
                if !triple { return i + 1 }
                if i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote { return i + 3 }
            } else if !triple, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                return nil
            }
            i += 1
        }
        return nil
    }

    private static func isPrefixLetter(_ byte: UInt8) -> Bool {
        switch byte | 0x20 {
        case UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "b"), UInt8(ascii: "f"): return true
        default: return false
        }
    }
}
