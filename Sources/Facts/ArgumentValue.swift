import Lexing
import Model

/// Describes an argument's value expression for rules: a plain string literal (or a conversion
/// of one), a dotted name, or an object literal / dict display with its entries.
enum ArgumentValue {
    /// `levels`: how many levels of object literals get their entries (a `return` needs one:
    /// `{"valid": True}`, `{**cached}`, so a large returned literal costs one pass over its top
    /// level); below the full depth, lengths of time are not worked out either.
    static func describe(_ stream: TokenStream, from first: Int, to last: Int, language: Language,
                         levels: Int = Int.max) -> ArgumentFact {
        var last = last
        if language == .typescript { last = withoutTypeAssertion(stream, from: first, to: last) }
        var fact = ArgumentFact(range: stream.range(first, last))
        if let literal = wrappedLiteral(stream, from: first, to: last) {
            fact.stringValue = stream.stringValue(literal, language: language)
            fact.stringRange = stream.contentRange(literal)
        } else if let literal = literal(stream, from: first, to: last, language: language) {
            fact.literal = literal
        } else if stream.kind(first) == .identifier, isDottedName(stream, from: first, to: last) {
            var name = stream.text(first)
            _ = stream.appendMembers(to: &name, from: first + 1)
            fact.name = name
        } else if stream.kind(first) == .lBrace, stream.closer(of: first) == last {
            if levels > 0 { fact.properties = entries(stream, open: first, close: last, language: language, levels: levels == Int.max ? levels : levels - 1) }
        } else if levels != Int.max {
            return fact
        } else if let duration = DurationValue.evaluate(stream, from: first, to: last) {
            fact.seconds = duration.seconds
            fact.isExpiry = duration.fromClock
        }
        return fact
    }

    /// The end of `first...last` without a trailing TypeScript type assertion or non-null
    /// assertion: `{ algorithm: 'none' } as jwt.SignOptions`, `opts satisfies Options`, `key!`.
    /// Looks back at most 12 tokens for the `as` / `satisfies`.
    static func withoutTypeAssertion(_ stream: TokenStream, from first: Int, to last: Int) -> Int {
        var last = last
        if last > first, stream.isOperator(last, "!") { last -= 1 }
        guard last > first + 1, stream.kind(last) == .identifier || stream.isOperator(last, ">")
                || stream.kind(last) == .rBracket || stream.kind(last) == .rBrace else { return last }
        var k = last - 1
        while k > first, last - k <= 12 {
            if stream.kind(k) == .identifier, stream.isWord(k, "as") || stream.isWord(k, "satisfies"),
               stream.kind(k - 1) != .dot {
                return k - 1
            }
            k -= 1
        }
        return last
    }

    /// `True`/`false`, a decimal number, `None`/`null`/`undefined`, or a list `[...]` / tuple
    /// `(a, b)` display of anything describable.
    private static func literal(_ stream: TokenStream, from first: Int, to last: Int, language: Language) -> ArgumentLiteral? {
        if first == last {
            switch stream.kind(first) {
            case .identifier?:
                if stream.isWord(first, "True") || stream.isWord(first, "true") { return .bool(true) }
                if stream.isWord(first, "False") || stream.isWord(first, "false") { return .bool(false) }
                if stream.isWord(first, "None") || stream.isWord(first, "null") || stream.isWord(first, "undefined") { return .null }
                return nil
            case .number?:
                return Double(stream.text(first).replacing("_", with: "")).map(ArgumentLiteral.number)
            default:
                return nil
            }
        }
        guard stream.kind(first) == .lBracket || stream.kind(first) == .lParen, stream.closer(of: first) == last else { return nil }
        let items = stream.items(between: first, and: last)
        // `(x)` is a parenthesised expression, not a tuple.
        if stream.kind(first) == .lParen, items.count == 1, stream.kind(last - 1) != .comma { return nil }
        return .list(items.map { describe(stream, from: $0.first, to: $0.last, language: language) })
    }

    /// The string literal token that `first...last` is, or converts to bytes:
    /// `'k'`, `b'k'`, `'k'.encode()`, `'k'.encode('utf-8')`, `bytes('k', 'utf-8')`,
    /// `bytearray('k')`, `Buffer.from('k')`, `Buffer.from('k', 'utf8')`,
    /// `new TextEncoder().encode('k')`. Extra arguments must be string literals (encodings).
    static func wrappedLiteral(_ stream: TokenStream, from first: Int, to last: Int) -> Int? {
        if first == last { return stream.kind(first) == .string ? first : nil }
        // 'k'.encode(...)
        if stream.kind(first) == .string, stream.kind(first + 1) == .dot, stream.isWord(first + 2, "encode"),
           stream.kind(first + 3) == .lParen, stream.closer(of: first + 3) == last,
           onlyLiterals(stream, from: first + 4, to: last - 1) {
            return first
        }
        // callee( 'k' [, 'enc'] )
        var open = -1
        if stream.isWord(first, "bytes") || stream.isWord(first, "bytearray") {
            open = first + 1
        } else if stream.isWord(first, "Buffer"), stream.kind(first + 1) == .dot, stream.isWord(first + 2, "from") {
            open = first + 3
        } else if stream.isWord(first, "new"), stream.isWord(first + 1, "TextEncoder"), stream.kind(first + 2) == .lParen,
                  stream.kind(first + 3) == .rParen, stream.kind(first + 4) == .dot, stream.isWord(first + 5, "encode") {
            open = first + 6
        }
        guard open > first, stream.kind(open) == .lParen, stream.closer(of: open) == last, stream.kind(open + 1) == .string,
              open + 2 == last || (stream.kind(open + 2) == .comma && onlyLiterals(stream, from: open + 3, to: last - 1))
        else { return nil }
        return open + 1
    }

    /// Whether `first...last` is empty or only string literals and commas.
    private static func onlyLiterals(_ stream: TokenStream, from first: Int, to last: Int) -> Bool {
        guard first <= last else { return true }
        for k in first...last where stream.kind(k) != .string && stream.kind(k) != .comma { return false }
        return true
    }

    private static func isDottedName(_ stream: TokenStream, from first: Int, to last: Int) -> Bool {
        var k = first + 1
        while k < last {
            guard stream.kind(k) == .dot, stream.kind(k + 1) == .identifier else { return false }
            k += 2
        }
        return k == last + 1
    }

    /// `{key: value, 'key': value, shorthand}` → one fact per entry with `keyword` set.
    private static func entries(_ stream: TokenStream, open: Int, close: Int, language: Language,
                                levels: Int) -> [ArgumentFact] {
        stream.items(between: open, and: close).compactMap { item -> ArgumentFact? in
            let (start, last) = item
            // A spread, `...base` / `**base`: an entry without a key.
            if stream.isOperator(start, "...") || stream.isOperator(start, "**") {
                guard start < last else { return nil }
                return describe(stream, from: start + 1, to: last, language: language, levels: levels)
            }
            if start == last, language == .typescript, stream.kind(start) == .identifier {
                let name = stream.text(start)
                return ArgumentFact(keyword: name, range: stream.range(start, start), name: name)
            }
            guard stream.kind(start + 1) == .colon, last >= start + 2 else { return nil }
            guard let key = stream.kind(start) == .identifier ? stream.text(start) : stream.stringValue(start, language: language)
            else { return nil }
            var entry = describe(stream, from: start + 2, to: last, language: language, levels: levels)
            entry.keyword = key
            return entry
        }
    }
}
