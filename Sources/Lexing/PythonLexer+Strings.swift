// MARK: - String literals, f-strings and t-strings

extension PythonLexer.State {
    /// Lexes a string literal whose prefix (if any) runs from `start` to the cursor, which is at
    /// the opening quote. Template strings (f/t prefixes) go on to their text segments.
    mutating func string(start: Int, raw: Bool, template: Bool) {
        let quote = cursor.peek()
        let triple = cursor.peek(1) == quote && cursor.peek(2) == quote
        cursor.advance(triple ? 3 : 1)
        if template {
            let owner = PythonLexer.TemplateString(start: start, quote: quote, triple: triple, raw: raw)
            templateText(from: start, of: owner, inSpec: false, first: true)
        } else {
            plainString(start: start, quote: quote, triple: triple)
        }
    }

    /// Scans to the closing quote. A backslash keeps the next byte (a quote, a line break) from
    /// ending the string, in raw strings too: `r"\"` is unterminated, as in Python.
    mutating func plainString(start: Int, quote: UInt8, triple: Bool) {
        while !cursor.isAtEnd {
            let b = cursor.peek()
            if b == UInt8(ascii: "\\") {
                skipEscape()
            } else if b == quote {
                if !triple {
                    cursor.advance()
                    emit(.string, start, cursor.offset)
                    return
                }
                if cursor.peek(1) == quote && cursor.peek(2) == quote {
                    cursor.advance(3)
                    emit(.string, start, cursor.offset)
                    return
                }
                cursor.advance()
            } else if !triple && (b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")) {
                break
            } else {
                cursor.advance()
            }
        }
        emit(.string, start, cursor.offset)
        problem(start, "unterminated string literal")
    }

    /// Skips a backslash and the byte it escapes (`\r\n` counts as one).
    mutating func skipEscape() {
        if cursor.peek(1) == UInt8(ascii: "\r") && cursor.peek(2) == UInt8(ascii: "\n") {
            cursor.advance(3)
        } else {
            cursor.advance(2)
        }
    }

    /// Scans the text of a template string from the cursor: literal text, or format-spec text
    /// when `inSpec` is set, up to the next replacement field or the closing quote. The segment
    /// starts at `segmentStart`; it is the literal's first segment when `first` is set.
    ///
    /// In spec text a `}` closes the field the spec belongs to (popped from `fields`), after
    /// which scanning goes on in the text that field sits in. `{{` and `}}` are literal braces
    /// outside specs. In a non-raw literal `\N{...}` is a named escape, not a field; otherwise a
    /// backslash never hides a brace.
    mutating func templateText(
        from segmentStart: Int, of owner: PythonLexer.TemplateString, inSpec: Bool, first: Bool
    ) {
        var inSpec = inSpec
        while !cursor.isAtEnd {
            let b = cursor.peek()
            switch b {
            case UInt8(ascii: "\\"):
                let next = cursor.peek(1)
                if next == UInt8(ascii: "{") || next == UInt8(ascii: "}") {
                    cursor.advance()
                } else if !owner.raw && next == UInt8(ascii: "N") && cursor.peek(2) == UInt8(ascii: "{") {
                    cursor.advance(3)
                    cursor.eat(while: {
                        $0 != UInt8(ascii: "}") && $0 != owner.quote
                            && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r")
                    })
                    _ = cursor.eat(UInt8(ascii: "}"))
                } else {
                    skipEscape()
                }
            case UInt8(ascii: "{"):
                if !inSpec && cursor.peek(1) == UInt8(ascii: "{") {
                    cursor.advance(2)
                } else {
                    cursor.advance()
                    emit(first ? .templateHead : .templateMiddle, segmentStart, cursor.offset)
                    fields.append(PythonLexer.Field(owner: owner, depth: 0, inSpec: inSpec))
                    return
                }
            case UInt8(ascii: "}"):
                cursor.advance()
                if inSpec {
                    inSpec = fields.popLast()?.inSpec ?? false
                } else {
                    _ = cursor.eat(UInt8(ascii: "}"))
                }
            case owner.quote:
                if !owner.triple || (cursor.peek(1) == owner.quote && cursor.peek(2) == owner.quote) {
                    cursor.advance(owner.triple ? 3 : 1)
                    endTemplate(owner, segmentStart: segmentStart, first: first, terminated: true)
                    return
                }
                cursor.advance()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                if !owner.triple {
                    endTemplate(owner, segmentStart: segmentStart, first: first, terminated: false)
                    return
                }
                cursor.advance()
            default:
                cursor.advance()
            }
        }
        endTemplate(owner, segmentStart: segmentStart, first: first, terminated: false)
    }

    /// Emits the last segment of a template string (a plain `.string` if it had no fields) and
    /// drops any of its fields still open (a quote or line break inside a format spec).
    mutating func endTemplate(
        _ owner: PythonLexer.TemplateString, segmentStart: Int, first: Bool, terminated: Bool
    ) {
        while let last = fields.last, last.owner.start == owner.start {
            fields.removeLast()
        }
        emit(first ? .string : .templateTail, segmentStart, cursor.offset)
        if !terminated {
            problem(owner.start, "unterminated string literal")
        }
    }

    /// Ends the expression of the innermost replacement field at a `}`, a format spec's `:` or
    /// a conversion's `!`: the text from there on belongs to the template segment that follows.
    mutating func endFieldExpression() {
        guard let field = fields.last else { return }
        let start = cursor.offset
        if cursor.eat(UInt8(ascii: "!")) {
            cursor.eat(while: ByteClass.isIdentifierContinue)
        } else {
            _ = cursor.eat(UInt8(ascii: ":"))
        }
        // The `}` itself is consumed as spec text, which closes this field.
        templateText(from: start, of: field.owner, inSpec: true, first: false)
    }

    // MARK: - Identifiers and prefixes

    /// Lexes a name, or a string literal if the name is a string prefix right before a quote.
    mutating func identifierOrString(start: Int) {
        if let prefix = stringPrefix() {
            cursor.advance(prefix.length)
            string(start: start, raw: prefix.raw, template: prefix.template)
            return
        }
        cursor.eat(while: ByteClass.isIdentifierContinue)
        emit(.identifier, start, cursor.offset)
    }

    /// The string prefix at the cursor (`r b u f t`, or a pair of `r` with `b`, `f` or `t`, in
    /// any case and order) if a quote follows it.
    func stringPrefix() -> (length: Int, raw: Bool, template: Bool)? {
        func isQuote(_ b: UInt8) -> Bool { b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") }
        let first = cursor.peek() | 0x20
        let second = cursor.peek(1) | 0x20
        let r = UInt8(ascii: "r"), b = UInt8(ascii: "b"), f = UInt8(ascii: "f")
        let t = UInt8(ascii: "t"), u = UInt8(ascii: "u")
        if isQuote(cursor.peek(1)) {
            guard first == r || first == b || first == f || first == t || first == u else { return nil }
            return (1, first == r, first == f || first == t)
        }
        guard isQuote(cursor.peek(2)) else { return nil }
        let other: UInt8
        if first == r { other = second } else if second == r { other = first } else { return nil }
        guard other == b || other == f || other == t else { return nil }
        return (2, true, other != b)
    }
}
