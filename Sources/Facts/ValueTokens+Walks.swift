import Lexing
import Model

/// Bounded walks over the tokens around a literal or an `=`: matching brackets on demand,
/// assignment targets, receivers, and the operator that assigns an expression.
extension ValueTokens {
    // MARK: - Bracket matching on demand

    /// The opening bracket of the closing bracket at `close`, scanning back (bounded).
    func opener(of close: Int) -> Int? {
        var depth = 0
        var k = close
        let limit = max(0, close - 2048)
        while k >= limit, let kind = stream.kind(k) {
            switch kind {
            case .rParen, .rBracket, .rBrace, .templateTail: depth += 1
            case .lParen, .lBracket, .lBrace, .templateHead:
                depth -= 1
                if depth == 0 { return k }
            default: break
            }
            k -= 1
        }
        return nil
    }


    /// The first token of a postfix chain ending at `last`: `a.b`, `f(x).y`, `a[0].b`.
    func chainStart(endingAt last: Int) -> Int? {
        var k = last
        var steps = 0
        while steps < 32, last - k < 1024 {
            steps += 1
            switch stream.kind(k) {
            case .identifier?:
                guard stream.kind(k - 1) == .dot || stream.kind(k - 1) == .questionDot else { return k }
                k -= 2
            case .rParen?, .rBracket?:
                guard let open = opener(of: k) else { return nil }
                switch stream.kind(open - 1) {
                case .identifier?, .rParen?, .rBracket?: k = open - 1
                default: return open
                }
            default:
                return nil
            }
        }
        return nil
    }

    /// The receiver chain ending at token `last`, written like call names (`os.environ`,
    /// `get_settings()`, `this.config`), and its first token.
    func receiverText(endingAt last: Int) -> (String, Int)? {
        var text = ""
        var k = last
        var steps = 0
        while steps < 16, last - k < 256 {
            steps += 1
            switch stream.kind(k) {
            case .identifier?:
                text = stream.text(k) + text
                guard stream.kind(k - 1) == .dot || stream.kind(k - 1) == .questionDot else { return (text, k) }
                text = "." + text
                k -= 2
            case .rParen?, .rBracket?:
                guard let open = opener(of: k), stream.kind(open - 1) == .identifier || stream.kind(open - 1) == .rParen
                else { return nil }
                text = (stream.kind(k) == .rParen ? "()" : "[]") + text
                k = open - 1
            default:
                return nil
            }
        }
        return nil
    }

    // MARK: - Statement targets

    /// The target of a statement-level `=` as tokens: its first token, the token naming it (an
    /// identifier, or the string key of `x["KEY"] =`), and whether it is a plain dotted chain
    /// (`a.b.c`, which constants can name). Nil for tuple targets and destructuring.
    func statementChain(_ eq: Int) -> (first: Int, name: Int, start: Int, simple: Bool)? {
        var end = eq - 1
        if let colon = annotationColon(before: eq) { end = colon - 1 }
        if language == .typescript, stream.isOperator(end, "!") || stream.isOperator(end, "?") { end -= 1 }
        if stream.kind(end) == .identifier {
            var start = end
            while stream.kind(start - 1) == .dot || stream.kind(start - 1) == .questionDot, stream.kind(start - 2) == .identifier {
                start -= 2
            }
            let simple = stream.kind(start - 1) != .dot && stream.kind(start - 1) != .questionDot
            guard let first = simple ? start : chainStart(endingAt: start - 2), beginsStatement(first) else { return nil }
            return (first, end, start, simple)
        }
        if stream.kind(end) == .rBracket, stream.kind(end - 1) == .string, stream.kind(end - 2) == .lBracket,
           let first = chainStart(endingAt: end - 3), beginsStatement(first) {
            return (first, end - 1, first, false)
        }
        return nil
    }

    /// Whether a target starting at token `first` starts its statement (not `a, b = ...`).
    private func beginsStatement(_ first: Int) -> Bool {
        guard let before = stream.kind(first - 1) else { return true }
        switch language {
        case .python:
            return before == .newline || before == .indent || before == .dedent || before == .semicolon
                || before == .equal || before == .colon
        case .typescript:
            return before != .operator && before != .dot && before != .questionDot
        }
    }

    /// The `:` of a type annotation between a target and its `=` (`NAME: Optional[str] =`,
    /// `let x: Map<string, number> =`), or nil.
    func annotationColon(before eq: Int) -> Int? {
        var depth = 0
        var k = eq - 1
        let limit = max(0, eq - 48)
        while k >= limit, let kind = stream.kind(k) {
            switch kind {
            case .rParen, .rBracket, .rBrace:
                depth += 1
            case .lParen, .lBracket, .lBrace:
                if depth == 0 { return nil }
                depth -= 1
            case .colon where depth == 0:
                return k
            case .newline, .indent, .dedent, .semicolon, .equal, .comma:
                if depth == 0 { return nil }
            case .operator where language == .typescript:
                if stream.isOperator(k, ">") {
                    depth += 1
                } else if stream.isOperator(k, ">>") {
                    depth += 2
                } else if stream.isOperator(k, "<") {
                    if depth == 0 { return nil }
                    depth -= 1
                }
            default:
                break
            }
            if language == .typescript, depth == 0, stream.tokens[k].newlineBefore { return nil }
            k -= 1
        }
        return nil
    }

    /// The name of a parameter default `name = ` / `name: T = ` inside the brackets opened at
    /// `open`. Unless `always`, the brackets must be a parameter list (TS: followed by `{`, `=>`
    /// or `:`).
    func parameterName(before eq: Int, open: Int, always: Bool) -> Int? {
        if !always {
            guard let close = stream.closer(of: open), let next = stream.kind(close + 1),
                  next == .lBrace || next == .arrow || next == .colon else { return nil }
        }
        var name = eq - 1
        var k = eq - 1
        var depth = 0
        while k > open, k > eq - 32 {
            switch stream.kind(k) {
            case .rParen?, .rBracket?, .rBrace?: depth += 1
            case .lParen?, .lBracket?, .lBrace?: depth -= 1
            case .colon? where depth == 0: name = k - 1
            case .comma? where depth == 0: k = open
            default: break
            }
            k -= 1
        }
        if language == .typescript, stream.isOperator(name, "?") { name -= 1 }
        return stream.kind(name) == .identifier ? name : nil
    }

    // MARK: - The operator that assigns an expression

    /// Walks left from the operator at `op` (`or`, `||`, `else`, `?`, a ternary `:`) over the
    /// rest of the value expression to the `=` or property `:` that assigns it, if any.
    func assignmentOperator(leftOf op: Int, context: OpenKind?) -> Int? {
        var k = op - 1
        var steps = 0
        // Bounded in steps and in distance, so long minified expressions stay linear.
        while k >= 0, steps < 96, op - k < 1024, let kind = stream.kind(k) {
            steps += 1
            switch kind {
            case .rParen, .rBracket, .templateTail, .rBrace:
                if kind == .rBrace, language == .typescript { return nil }
                guard let open = opener(of: k) else { return nil }
                k = open - 1
                continue
            case .lParen, .lBracket, .lBrace, .templateHead, .templateMiddle, .comma, .semicolon, .newline, .indent,
                 .dedent, .arrow:
                return nil
            case .equal:
                return k
            case .colon:
                if isPropertyColon(k, context: context) { return k }
                if language == .python { return nil }
            case .identifier:
                if stream.isWord(k, "return") || stream.isWord(k, "yield") || stream.isWord(k, "lambda") || stream.isWord(k, "case")
                    || stream.isWord(k, "throw") || stream.isWord(k, "default") || stream.isWord(k, "assert") || stream.isWord(k, "raise") {
                    return nil
                }
            default:
                break
            }
            if language == .typescript, stream.tokens[k].newlineBefore, !stream.continuesLine(k) { return nil }
            k -= 1
        }
        return nil
    }

    // MARK: - Python class bases

    /// `class Name(A, b.C, metaclass=M)` → `["A", "b.C"]` (keyword arguments left out).
    func classBases(_ open: Int) -> [String] {
        guard stream.kind(open) == .lParen, let close = stream.closer(of: open), close > open + 1 else { return [] }
        var bases: [String] = []
        var start = open + 1
        var depth = 0
        for k in (open + 1)...close {
            let kind = stream.kind(k)
            if depth == 0, kind == .comma || k == close {
                if k > start, stream.kind(start + 1) != .equal, stream.kind(start) != .star, !stream.isOperator(start, "**") {
                    let range = stream.range(start, k - 1)
                    bases.append(String(decoding: UnsafeRawBufferPointer(rebasing: stream.bytes[range.start..<range.end]), as: UTF8.self))
                }
                start = k + 1
            } else if kind == .lParen || kind == .lBracket || kind == .lBrace {
                depth += 1
            } else if kind == .rParen || kind == .rBracket || kind == .rBrace {
                depth -= 1
            }
        }
        return bases
    }
}
