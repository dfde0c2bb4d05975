import Lexing
import Model

/// Finds every call site and resolves its callee through the file's import bindings.
///
/// A callee is a dotted chain `a.b.c` (JS also `a?.b`) directly followed by `(` (JS also by a
/// generic argument list `<T>(` or `?.(`); `new a.B(...)` counts as a call. Calls chained on a
/// call's result continue the chain with `()`: `get_auth().validate(t)` is `get_auth().validate`.
/// Only the head is looked up in the bindings: `self.jwt.decode(...)` stays unresolved.
struct CallResolver {
    let stream: TokenStream
    let bindings: [String: String]
    let language: Language

    init(stream: TokenStream, bindings: [String: String], language: Language) {
        self.stream = stream
        self.bindings = bindings
        self.language = language
    }

    /// `head.rest` with `head` replaced by its binding, or nil when the head is not bound.
    static func resolve(_ dotted: String, bindings: [String: String]) -> String? {
        guard let dot = dotted.utf8.firstIndex(of: UInt8(ascii: ".")) else { return bindings[dotted] }
        guard let bound = bindings[String(dotted[..<dot])] else { return nil }
        return bound + dotted[dot...]
    }

    func resolve() -> [CallFact] {
        var calls: [CallFact] = []
        var i = 0
        while i < stream.count {
            guard stream.kind(i) == .identifier, isChainHead(i) else {
                i += 1
                continue
            }
            // Find the end of the chain without building strings: most chains are not calls.
            var j = i + 1
            while stream.kind(j) == .dot || stream.kind(j) == .questionDot, stream.kind(j + 1) == .identifier { j += 2 }
            let calleeEnd = j - 1
            var open = language == .typescript ? skipTypeArguments(from: j) : j
            if language == .typescript, stream.kind(open) == .questionDot { open += 1 }
            let isNew = language == .typescript && stream.isWord(i - 1, "new")
            guard stream.kind(open) == .lParen || isNew else {
                i = calleeEnd + 1
                continue
            }
            let head = stream.text(i)
            if stream.kind(open) == .lParen, calleeEnd == i, Self.keywords(language).contains(head) {
                i += 1
                continue
            }
            var callee = head
            _ = stream.appendMembers(to: &callee, from: i + 1, optional: true)
            // Only the head is looked up; most heads are not bound, so no string is built then.
            let resolved = bindings.isEmpty ? nil : bindings[head].map { $0 + callee.dropFirst(head.count) }
            guard stream.kind(open) == .lParen, !isDefinition(head: i, open: open) else {
                if isNew {
                    calls.append(CallFact(callee: callee, qualifiedName: resolved, isConstruction: true,
                                          range: stream.range(i, calleeEnd)))
                }
                i = calleeEnd + 1
                continue
            }
            i = recordCall(head: i, callee: callee, qualified: resolved, open: open, isNew: isNew, into: &calls)
        }
        return calls
    }

    /// Records the call opening at `open` and any calls chained on its result; returns the index
    /// to continue from.
    private func recordCall(head: Int, callee: String, qualified: String?, open: Int, isNew: Bool,
                            into calls: inout [CallFact]) -> Int {
        var callee = callee
        var qualified = qualified
        let firstOpen = open
        var open = open
        var chained = false
        while true {
            let close = stream.closer(of: open)
            calls.append(CallFact(callee: callee, qualifiedName: qualified, isConstruction: isNew && !chained,
                                  isChained: chained, range: stream.range(head, close ?? open),
                                  arguments: close.map { arguments(open: open, close: $0) } ?? []))
            // Scanning resumes inside the first call's arguments: calls nested there are calls too.
            guard let close, stream.kind(close + 1) == .dot || stream.kind(close + 1) == .questionDot,
                  stream.kind(close + 2) == .identifier else { return firstOpen + 1 }
            var member = "()"
            var j = stream.appendMembers(to: &member, from: close + 1, optional: true)
            if language == .typescript { j = skipTypeArguments(from: j) }
            guard stream.kind(j) == .lParen else { return firstOpen + 1 }
            callee += member
            qualified = qualified.map { $0 + member }
            chained = true
            open = j
        }
    }

    // MARK: - Arguments

    /// The top-level arguments between `open` and `close`.
    func arguments(open: Int, close: Int) -> [ArgumentFact] {
        stream.items(between: open, and: close).compactMap { argument(from: $0.first, to: $0.last) }
    }

    /// One argument spanning tokens `first...last`: `key=value` (Python), `...spread` skipped.
    private func argument(from first: Int, to last: Int) -> ArgumentFact? {
        var first = first
        var keyword: String?
        if language == .python, stream.kind(first) == .identifier, stream.kind(first + 1) == .equal, first + 2 <= last {
            keyword = stream.text(first)
            first += 2
        }
        if stream.kind(first) == .star || stream.isOperator(first, "**") || stream.isOperator(first, "...") { return nil }
        var fact = ArgumentValue.describe(stream, from: first, to: last, language: language)
        fact.keyword = keyword
        return fact
    }

    // MARK: - What is not a call

    /// Whether identifier `i` starts a chain (is not a member `x.i` or a definition's name).
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
    private func isDefinition(head: Int, open: Int) -> Bool {
        guard language == .typescript else { return false }
        guard let close = stream.closer(of: open) else { return false }
        if stream.kind(close + 1) == .lBrace { return true }
        if stream.kind(close + 1) == .colon {
            let before = stream.kind(head - 1)
            return before == nil || before == .lBrace || before == .rBrace || before == .semicolon
                || stream.tokens[head].newlineBefore
        }
        return false
    }

    /// Statement keywords that a `(` may follow without making a call.
    static func keywords(_ language: Language) -> Set<String> {
        language == .python ? pythonKeywords : typeScriptKeywords
    }

    static let pythonKeywords: Set<String> = [
        "if", "elif", "while", "for", "in", "not", "and", "or", "return", "yield", "assert", "del", "with", "as",
        "lambda", "await", "except", "raise", "is", "else", "from", "global", "nonlocal", "pass", "case", "match",
    ]
    static let typeScriptKeywords: Set<String> = [
        "if", "for", "while", "switch", "catch", "return", "typeof", "function", "await", "yield", "void", "delete",
        "in", "of", "new", "class", "case", "throw", "do", "else", "instanceof", "with", "keyof", "as", "satisfies",
    ]

    /// Skips a TypeScript type-argument list `<A, B<C>[]>` when a `(` follows it; returns the index
    /// after it, or `j` unchanged when there is none.
    private func skipTypeArguments(from j: Int) -> Int {
        guard let end = stream.angleBracketsEnd(from: j, inExpression: true), stream.kind(end) == .lParen else { return j }
        return end
    }
}
