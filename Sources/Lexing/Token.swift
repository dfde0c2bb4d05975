import Model

/// What a token is. Tokens carry no text: a kind plus a byte range into the file.
public enum TokenKind: UInt8, Sendable {
    /// A name or keyword (`import`, `def`, `jwt`, `$el`). Keywords are told apart by their bytes.
    case identifier
    case number
    /// A complete string literal including prefix and quotes (`rb'x'`, `"x"`, a template literal
    /// without substitutions, an f-string without replacement fields).
    case string
    /// The start of a template literal or f-string with substitutions, up to and including the
    /// opening `${` / `{`. The substitution's own tokens follow.
    case templateHead
    /// Between two substitutions: from the closing `}` through the next `${` / `{`.
    case templateMiddle
    /// From the closing `}` of the last substitution through the closing quote.
    case templateTail
    /// A comment, including its `#` or `//` / `/* */` delimiters.
    case comment
    /// A JavaScript regular expression literal, flags included.
    case regex
    /// Text between JSX tags (`<p>Don't</p>` → `Don't`).
    case jsxText
    case lParen, rParen, lBracket, rBracket, lBrace, rBrace
    case dot, comma, colon, semicolon
    /// `=` (assignment, keyword argument, default value); not `==`, `=>`, `:=`.
    case equal
    /// `*` alone (not `**`, `*=`).
    case star
    /// `=>` (JavaScript arrow) or `->` (Python return annotation).
    case arrow
    /// `@` (Python decorator, JS decorator).
    case at
    /// `?.` optional chaining (JavaScript).
    case questionDot
    /// Any other operator or punctuation (`+`, `==`, `<`, `**=`, `...`).
    case `operator`
    /// Python: the end of a logical line. Not emitted for JavaScript (see `Token.newlineBefore`).
    case newline
    /// Python: the indentation grew at the start of this logical line.
    case indent
    /// Python: the indentation shrank; one token per closed block.
    case dedent
    /// Bytes the lexer could not make sense of (a stray byte, an unterminated literal's rest).
    case unknown
}

/// One token: a kind and the byte range `[start, end)` it covers. 12 bytes.
public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    /// Set when a line break precedes this token since the previous token (JavaScript's ASI and
    /// "statement start" checks use it).
    public var newlineBefore: Bool
    public var start: Int32
    public var end: Int32

    public init(_ kind: TokenKind, _ start: Int, _ end: Int, newlineBefore: Bool = false) {
        self.kind = kind
        self.newlineBefore = newlineBefore
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
    }

    public var range: ByteRange { ByteRange(Int(start), Int(end)) }
    public var length: Int { Int(end - start) }
}

/// A problem the lexer met, e.g. an unterminated string. The offset is where it starts.
public struct LexProblem: Hashable, Sendable {
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}

/// The tokens of one file and what went wrong while lexing it. Comments are tokens too.
public struct LexResult: Sendable {
    public var tokens: [Token]
    public var problems: [LexProblem]

    public init(tokens: [Token], problems: [LexProblem]) {
        self.tokens = tokens
        self.problems = problems
    }
}
