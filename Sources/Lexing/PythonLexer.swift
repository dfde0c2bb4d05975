/// Lexes Python source bytes the way CPython's tokenizer splits them (Python 3.12+ rules,
/// including PEP 701 f-strings and 3.14 t-strings), without ever failing.
///
/// Conventions that the token contract leaves open:
/// - `.newline` covers the line break that ends a logical line (`\n`, `\r\n` or `\r`). At the end
///   of the file it is zero-length at the end offset. No `.newline` is emitted inside brackets or
///   replacement fields, after a backslash continuation, or for blank and comment-only lines.
/// - `.indent` and `.dedent` are zero-length, at the offset of the first token of the line whose
///   indentation changed; the dedents that close the file are zero-length at the end offset.
/// - `Token.newlineBefore` is set on the first token (of any kind) after a line break that lies
///   between tokens; line breaks inside a string token do not count.
/// - An f-string or t-string with replacement fields becomes `.templateHead`, the tokens of each
///   field's expression, `.templateMiddle`s and a `.templateTail`. A conversion (`!r`) and a
///   format spec (`:>10`) are text, not code: the segment after an expression starts at its `!`,
///   `:` or `}`. A nested field inside a format spec is a field like any other, so
///   `f"{x:{w}.{p}}"` is head `f"{`, `x`, middle `:{`, `w`, middle `}.{`, `p`, tail `}}"`.
/// - One problem is reported per unterminated string, at the offset where the literal (prefix
///   included) starts; single-quoted strings stop before the line break, the rest run to the end.
/// - Stray bytes (`$`, `?`, a backtick, control bytes, a backslash not before a line break) are
///   one `.unknown` token each.
public enum PythonLexer {
    /// The tokens of `bytes`, from just after a UTF-8 byte order mark if there is one.
    public static func tokenize(_ bytes: UnsafeRawBufferPointer) -> LexResult {
        var state = State(bytes)
        state.run()
        return LexResult(tokens: state.tokens, problems: state.problems)
    }
}

extension PythonLexer {
    /// An f-string or t-string being lexed: what closes it and how its backslashes behave.
    struct TemplateString {
        /// Offset of the literal's first byte (its prefix); identifies the literal.
        var start: Int
        var quote: UInt8
        var triple: Bool
        var raw: Bool
    }

    /// An open replacement field `{...}` of a template string.
    struct Field {
        var owner: TemplateString
        /// Bracket depth inside the field's expression; `}`, `!` or `:` at depth 0 ends it.
        var depth: Int
        /// True for a field nested in the format spec of an enclosing field: its `}` goes back to
        /// that spec's text instead of the literal's text.
        var inSpec: Bool
    }

    /// The lexer's working state: the cursor, the output so far, and the explicit stacks
    /// (indentation levels, open replacement fields) that stand in for recursion.
    struct State {
        var cursor: Cursor
        var tokens: [Token] = []
        var problems: [LexProblem] = []
        /// Indentation columns of the open blocks; `indents[0] == 0` always.
        var indents: [Int] = [0]
        /// Bracket depth outside replacement fields (fields keep their own).
        var depth = 0
        /// Open replacement fields, innermost last.
        var fields: [Field] = []
        /// The cursor is at the start of a logical line, before its indentation.
        var atLineStart = true
        /// The current logical line has produced a token that needs a `.newline` to end it.
        var lineHasTokens = false
        /// A line break was passed since the last token.
        var breakBefore = false

        init(_ bytes: UnsafeRawBufferPointer) {
            cursor = Cursor(bytes, offset: Lexer.bodyStart(bytes))
            tokens.reserveCapacity(bytes.count / 4 + 16)
        }

        /// True inside brackets or a replacement field, where line breaks do not end a line.
        var insideBrackets: Bool { depth > 0 || !fields.isEmpty }

        // MARK: - Output

        /// Appends a token that belongs to the logical line (it will need a `.newline`).
        mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
            tokens.append(Token(kind, start, end, newlineBefore: breakBefore))
            breakBefore = false
            lineHasTokens = true
        }

        /// Appends a comment or layout token (`.newline`, `.indent`, `.dedent`).
        mutating func emitLayout(_ kind: TokenKind, _ start: Int, _ end: Int) {
            tokens.append(Token(kind, start, end, newlineBefore: breakBefore))
            breakBefore = false
        }

        mutating func problem(_ offset: Int, _ message: String) {
            problems.append(LexProblem(offset: offset, message: message))
        }

        // MARK: - Main loop

        mutating func run() {
            while !cursor.isAtEnd {
                if atLineStart {
                    atLineStart = false
                    indentation()
                    if cursor.isAtEnd { break }
                }
                next()
            }
            finish()
        }

        /// Lexes one token, or skips whitespace or a line break. Always moves the cursor or
        /// hands the rest of the input to a string scanner that does.
        mutating func next() {
            let start = cursor.offset
            let b = cursor.peek()
            if let field = fields.last, field.depth == 0,
               b == UInt8(ascii: "}") || b == UInt8(ascii: ":")
                || (b == UInt8(ascii: "!") && cursor.peek(1) != UInt8(ascii: "=")) {
                endFieldExpression()
                return
            }
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
                cursor.eat(while: ByteClass.isHorizontalSpace)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                lineBreak()
            case UInt8(ascii: "#"):
                cursor.eat(while: { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") })
                emitLayout(.comment, start, cursor.offset)
            case UInt8(ascii: "\\"):
                cursor.advance()
                if !eatLineBreak() { emit(.unknown, start, cursor.offset) } else { breakBefore = true }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                string(start: start, raw: false, template: false)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                number(start: start)
            case UInt8(ascii: ".") where ByteClass.isDigit(cursor.peek(1)):
                number(start: start)
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                cursor.advance()
                open()
                emit(b == UInt8(ascii: "(") ? .lParen : b == UInt8(ascii: "[") ? .lBracket : .lBrace, start, start + 1)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                cursor.advance()
                close()
                emit(b == UInt8(ascii: ")") ? .rParen : b == UInt8(ascii: "]") ? .rBracket : .rBrace, start, start + 1)
            default:
                if ByteClass.isIdentifierStart(b) {
                    identifierOrString(start: start)
                } else if let op = operatorToken(b) {
                    cursor.advance(op.length)
                    emit(op.kind, start, cursor.offset)
                } else {
                    cursor.advance()
                    emit(.unknown, start, cursor.offset)
                }
            }
        }

        // MARK: - Lines and brackets

        /// Consumes `\r\n`, `\r` or `\n` if next; true if it did.
        mutating func eatLineBreak() -> Bool {
            if cursor.eat(UInt8(ascii: "\r")) {
                _ = cursor.eat(UInt8(ascii: "\n"))
                return true
            }
            return cursor.eat(UInt8(ascii: "\n"))
        }

        /// A line break between tokens: ends the logical line unless inside brackets.
        mutating func lineBreak() {
            let start = cursor.offset
            _ = eatLineBreak()
            if !insideBrackets {
                if lineHasTokens {
                    emitLayout(.newline, start, cursor.offset)
                    lineHasTokens = false
                }
                atLineStart = true
            }
            breakBefore = true
        }

        /// Measures the indentation of a new logical line and emits `.indent`/`.dedent` for it,
        /// unless the line is blank or holds only a comment. Tabs advance to the next multiple
        /// of 8 and a form feed resets the column, as in CPython.
        mutating func indentation() {
            var column = 0
            scan: while true {
                switch cursor.peek() {
                case UInt8(ascii: " "): column += 1
                case UInt8(ascii: "\t"): column = (column / 8 + 1) * 8
                case 0x0C: column = 0
                default: break scan
                }
                cursor.advance()
            }
            let b = cursor.peek()
            if cursor.isAtEnd || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "#") {
                return
            }
            let here = cursor.offset
            if column > indents[indents.count - 1] {
                indents.append(column)
                emitLayout(.indent, here, here)
                return
            }
            while indents.count > 1, indents[indents.count - 1] > column {
                indents.removeLast()
                emitLayout(.dedent, here, here)
            }
            if indents[indents.count - 1] != column {
                problem(here, "unindent does not match any outer indentation level")
            }
        }

        /// Opens a bracket in the innermost context (a replacement field or the code outside).
        mutating func open() {
            if fields.isEmpty { depth += 1 } else { fields[fields.count - 1].depth += 1 }
        }

        /// Closes a bracket; an unmatched one leaves the depth at 0.
        mutating func close() {
            if fields.isEmpty {
                depth = max(0, depth - 1)
            } else {
                fields[fields.count - 1].depth = max(0, fields[fields.count - 1].depth - 1)
            }
        }

        /// End of input: reports an f-string left open in a field, ends the last logical line
        /// and closes every open block.
        mutating func finish() {
            let end = cursor.bytes.count
            if let outer = fields.first {
                problem(outer.owner.start, "unterminated string literal")
                fields.removeAll()
            }
            if lineHasTokens {
                emitLayout(.newline, end, end)
                lineHasTokens = false
            }
            while indents.count > 1 {
                indents.removeLast()
                emitLayout(.dedent, end, end)
            }
        }
    }
}
