// MARK: - JSX

/// JSX is lexed with frames instead of recursion: `<` pushes `.jsxOpenTag`; its `>` turns it into
/// `.jsxChildren`; a child `</` turns that into `.jsxCloseTag`, whose `>` pops it. `{` in a tag or
/// among children pushes `.jsxExpression`, lexed as code until its `}`.
///
/// Tokens: tag punctuation (`<`, `/`, `>`, `/>`) is `.operator`, tag and attribute names are
/// `.identifier` (with `-` and `:` inside, `.` as `.dot`), attribute `=` is `.equal`, attribute
/// strings are `.string` (they have no escapes), braces are `.lBrace` / `.rBrace`, and text between
/// tags is `.jsxText` with surrounding white space trimmed (white-space-only text is skipped).
extension TypeScriptLexer.Scanner {
    /// Whether the `<` at the cursor begins a JSX element: JSX is on, an expression may start
    /// here, and an identifier or `>` follows, but not `<T,` or `<T extends` (type parameters of
    /// a generic arrow function in a `.tsx` file).
    func startsJSX() -> Bool {
        guard jsxEnabled, expressionMayStart, cursor.offset != rejectedJSXOffset else { return false }
        let next = cursor.peek(1)
        if next == UInt8(ascii: ">") { return true }
        guard Self.isIdentifierStart(next) else { return false }
        var probe = cursor
        probe.advance(1)
        probe.eat(while: Self.isIdentifierContinue)
        probe.eat(while: { ByteClass.isHorizontalSpace($0) || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
        if probe.peek() == UInt8(ascii: ",") { return false }
        let extends: [UInt8] = Array("extends".utf8)
        for (k, byte) in extends.enumerated() where probe.peek(k) != byte { return true }
        return Self.isIdentifierContinue(probe.peek(extends.count))
    }

    /// Emits the `<` of an element or fragment and opens its tag, remembering where the outermost
    /// element began in case it never ends.
    mutating func beginJSXElement() {
        if jsxStart == nil {
            jsxStart = TypeScriptLexer.JSXStart(
                offset: cursor.offset, tokenCount: tokens.count, problemCount: problems.count,
                frameDepth: frames.count, breakSinceToken: breakSinceToken,
                breakSinceSignificant: breakSinceSignificant)
        }
        let start = cursor.offset
        cursor.advance()
        emit(.operator, from: start)
        frames.append(.jsxOpenTag)
    }

    /// One piece of an opening or closing tag: a name, `.`, `=`, an attribute string, `{`, a
    /// comment, or the `>` / `/>` that ends the tag.
    mutating func lexJSXTagPart() {
        skipTrivia()
        guard !cursor.isAtEnd else {
            abandonJSX()
            return
        }
        let start = cursor.offset
        let b = cursor.peek()
        let isOpenTag = frames.last == .jsxOpenTag
        switch b {
        case UInt8(ascii: "/") where cursor.peek(1) == UInt8(ascii: "/") || cursor.peek(1) == UInt8(ascii: "*"):
            lexSlashInJSXTag()
        case UInt8(ascii: "/") where isOpenTag && cursor.peek(1) == UInt8(ascii: ">"):
            cursor.advance(2)
            emit(.operator, from: start)
            frames.removeLast()
            finishJSXElementIfDone()
        case UInt8(ascii: ">"):
            cursor.advance()
            emit(.operator, from: start)
            frames.removeLast()
            if isOpenTag {
                frames.append(.jsxChildren)
            } else {
                finishJSXElementIfDone()
            }
        case UInt8(ascii: "."):
            cursor.advance()
            emit(.dot, from: start)
        case UInt8(ascii: "="):
            cursor.advance()
            emit(.equal, from: start)
        case UInt8(ascii: "{"):
            cursor.advance()
            emit(.lBrace, from: start)
            frames.append(.jsxExpression)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            cursor.advance()
            cursor.eat(while: { $0 != b })
            guard cursor.eat(b) else {
                abandonJSX()
                return
            }
            emit(.string, from: start)
        default:
            if Self.isIdentifierStart(b) {
                cursor.eat(while: { Self.isIdentifierContinue($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") })
                emit(.identifier, from: start)
            } else {
                cursor.advance()
                emit(b == UInt8(ascii: "<") ? .operator : .unknown, from: start)
            }
        }
    }

    /// A comment between attributes.
    mutating func lexSlashInJSXTag() {
        if cursor.peek(1) == UInt8(ascii: "*") {
            lexBlockComment()
        } else {
            let start = cursor.offset
            skipToLineEnd()
            emit(.comment, from: start)
        }
    }

    /// Text up to the next `<` or `{`, then that child: a nested element, a closing tag, or an
    /// expression container.
    mutating func lexJSXChild() {
        let bytes = cursor.bytes
        let textStart = cursor.offset
        var firstInk = -1
        var lastInkEnd = textStart
        var i = textStart
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "<") || b == UInt8(ascii: "{") { break }
            if !(b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")) {
                if firstInk < 0 { firstInk = i }
                lastInkEnd = i + 1
            }
            i += 1
        }
        cursor.offset = i
        if firstInk >= 0 {
            if Self.containsLineBreak(bytes, textStart, firstInk) { noteLineBreak() }
            emit(.jsxText, from: firstInk, to: lastInkEnd)
            if Self.containsLineBreak(bytes, lastInkEnd, i) { noteLineBreak() }
        } else if Self.containsLineBreak(bytes, textStart, i) {
            noteLineBreak()
        }
        guard !cursor.isAtEnd else {
            abandonJSX()
            return
        }
        let start = cursor.offset
        cursor.advance()
        if bytes[start] == UInt8(ascii: "{") {
            emit(.lBrace, from: start)
            frames.append(.jsxExpression)
            return
        }
        emit(.operator, from: start)
        skipTrivia()
        if cursor.peek() == UInt8(ascii: "/") {
            let slash = cursor.offset
            cursor.advance()
            emit(.operator, from: slash)
            frames[frames.count - 1] = .jsxCloseTag
        } else {
            frames.append(.jsxOpenTag)
        }
    }

    static func containsLineBreak(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            if bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") { return true }
            i += 1
        }
        return false
    }

    /// After a tag closed an element: the element is a complete expression (a following `/`
    /// divides), and when no JSX encloses it any more there is nothing left to go back to.
    mutating func finishJSXElementIfDone() {
        if let start = jsxStart, frames.count == start.frameDepth { jsxStart = nil }
        expressionMayStart = false
    }

    /// The outermost JSX element reached the end of the file: report it, drop what was lexed since
    /// its `<`, and lex again from there with that `<` as an operator (or, after too many retries,
    /// with JSX off).
    mutating func abandonJSX() {
        guard let start = jsxStart else {  // not reached: JSX frames imply `jsxStart`
            frames.removeAll()
            cursor.offset = cursor.bytes.count
            return
        }
        tokens.removeSubrange(start.tokenCount...)
        problems.removeSubrange(start.problemCount...)
        problem(at: start.offset, "unterminated JSX element")
        frames.removeSubrange(start.frameDepth...)
        cursor.offset = start.offset
        breakSinceToken = start.breakSinceToken
        breakSinceSignificant = start.breakSinceSignificant
        expressionMayStart = true
        lastSignificant = tokens.last(where: { $0.kind != .comment })?.kind
        rejectedJSXOffset = start.offset
        jsxStart = nil
        jsxRetriesLeft -= 1
        if jsxRetriesLeft <= 0 { jsxEnabled = false }
    }
}
