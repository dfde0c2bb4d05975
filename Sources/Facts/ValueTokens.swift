import Lexing
import Model

/// The token-level questions of the value pass: no state, so the pass can ask them without
/// copying its own (large) state. `ValueTokens+Walks` adds the bounded walks over brackets.
struct ValueTokens {
    /// What an open bracket is, as far as the value pass needs to know.
    enum OpenKind: UInt8 {
        /// `f(` — a call's arguments (JS also `new F(`).
        case call
        /// `def f(`, `function f(` — parameters.
        case params
        /// `(` of a grouping, tuple, condition or arrow parameter list.
        case group
        /// `x[` — a subscript.
        case `subscript`
        /// `[` of a list or array display.
        case list
        /// `{` of a Python dict/set display or a JS object literal.
        case dict
        /// `{` of a JS block (or anything not known to be an object).
        case block
        case classBody
        case functionBody
        /// An f-string or template literal substitution.
        case template
    }

    /// An open bracket: its token, what it is, and the scope it opened (class or function body) or -1.
    struct Open {
        var index: Int
        var kind: OpenKind
        var scope: Int32
    }

    let stream: TokenStream
    let language: Language

    // MARK: - Bracket kinds

    /// Python `(`: parameters after `def name`, a call after a name or a closing bracket,
    /// otherwise a grouping or tuple. TS: the same, with `function` and generic `>(`.
    func parenKind(_ i: Int) -> OpenKind {
        let before = stream.kind(i - 1)
        if language == .python {
            if before == .identifier, stream.isWord(i - 2, "def") { return .params }
        } else if stream.isWord(i - 1, "function") || (before == .identifier && stream.isWord(i - 2, "function")) {
            return .params
        }
        switch before {
        case .identifier: return isKeyword(i - 1) ? .group : .call
        case .rParen, .rBracket, .questionDot: return .call
        case .string: return language == .python ? .call : .group
        case .operator: return language == .typescript && stream.isOperator(i - 1, ">") ? .call : .group
        default: return .group
        }
    }

    func bracketKind(_ i: Int) -> OpenKind {
        switch stream.kind(i - 1) {
        case .identifier: return isKeyword(i - 1) ? .list : .subscript
        case .rParen, .rBracket, .string, .templateTail: return .subscript
        case .rBrace: return language == .python ? .subscript : .list
        default: return .list
        }
    }

    /// TS `{` that is not a class body: a function body (after `=>`, after the parameter list
    /// closed at `lastClose` or after a return type), an object literal where an expression is
    /// expected, or a block.
    func braceKind(_ i: Int, lastClose: Int, lastCloseOpen: Int, afterReturnType: Bool, outer: OpenKind?) -> OpenKind {
        let before = stream.kind(i - 1)
        if before == .arrow { return .functionBody }
        if before == .rParen, lastClose == i - 1 {
            return stream.isWord(lastCloseOpen - 1, "function") || isCallableHead(lastCloseOpen - 1) ? .functionBody : .block
        }
        if afterReturnType { return .functionBody }
        switch before {
        case .colon:
            return outer == nil || outer == .block || outer == .classBody || outer == .functionBody ? .block : .dict
        case .equal, .lParen, .comma, .lBracket, .templateHead, .templateMiddle, .operator: return .dict
        case .identifier:
            return stream.isWord(i - 1, "return") || stream.isWord(i - 1, "default") || stream.isWord(i - 1, "yield")
                || stream.isWord(i - 1, "await") ? .dict : .block
        default: return .block
        }
    }

    /// `class A extends B<{ a: T }> {`: a type literal follows `<`, `,`, `&`, `|`; the class body
    /// follows a name, `>` or `)`.
    func mayOpenClassBody(_ i: Int) -> Bool {
        switch stream.kind(i - 1) {
        case .identifier?, .rParen?, .rBracket?: return true
        default: return stream.isOperator(i - 1, ">") || stream.isOperator(i - 1, ">>")
        }
    }

    /// Whether token `k` (before a `(`) names something callable rather than a control keyword.
    func isCallableHead(_ k: Int) -> Bool {
        switch stream.kind(k) {
        case .identifier: return !isKeyword(k)
        case .operator: return stream.isOperator(k, ">")
        default: return false
        }
    }

    /// Keywords that may precede `(` or `[` without making a call or subscript. Dispatches on
    /// the first byte so that most names are rejected after two comparisons.
    func isKeyword(_ k: Int) -> Bool {
        guard stream.kind(k) == .identifier else { return false }
        let token = stream.tokens[k]
        guard token.length >= 2, token.length <= 10 else { return false }
        func w(_ word: StaticString) -> Bool { stream.isWord(k, word) }
        switch (language, stream.bytes[Int(token.start)]) {
        case (.python, UInt8(ascii: "a")): return w("and") || w("assert") || w("await")
        case (.python, UInt8(ascii: "d")): return w("del")
        case (.python, UInt8(ascii: "e")): return w("elif") || w("else") || w("except")
        case (.python, UInt8(ascii: "f")): return w("for") || w("from")
        case (.python, UInt8(ascii: "i")): return w("in") || w("if") || w("is")
        case (.python, UInt8(ascii: "l")): return w("lambda")
        case (.python, UInt8(ascii: "n")): return w("not")
        case (.python, UInt8(ascii: "o")): return w("or")
        case (.python, UInt8(ascii: "r")): return w("return") || w("raise")
        case (.python, UInt8(ascii: "w")): return w("while") || w("with")
        case (.python, UInt8(ascii: "y")): return w("yield")
        case (.typescript, UInt8(ascii: "a")): return w("await")
        case (.typescript, UInt8(ascii: "c")): return w("catch") || w("case")
        case (.typescript, UInt8(ascii: "d")): return w("delete") || w("do")
        case (.typescript, UInt8(ascii: "e")): return w("else")
        case (.typescript, UInt8(ascii: "f")): return w("for")
        case (.typescript, UInt8(ascii: "i")): return w("if") || w("in") || w("instanceof")
        case (.typescript, UInt8(ascii: "o")): return w("of")
        case (.typescript, UInt8(ascii: "r")): return w("return")
        case (.typescript, UInt8(ascii: "s")): return w("switch")
        case (.typescript, UInt8(ascii: "t")): return w("typeof") || w("throw")
        case (.typescript, UInt8(ascii: "v")): return w("void")
        case (.typescript, UInt8(ascii: "w")): return w("while") || w("with")
        case (.typescript, UInt8(ascii: "y")): return w("yield")
        default: return false
        }
    }

    // MARK: - A literal's neighbours

    /// Whether token `k` (before the literal when `left`, after it otherwise) makes the literal
    /// an operand of a comparison, a membership test or a `case` pattern.
    func isComparisonSide(_ k: Int, left: Bool) -> Bool {
        if stream.isComparisonOperator(k) { return true }
        guard stream.kind(k) == .identifier else { return false }
        switch language {
        case .python:
            return stream.isWord(k, "in") || stream.isWord(k, "is") || stream.isWord(k, "not") || (left && stream.isWord(k, "case"))
        case .typescript:
            return stream.isWord(k, "in") || stream.isWord(k, "instanceof") || (left && stream.isWord(k, "case"))
        }
    }

    /// An element of a list, tuple, set or array display.
    func isCollectionElement(before: Int, after: Int, context: OpenKind?) -> Bool {
        let b = stream.kind(before)
        let a = stream.kind(after)
        switch context {
        case .list?:
            return b == .lBracket || b == .comma
        case .group?:
            return b == .comma || a == .comma
        case .dict?:
            return language == .python && (b == .lBrace || b == .comma) && (a == .comma || a == .rBrace)
        case nil:
            return language == .python && (b == .comma || a == .comma)
        default:
            return false
        }
    }

    /// Whether the token after the value ends it (so the literal is the whole value, or one
    /// alternative of a fallback or conditional), rather than continuing an expression
    /// (`"a" + b`, `"x".join(...)`, `"%s" % x`).
    func isValueEnd(_ after: Int, before: Int) -> Bool {
        guard let kind = stream.kind(after) else { return true }
        switch kind {
        case .comma, .rParen, .rBracket, .rBrace, .semicolon, .newline, .indent, .dedent:
            return true
        case .colon:
            return language == .typescript && stream.isOperator(before, "?")
        case .identifier:
            if language == .python { return stream.isWord(after, "if") || stream.isWord(after, "or") }
            return stream.isWord(after, "as") || stream.isWord(after, "satisfies") || stream.tokens[after].newlineBefore
        case .operator:
            if stream.isOperator(after, "||") || stream.isOperator(after, "??") { return true }
            return language == .typescript && stream.tokens[after].newlineBefore && !stream.isOperator(after, "+")
        default:
            return language == .typescript && stream.tokens[after].newlineBefore
        }
    }

    /// Whether the `:` at `colon` separates a dict/object key from its value.
    func isPropertyColon(_ colon: Int, context: OpenKind?) -> Bool {
        guard context == .dict, stream.kind(colon - 2) == .lBrace || stream.kind(colon - 2) == .comma else { return false }
        switch stream.kind(colon - 1) {
        case .string?: return true
        case .identifier?: return language == .typescript
        default: return false
        }
    }

    // MARK: - Wrappers

    /// `'k'.encode(...)` after the literal (or wrapper) ending at `last`: the `)` index.
    func encodeSuffix(after last: Int) -> Int? {
        guard stream.kind(last + 1) == .dot, stream.isWord(last + 2, "encode"), stream.kind(last + 3) == .lParen else { return nil }
        return stream.closer(of: last + 3)
    }

    /// A conversion call whose first argument (or `default=` for `Field`/`field`) is the value
    /// spanning `first...last`: its extent. `bytes`, `bytearray`, `x.encode`, `Buffer.from`,
    /// `SecretStr`, `SecretBytes`, `Secret`, pydantic `Field`, dataclass `field`.
    func wrapperCall(first: Int, last: Int, open: Int) -> (first: Int, last: Int)? {
        let head = open - 1
        guard stream.kind(head) == .identifier else { return nil }
        let isField = stream.isWord(head, "Field") || stream.isWord(head, "field")
        if open == first - 1 {
            guard stream.kind(last + 1) == .comma || stream.kind(last + 1) == .rParen else { return nil }
            let ok: Bool
            if stream.kind(head - 1) == .dot {
                ok = stream.isWord(head, "encode") || (stream.isWord(head, "from") && stream.isWord(head - 2, "Buffer"))
            } else {
                ok = isField || stream.isWord(head, "bytes") || stream.isWord(head, "bytearray") || stream.isWord(head, "SecretStr")
                    || stream.isWord(head, "SecretBytes") || stream.isWord(head, "Secret")
            }
            guard ok else { return nil }
        } else {
            guard isField, stream.kind(first - 1) == .equal, stream.isWord(first - 2, "default"),
                  stream.kind(first - 3) == .comma || stream.kind(first - 3) == .lParen,
                  stream.kind(last + 1) == .comma || stream.kind(last + 1) == .rParen else { return nil }
        }
        guard let close = stream.closer(of: open), var start = chainStart(endingAt: head) else { return nil }
        if language == .typescript, stream.isWord(start - 1, "new") { start -= 1 }
        return (start, close)
    }
}
