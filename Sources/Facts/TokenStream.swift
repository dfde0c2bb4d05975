import Lexing
import Model

/// The code tokens of a file (comments removed) with the byte-level questions extractors ask:
/// "is token i the keyword `import`?", "what name does token i spell?".
struct TokenStream {
    let tokens: [Token]
    let bytes: UnsafeRawBufferPointer
    /// For every opening bracket, the index of its closing bracket (or -1); other tokens -1.
    /// Computed once per file, so every extractor finds a bracket's end in constant time.
    let matching: [Int32]

    init(_ all: [Token], bytes: UnsafeRawBufferPointer) {
        var code: [Token] = []
        code.reserveCapacity(all.count)
        for token in all where token.kind != .comment { code.append(token) }
        self.init(codeTokens: code, bytes: bytes)
    }

    /// A stream of tokens that are already comment-free.
    init(codeTokens: [Token], bytes: UnsafeRawBufferPointer) {
        tokens = codeTokens
        self.bytes = bytes
        matching = Self.matchingBrackets(codeTokens)
    }

    var count: Int { tokens.count }

    @inline(__always)
    func kind(_ i: Int) -> TokenKind? { i >= 0 && i < tokens.count ? tokens[i].kind : nil }

    /// Whether token `i` is an identifier spelling exactly `word`.
    @inline(__always)
    func isWord(_ i: Int, _ word: StaticString) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        let token = tokens[i]
        guard token.kind == .identifier, token.length == word.utf8CodeUnitCount else { return false }
        let start = Int(token.start)
        let pointer = word.utf8Start
        for k in 0..<token.length where bytes[start + k] != pointer[k] { return false }
        return true
    }

    /// Whether token `i` is an operator token spelling exactly `text`.
    func isOperator(_ i: Int, _ text: StaticString) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .operator,
              tokens[i].length == text.utf8CodeUnitCount else { return false }
        let start = Int(tokens[i].start)
        let pointer = text.utf8Start
        for k in 0..<tokens[i].length where bytes[start + k] != pointer[k] { return false }
        return true
    }

    /// The text of token `i` (identifiers are short: usually no heap allocation).
    func text(_ i: Int) -> String {
        let token = tokens[i]
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self)
    }

    /// The decoded value of the string token `i`, if it is a plain string literal.
    func stringValue(_ i: Int, language: Language) -> String? {
        guard kind(i) == .string else { return nil }
        return StringLiteral.value(of: tokens[i], in: bytes, language: language)
    }

    /// Appends `.b.c` member names that follow at token `j` to `name` (with `optional`, `?.` too);
    /// returns the index after the chain.
    func appendMembers(to name: inout String, from j: Int, optional: Bool = false) -> Int {
        var j = j
        while kind(j) == .dot || (optional && kind(j) == .questionDot), kind(j + 1) == .identifier {
            name += "." + text(j + 1)
            j += 2
        }
        return j
    }

    /// Byte range from the start of token `first` to the end of token `last`.
    func range(_ first: Int, _ last: Int) -> ByteRange {
        ByteRange(Int(tokens[first].start), Int(tokens[max(first, last)].end))
    }

    /// The token closing the bracket opened at `open`, or nil (not an opening bracket, or never
    /// closed).
    @inline(__always)
    func closer(of open: Int) -> Int? {
        guard open >= 0, open < matching.count else { return nil }
        let close = Int(matching[open])
        return close >= 0 ? close : nil
    }

    /// The comma-separated items strictly between the brackets at `open` and `close`, as token
    /// ranges; commas inside nested brackets do not split. Empty items are left out.
    func items(between open: Int, and close: Int) -> [(first: Int, last: Int)] {
        var result: [(first: Int, last: Int)] = []
        var start = open + 1
        var k = open + 1
        while k <= close {
            if k == close || kind(k) == .comma {
                if k > start { result.append((start, k - 1)) }
                start = k + 1
            } else if let end = closer(of: k), end > k, end < close {
                k = end
            }
            k += 1
        }
        return result
    }

    /// The index just after a balanced TypeScript `<...>` opening at `open` (type parameters or
    /// arguments; nested brackets are skipped whole), or nil when it does not close nearby. In an
    /// expression (`f<T>(x)`) only tokens a type can contain may appear, so `a < b && c > (d)`
    /// is not taken for type arguments; in a declaration anything but a closing delimiter may.
    func angleBracketsEnd(from open: Int, inExpression: Bool) -> Int? {
        guard isOperator(open, "<") else { return nil }
        var depth = 0
        var k = open
        let limit = min(count, open + (inExpression ? 64 : 256))
        while k < limit {
            if isOperator(k, "<") {
                depth += 1
            } else if isOperator(k, ">") {
                depth -= 1
            } else if isOperator(k, ">>") {
                depth -= 2
            } else if isOperator(k, ">>>") {
                depth -= 3
            } else {
                switch tokens[k].kind {
                case .lBracket, .lBrace:
                    guard let close = closer(of: k) else { return nil }
                    k = close
                case .lParen:
                    guard !inExpression, let close = closer(of: k) else { return nil }
                    k = close
                case .semicolon, .rParen, .rBrace, .rBracket:
                    return nil
                case .identifier, .dot, .comma, .string, .number, .colon:
                    break
                case .operator where isOperator(k, "|") || isOperator(k, "&"):
                    break
                default:
                    if inExpression { return nil }
                }
            }
            k += 1
            if depth <= 0 { return k }
        }
        return nil
    }

    // MARK: - Lines and statements

    /// Python: whether token `i` starts a statement (after a logical line's end, a block's
    /// indentation change, or `;`).
    func isPythonStatementStart(_ i: Int) -> Bool {
        switch kind(i - 1) {
        case nil, .newline, .indent, .dedent, .semicolon: return true
        default: return false
        }
    }

    /// Python: the last token before the `.newline` ending the logical line that continues at `i`,
    /// or nil when the line is empty from there.
    func pythonLineEnd(from i: Int) -> Int? {
        var k = i
        while k < count, tokens[k].kind != .newline { k += 1 }
        return k - 1 >= i ? k - 1 : nil
    }

    /// TypeScript: whether the line starting at token `k` continues the line before, judged by the
    /// token that ends that line (`=`, `,`, `.`, an open bracket, a binary operator) or the one that
    /// starts this line (`.x`, `?.x`, `: b`, a binary operator). With `Token.newlineBefore` this
    /// tells where automatic semicolon insertion ends a statement.
    func continuesLine(_ k: Int) -> Bool {
        switch kind(k - 1) {
        case .equal, .comma, .dot, .questionDot, .lParen, .lBracket, .lBrace, .colon, .arrow:
            return true
        case .operator:
            return !(isOperator(k - 1, "/>") || isOperator(k - 1, ">") || isOperator(k - 1, "++")
                || isOperator(k - 1, "--"))
        default:
            break
        }
        switch kind(k) {
        case .dot, .questionDot, .colon: return true
        case .operator:
            return !(isOperator(k, "<") || isOperator(k, "!") || isOperator(k, "++")
                || isOperator(k, "--") || isOperator(k, "..."))
        default: return false
        }
    }

    /// One pass with a stack, so nested calls cost nothing extra.
    private static func matchingBrackets(_ tokens: [Token]) -> [Int32] {
        var match = [Int32](repeating: -1, count: tokens.count)
        var stack: [Int32] = []
        for (i, token) in tokens.enumerated() {
            switch token.kind {
            case .lParen, .lBracket, .lBrace, .templateHead:
                stack.append(Int32(i))
            case .templateMiddle:
                // Closes one substitution and opens the next: nothing to record.
                continue
            case .rParen, .rBracket, .rBrace, .templateTail:
                if let open = stack.popLast() { match[Int(open)] = Int32(i) }
            default:
                continue
            }
        }
        return match
    }
}
