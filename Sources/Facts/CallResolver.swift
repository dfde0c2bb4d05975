import Lexing
import Model

/// Finds call sites whose callee resolves through a file's import bindings.
///
/// A callee is a dotted chain `a.b.c` (JS also `a?.b`) directly followed by `(` (JS also by a
/// generic argument list `<T>(` or `?.(`); `new a.B(...)` counts as a call. Only the chain's head
/// is looked up: `self.jwt.decode(...)` and calls on call results are not resolved.
struct CallResolver {
    let stream: TokenStream
    let bindings: [String: String]
    let language: Language

    /// `head.rest` with `head` replaced by its binding, or nil when the head is not bound.
    static func resolve(_ dotted: String, bindings: [String: String]) -> String? {
        guard let dot = dotted.utf8.firstIndex(of: UInt8(ascii: ".")) else { return bindings[dotted] }
        guard let bound = bindings[String(dotted[..<dot])] else { return nil }
        return bound + dotted[dot...]
    }

    func resolve() -> [CallFact] {
        let matching = stream.matchingBrackets()
        var calls: [CallFact] = []
        var i = 0
        while i < stream.count {
            guard stream.kind(i) == .identifier, isChainHead(i) else {
                i += 1
                continue
            }
            // Cheap check first: most identifiers are not bound.
            guard let bound = bindings[stream.text(i)] else {
                i += 1
                continue
            }
            var name = bound
            var j = stream.appendMembers(to: &name, from: i + 1, optional: true)
            let calleeEnd = j - 1
            if language == .typescript { j = skipTypeArguments(from: j) }
            if language == .typescript, stream.kind(j) == .questionDot { j += 1 }
            let isNew = language == .typescript && stream.isWord(i - 1, "new")
            if stream.kind(j) == .lParen, !isDefinition(head: i, open: j, matching: matching) {
                let close = Int(matching[j])
                let last = close >= 0 ? close : calleeEnd
                calls.append(CallFact(qualifiedName: name, isConstruction: isNew, range: stream.range(i, last)))
            } else if isNew {
                calls.append(CallFact(qualifiedName: name, isConstruction: true, range: stream.range(i, calleeEnd)))
            }
            i = calleeEnd + 1
        }
        return calls
    }

    /// Whether identifier `i` starts a chain (is not a member `x.i`, a definition's name or an
    /// import's own name).
    private func isChainHead(_ i: Int) -> Bool {
        switch stream.kind(i - 1) {
        case .dot, .questionDot: return false
        default: break
        }
        switch language {
        case .python:
            return !(stream.isWord(i - 1, "def") || stream.isWord(i - 1, "class") || stream.isWord(i - 1, "import"))
        case .typescript:
            return !(stream.isWord(i - 1, "function") || stream.isWord(i - 1, "class") || stream.isWord(i - 1, "interface"))
        }
    }

    /// JS method definitions look like calls: `verify(token) { ... }`, `verify(t: string): X {`.
    /// Python definitions are excluded by `def`.
    private func isDefinition(head: Int, open: Int, matching: [Int32]) -> Bool {
        guard language == .typescript else { return false }
        let close = Int(matching[open])
        guard close >= 0 else { return false }
        if stream.kind(close + 1) == .lBrace { return true }
        if stream.kind(close + 1) == .colon {
            let before = stream.kind(head - 1)
            let memberStart = before == nil || before == .lBrace || before == .rBrace || before == .semicolon
                || stream.tokens[head].newlineBefore
            return memberStart
        }
        return false
    }

    /// Skips a TypeScript type-argument list `<A, B<C>[]>` when a `(` follows it; returns the index
    /// after it, or `j` unchanged when there is none.
    private func skipTypeArguments(from j: Int) -> Int {
        guard stream.isOperator(j, "<") else { return j }
        var depth = 0
        var k = j
        let limit = min(stream.count, j + 64)
        while k < limit {
            if stream.isOperator(k, "<") {
                depth += 1
            } else if stream.isOperator(k, ">") {
                depth -= 1
            } else if stream.isOperator(k, ">>") {
                depth -= 2
            } else {
                switch stream.kind(k) {
                case .identifier, .dot, .comma, .lBracket, .rBracket, .string, .number, .lBrace, .rBrace, .colon, .semicolon:
                    break
                case .operator where stream.isOperator(k, "|") || stream.isOperator(k, "&"):
                    break
                default:
                    return j
                }
            }
            k += 1
            if depth <= 0 { return stream.kind(k) == .lParen ? k : j }
        }
        return j
    }
}
