/// The JSONC grammar over UTF-8 bytes, on a small cursor.
///
/// Arrays and objects are parsed with an explicit stack of open containers rather than by
/// recursion, so the depth limit is a plain count and deep input cannot overflow a thread's stack.
/// Lines are counted as trivia is skipped (strings cannot contain line breaks), and columns are
/// counted from the start of the current line, resuming from the last position computed.
struct JSONParser {
    let bytes: [UInt8]
    var offset = 0
    /// Where the document starts: 3 after a byte order mark, else 0.
    let contentStart: Int
    /// 1-based number of the line `offset` is on, and the offset at which that line starts.
    private(set) var line = 1
    private(set) var lineStart = 0
    /// The last position computed on this line, from which the next one is counted.
    private var columnMark = (offset: 0, column: 1)

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        contentStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        offset = contentStart
        lineStart = contentStart
        columnMark = (contentStart, 1)
    }

    // MARK: - Cursor

    var isAtEnd: Bool { offset >= bytes.count }

    /// The byte `ahead` positions after the current one, or 0 past the end.
    func peek(_ ahead: Int = 0) -> UInt8 {
        let i = offset + ahead
        return i < bytes.count ? bytes[i] : 0
    }

    /// Consumes `byte` if it is next.
    mutating func eat(_ byte: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    /// The position of `target`, which must lie on the current line.
    mutating func position(at target: Int) -> TextPosition {
        if columnMark.offset < lineStart || columnMark.offset > target { columnMark = (lineStart, 1) }
        var (i, column) = columnMark
        while i < target {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        columnMark = (target, column)
        return TextPosition(offset: target, line: line, column: column)
    }

    /// An error at `target`, which must lie on the current line.
    mutating func error(at target: Int, _ message: String) -> JSONSyntaxError {
        JSONSyntaxError(position: position(at: target), message: message)
    }

    // MARK: - Trivia

    /// Skips whitespace and comments, counting lines.
    mutating func skipTrivia() throws(JSONSyntaxError) {
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                offset += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                eatLineBreak()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                try skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                try skipBlockComment()
            case UInt8(ascii: "/"):
                throw error(at: offset, "unexpected \"/\"; comments start with \"//\" or \"/*\"")
            default:
                return
            }
        }
    }

    /// Consumes a `\n`, `\r\n` or lone `\r` and starts a new line after it.
    private mutating func eatLineBreak() {
        if bytes[offset] == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { offset += 1 }
        offset += 1
        line += 1
        lineStart = offset
    }

    /// Skips `// ...` up to, not including, the line break.
    private mutating func skipLineComment() throws(JSONSyntaxError) {
        offset += 2
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { return }
            offset += b < 0x80 ? 1 : try utf8Length()
        }
    }

    /// Skips `/* ... */`, which does not nest and may span lines.
    private mutating func skipBlockComment() throws(JSONSyntaxError) {
        let start = position(at: offset)
        offset += 2
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                offset += 2
                return
            } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                eatLineBreak()
            } else {
                offset += b < 0x80 ? 1 : try utf8Length()
            }
        }
        throw JSONSyntaxError(position: start, message: "unterminated block comment")
    }

    // MARK: - Documents and containers

    /// Parses one value surrounded by nothing but trivia.
    mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        try skipTrivia()
        if isAtEnd {
            let onlyTrivia = offset > contentStart
            throw error(at: offset, onlyTrivia ? "unexpected end of file; expected a JSON value" : "empty document; expected a JSON value")
        }
        let root = try parseValue()
        try skipTrivia()
        if !isAtEnd { throw error(at: offset, "trailing characters after the JSON value") }
        return root
    }

    /// An array or object whose closing bracket has not been reached yet.
    private struct OpenContainer {
        let isObject: Bool
        let position: TextPosition
        var elements: [JSONNode] = []
        var members: [JSONMember] = []
        /// Where each key was first seen, to report a repeated one.
        var keyPositions: [String: TextPosition] = [:]
        /// The key whose value is being parsed.
        var key = ""
        var keyPosition = TextPosition.start

        var closer: UInt8 { isObject ? UInt8(ascii: "}") : UInt8(ascii: "]") }
        var node: JSONNode {
            JSONNode(value: isObject ? .object(members) : .array(elements), position: position)
        }
    }

    /// Parses the value at `offset` (after trivia) with everything nested in it.
    mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        var stack: [OpenContainer] = []
        while true {
            // Read the start of a value. An opened container goes round again for its first entry.
            var node: JSONNode
            let start = position(at: offset)
            let b = peek()
            if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                guard stack.count < JSONC.maximumDepth else {
                    throw error(at: offset, "nesting too deep; at most \(JSONC.maximumDepth) arrays and objects may be open at once")
                }
                offset += 1
                stack.append(OpenContainer(isObject: b == UInt8(ascii: "{"), position: start))
                guard try beginEntry(&stack) else { continue }
                node = stack.removeLast().node
            } else {
                if isAtEnd { throw endOfFile(in: stack) }
                node = JSONNode(value: try parseScalar(), position: start)
            }
            // Attach the finished value to its container, closing containers as their brackets come.
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].isObject {
                    stack[top].members.append(JSONMember(key: stack[top].key, keyPosition: stack[top].keyPosition, value: node))
                } else {
                    stack[top].elements.append(node)
                }
                try skipTrivia()
                if eat(UInt8(ascii: ",")) {
                    guard try beginEntry(&stack) else { break }
                } else if !eat(stack[top].closer) {
                    throw isAtEnd ? endOfFile(in: stack) : missingSeparator(in: stack[top])
                }
                node = stack.removeLast().node
            }
            if stack.isEmpty { return node }
        }
    }

    /// After `[`, `{` or `,`: consumes trivia and either the closing bracket (returning true) or,
    /// in an object, the next `"key":`. Leaves `offset` at the start of the next value.
    private mutating func beginEntry(_ stack: inout [OpenContainer]) throws(JSONSyntaxError) -> Bool {
        let top = stack.count - 1
        try skipTrivia()
        if eat(stack[top].closer) { return true }
        if stack[top].isObject {
            guard peek() == UInt8(ascii: "\"") else { throw badKey(in: stack) }
            let keyPosition = position(at: offset)
            let key = try parseString()
            if let first = stack[top].keyPositions[key] {
                throw JSONSyntaxError(position: keyPosition, message: "duplicate key \(quoted(key)) (first at line \(first.line))")
            }
            stack[top].keyPositions[key] = keyPosition
            stack[top].key = key
            stack[top].keyPosition = keyPosition
            try skipTrivia()
            guard eat(UInt8(ascii: ":")) else {
                throw isAtEnd ? endOfFile(in: stack) : unexpected(expecting: "\":\" after the key \(quoted(key))")
            }
        }
        try skipTrivia()
        if isAtEnd { throw endOfFile(in: stack) }
        return false
    }

    // MARK: - Structural errors

    /// The error for input that stops while containers are still open.
    private mutating func endOfFile(in stack: [OpenContainer]) -> JSONSyntaxError {
        guard let open = stack.last else { return error(at: offset, "unexpected end of file; expected a JSON value") }
        let kind = open.isObject ? "object" : "array"
        let closer = open.isObject ? "}" : "]"
        return error(at: offset, "unexpected end of file; expected \"\(closer)\" to close the \(kind) opened at line \(open.position.line), column \(open.position.column)")
    }

    /// The error for something other than a key or `}` after `{` or `,`.
    private mutating func badKey(in stack: [OpenContainer]) -> JSONSyntaxError {
        if isAtEnd { return endOfFile(in: stack) }
        if peek() == UInt8(ascii: "'") || Self.isWordByte(peek()) {
            return error(at: offset, "keys must be double-quoted strings")
        }
        return unexpected(expecting: "a double-quoted key or \"}\"")
    }

    /// The error for an entry not followed by `,` or the closing bracket.
    private mutating func missingSeparator(in open: OpenContainer) -> JSONSyntaxError {
        unexpected(expecting: open.isObject ? "\",\" or \"}\"" : "\",\" or \"]\"")
    }
}
