// MARK: - Comments, strings and regular expressions

extension TypeScriptLexer.Scanner {
    /// `//` and `/* */` comments, a regex where an expression may start, otherwise `/` or `/=`.
    mutating func lexSlash() {
        let start = cursor.offset
        switch cursor.peek(1) {
        case UInt8(ascii: "/"):
            skipToLineEnd()
            emit(.comment, from: start)
        case UInt8(ascii: "*"):
            lexBlockComment()
        default:
            if expressionMayStart, let end = scanRegex(from: start) {
                cursor.offset = end
                emit(.regex, from: start)
            } else {
                lexPunctuation()
            }
        }
    }

    /// `/* ... */`; unterminated runs to the end of the file. A line break inside counts as a
    /// break before the next non-comment token.
    mutating func lexBlockComment() {
        let start = cursor.offset
        cursor.advance(2)
        var hasBreak = false
        while true {
            guard !cursor.isAtEnd else {
                problem(at: start, "unterminated block comment")
                break
            }
            if cursor.peek() == UInt8(ascii: "*"), cursor.peek(1) == UInt8(ascii: "/") {
                cursor.advance(2)
                break
            }
            if cursor.atLineBreak { hasBreak = true }
            cursor.advance()
        }
        emit(.comment, from: start)
        if hasBreak { breakSinceSignificant = true }
    }

    /// A regex literal starting at the `/` at `start`: its end after the flags, or nil when a line
    /// break or the end of the file comes first (then the `/` is division).
    ///
    /// Linear time: a scan that failed from `p` to the line end `L` is remembered. A later scan
    /// from a `/` between them meets the failed scan's state (inside or outside a class, same
    /// escape alignment) at its first unescaped `[` or `]` and would fail the same way from there,
    /// so it stops at that point. Failed scans thus never cover the same bytes twice.
    mutating func scanRegex(from start: Int) -> Int? {
        let insideFailed = failedRegex.map { start > $0.start && start < $0.end } ?? false
        var probe = cursor
        probe.offset = start + 1
        var inClass = false
        while !probe.isAtEnd, !probe.atLineBreak {
            let b = probe.peek()
            probe.advance()
            if b == UInt8(ascii: "\\") {
                if probe.isAtEnd || probe.atLineBreak { break }
                probe.advance()
            } else if inClass {
                if b == UInt8(ascii: "]") { inClass = false }
            } else if b == UInt8(ascii: "/") {
                probe.eat(while: { ByteClass.isIdentifierContinue($0) && $0 < 0x80 || $0 == UInt8(ascii: "$") })
                return probe.offset
            } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "]") {
                if insideFailed { return nil }
                inClass = b == UInt8(ascii: "[")
            }
        }
        if !insideFailed { failedRegex = (start, probe.offset) }
        return nil
    }

    /// `'...'` or `"..."` with backslash escapes. An unescaped line break ends an unterminated
    /// string before the break; lexing goes on with the next line.
    mutating func lexQuotedString() {
        let start = cursor.offset
        let quote = cursor.peek()
        cursor.advance()
        while true {
            guard !cursor.isAtEnd else {
                problem(at: start, "unterminated string literal")
                break
            }
            let b = cursor.peek()
            if b == quote {
                cursor.advance()
                break
            }
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                problem(at: start, "unterminated string literal")
                break
            }
            if b == UInt8(ascii: "\\") {
                let crlf = cursor.peek(1) == UInt8(ascii: "\r") && cursor.peek(2) == UInt8(ascii: "\n")
                cursor.advance(crlf ? 3 : 2)
            } else {
                cursor.advance()
            }
        }
        emit(.string, from: start)
    }
}

// MARK: - Template literals

extension TypeScriptLexer.Scanner {
    /// A backtick: a whole template (`.string`) or its head up to the first `${`.
    mutating func lexTemplateStart() {
        let start = cursor.offset
        cursor.advance()
        lexTemplatePart(templateStart: start, tokenStart: start, continuing: false)
    }

    /// `}` in code: closes the innermost brace, template substitution or JSX expression.
    mutating func lexClosingBrace() {
        let start = cursor.offset
        let frame = frames.popLast()
        cursor.advance()
        if case .substitution(let templateStart)? = frame {
            lexTemplatePart(templateStart: templateStart, tokenStart: start, continuing: true)
        } else {
            emit(.rBrace, from: start)
        }
    }

    /// Template text after a backtick or a substitution's `}`, through the closing backtick or the
    /// next `${` (which opens a `.substitution` frame).
    mutating func lexTemplatePart(templateStart: Int, tokenStart: Int, continuing: Bool) {
        while true {
            guard !cursor.isAtEnd else {
                problem(at: templateStart, "unterminated template literal")
                emit(continuing ? .templateTail : .string, from: tokenStart)
                return
            }
            switch cursor.peek() {
            case UInt8(ascii: "`"):
                cursor.advance()
                emit(continuing ? .templateTail : .string, from: tokenStart)
                return
            case UInt8(ascii: "$") where cursor.peek(1) == UInt8(ascii: "{"):
                cursor.advance(2)
                frames.append(.substitution(templateStart: templateStart))
                emit(continuing ? .templateMiddle : .templateHead, from: tokenStart)
                return
            case UInt8(ascii: "\\"):
                cursor.advance(2)
            default:
                cursor.advance()
            }
        }
    }
}

private extension Cursor {
    /// Whether a JavaScript line terminator (LF, CR, U+2028, U+2029) is next.
    var atLineBreak: Bool {
        TypeScriptLexer.Scanner.lineBreakLength(bytes, at: offset) > 0
    }
}
