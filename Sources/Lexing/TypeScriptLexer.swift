/// Lexes TypeScript / JavaScript source bytes (`.ts`, `.tsx`, `.js`, `.jsx`, `.mjs`, `.cjs`, ...).
///
/// The lexer is a loop over an explicit stack of `Frame`s, never a recursion: braces, template
/// substitutions and JSX elements nest as deep as the input likes without growing the call stack.
/// It never stops early: bytes it cannot place become `.unknown` tokens, and unterminated literals
/// are reported as `LexProblem`s while lexing goes on.
///
/// Context decisions a lexer has to make without a parser:
/// - **`/` after `}` and `)` is division.** After `}` a regex would only follow a block statement
///   (`if (x) {}\n/re/.test(s)`), which is rarer than an object or function expression followed by
///   division; after `)` a regex only follows `if (...)`/`while (...)` heads.
/// - **`/` after `++` / `--` is division** (`a++ / 2`); a prefix `++` before a regex is not valid code.
/// - **`<` starts JSX** (only when `jsx` is on) where an expression may start and an identifier or
///   `>` follows, unless `<T,` or `<T extends` shows type parameters of a generic arrow function.
///   When a JSX element runs to the end of the file, the lexer reports it, goes back to its `<`
///   and lexes on as if that `<` were an operator (at most `maxJSXRetries` times per file).
public enum TypeScriptLexer {
    public static func tokenize(_ bytes: UnsafeRawBufferPointer, jsx: Bool) -> LexResult {
        var scanner = Scanner(bytes, jsx: jsx)
        scanner.run()
        return LexResult(tokens: scanner.tokens, problems: scanner.problems)
    }

    /// How many times a file may abandon an unterminated JSX element and re-lex it as code before
    /// JSX is switched off for the rest of the file. Bounds the work to a small multiple of the size.
    static let maxJSXRetries = 8
}

// MARK: - Scanner state

extension TypeScriptLexer {
    /// What the innermost open construct is; decides how the next bytes are read.
    enum Frame: Equatable {
        /// A `{` in code: a block or object literal.
        case brace
        /// `${` inside the template literal that starts at `templateStart`.
        case substitution(templateStart: Int)
        /// A `{` inside JSX (attribute value or child): code until the matching `}`.
        case jsxExpression
        /// Inside `<name ...` up to `>` or `/>`.
        case jsxOpenTag
        /// Inside `</name` up to `>`.
        case jsxCloseTag
        /// Between an element's `>` and its closing tag.
        case jsxChildren
    }

    /// Where the outermost JSX element started, so the lexer can go back if it never ends.
    struct JSXStart {
        var offset: Int
        var tokenCount: Int
        var problemCount: Int
        var frameDepth: Int
        var breakSinceToken: Bool
        var breakSinceSignificant: Bool
    }

    /// The mutable state of one lexing run; the token families live in extensions.
    struct Scanner {
        var cursor: Cursor
        var jsxEnabled: Bool
        var tokens: [Token] = []
        var problems: [LexProblem] = []
        var frames: [Frame] = []
        /// Whether an expression may start at the next token, so `/` begins a regex and `<` JSX.
        var expressionMayStart = true
        /// The kind of the last token that was not a comment.
        var lastSignificant: TokenKind?
        /// A line break occurred since the last token of any kind.
        var breakSinceToken = false
        /// A line break occurred since the last non-comment token (a multi-line comment counts).
        var breakSinceSignificant = false
        /// A regex scan from `start` failed at `end`; see `scanRegex(from:)`.
        var failedRegex: (start: Int, end: Int)?
        /// The outermost open JSX element, if any.
        var jsxStart: JSXStart?
        /// A `<` that must not start JSX, because JSX from there ran to the end of the file.
        var rejectedJSXOffset = -1
        var jsxRetriesLeft = TypeScriptLexer.maxJSXRetries

        init(_ bytes: UnsafeRawBufferPointer, jsx: Bool) {
            cursor = Cursor(bytes, offset: Lexer.bodyStart(bytes))
            jsxEnabled = jsx
            tokens.reserveCapacity(bytes.count / 5)
        }
    }
}

// MARK: - Main loop

extension TypeScriptLexer.Scanner {
    mutating func run() {
        lexShebang()
        while true {
            switch frames.last {
            case .jsxChildren?:
                lexJSXChild()
            case .jsxOpenTag?, .jsxCloseTag?:
                lexJSXTagPart()
            default:
                skipTrivia()
                if cursor.isAtEnd {
                    if jsxStart != nil {
                        abandonJSX()
                        continue
                    }
                    reportOpenTemplates()
                    return
                }
                lexCodeToken()
            }
        }
    }

    /// A `#!` line at the very start of the file is a comment.
    mutating func lexShebang() {
        guard cursor.peek() == UInt8(ascii: "#"), cursor.peek(1) == UInt8(ascii: "!") else { return }
        let start = cursor.offset
        skipToLineEnd()
        emit(.comment, from: start)
    }

    /// Template literals whose substitution is still open at the end of the file.
    mutating func reportOpenTemplates() {
        for case .substitution(let start) in frames {
            problem(at: start, "unterminated template literal")
        }
    }

    /// One token in code (outside JSX tags and children).
    mutating func lexCodeToken() {
        let b = cursor.peek()
        switch b {
        case UInt8(ascii: "/"):
            lexSlash()
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            lexQuotedString()
        case UInt8(ascii: "`"):
            lexTemplateStart()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumber()
        case UInt8(ascii: "."):
            if ByteClass.isDigit(cursor.peek(1)) { lexNumber() } else { lexDot() }
        case UInt8(ascii: "#"):
            lexPrivateNameOrUnknown()
        case UInt8(ascii: "<") where startsJSX():
            beginJSXElement()
        default:
            if Self.isIdentifierStart(b) || (b == UInt8(ascii: "\\") && cursor.peek(1) == UInt8(ascii: "u")) {
                lexIdentifier()
            } else {
                lexPunctuation()
            }
        }
    }
}

// MARK: - Emitting and trivia

extension TypeScriptLexer.Scanner {
    /// Appends a token from `start` to the cursor (or `end`) and updates the context flags.
    ///
    /// A comment's `newlineBefore` says whether a break separates it from the previous token; any
    /// other token's says whether a break (or a multi-line comment) separates it from the previous
    /// non-comment token, so consumers that skip comments still see the breaks that matter for ASI.
    mutating func emit(_ kind: TokenKind, from start: Int, to end: Int? = nil) {
        let end = end ?? cursor.offset
        if kind == .comment {
            tokens.append(Token(kind, start, end, newlineBefore: breakSinceToken))
            breakSinceToken = false
            return
        }
        tokens.append(Token(kind, start, end, newlineBefore: breakSinceSignificant || breakSinceToken))
        breakSinceToken = false
        breakSinceSignificant = false
        lastSignificant = kind
        switch kind {
        case .number, .string, .templateTail, .regex, .rParen, .rBracket, .rBrace, .questionDot, .jsxText:
            expressionMayStart = false
        case .unknown, .identifier:
            break
        default:
            expressionMayStart = true
        }
    }

    mutating func problem(at offset: Int, _ message: String) {
        problems.append(LexProblem(offset: offset, message: message))
    }

    /// Records a line break between tokens.
    mutating func noteLineBreak() {
        breakSinceToken = true
        breakSinceSignificant = true
    }

    /// Skips whitespace and line breaks in code, noting the breaks.
    mutating func skipTrivia() {
        while !cursor.isAtEnd {
            let b = cursor.peek()
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0B, 0x0C:
                cursor.advance()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                noteLineBreak()
                cursor.advance()
            default:
                guard b >= 0x80 else { return }
                let (length, isBreak) = Self.unicodeSpace(cursor.bytes, at: cursor.offset)
                guard length > 0 else { return }
                if isBreak { noteLineBreak() }
                cursor.advance(length)
            }
        }
    }

    /// Moves the cursor to the next line break (LF, CR, U+2028, U+2029) or the end.
    mutating func skipToLineEnd() {
        while !cursor.isAtEnd, Self.lineBreakLength(cursor.bytes, at: cursor.offset) == 0 {
            cursor.advance()
        }
    }

    // MARK: Byte classes

    /// Identifier start: ASCII letters, `_`, `$`, and any byte ≥ 0x80 (non-ASCII characters).
    @inline(__always)
    static func isIdentifierStart(_ b: UInt8) -> Bool {
        ByteClass.isIdentifierStart(b) || b == UInt8(ascii: "$")
    }

    @inline(__always)
    static func isIdentifierContinue(_ b: UInt8) -> Bool {
        ByteClass.isIdentifierContinue(b) || b == UInt8(ascii: "$")
    }

    /// The length of a line break at `i` (LF, CR, CRLF counts 1 per byte; U+2028/2029 are 3), or 0.
    @inline(__always)
    static func lineBreakLength(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        guard i < bytes.count else { return 0 }
        let b = bytes[i]
        if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { return 1 }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
            return 3
        }
        return 0
    }

    /// Non-ASCII white space at `i`: NBSP (U+00A0) and BOM (U+FEFF) are spaces, U+2028/2029 line
    /// breaks. Returns the byte length (0 when there is none) and whether it breaks the line.
    static func unicodeSpace(_ bytes: UnsafeRawBufferPointer, at i: Int) -> (length: Int, isBreak: Bool) {
        let n = bytes.count
        switch bytes[i] {
        case 0xC2 where i + 1 < n && bytes[i + 1] == 0xA0:
            return (2, false)
        case 0xEF where i + 2 < n && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF:
            return (3, false)
        case 0xE2 where lineBreakLength(bytes, at: i) == 3:
            return (3, true)
        default:
            return (0, false)
        }
    }
}
