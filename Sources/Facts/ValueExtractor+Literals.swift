import Lexing
import Model

// MARK: - String literals in context

extension ValueScanner {
    /// Looks at the string literal at token `i`: widens it over wrappers (`'k'.encode()`,
    /// `bytes('k')`, `Buffer.from('k')`, `new TextEncoder().encode('k')`, `Field('k')`), then reads
    /// its neighbours to find where its value goes. Only literals with a target, an env-read
    /// fallback role or a JWT shape are recorded (and only those allocate strings).
    mutating func literal(_ i: Int) {
        if stream.kind(i - 1) == .string || stream.kind(i + 1) == .string { return }  // implicit concatenation
        var first = i
        var last = i
        var depth = opens.count
        for _ in 0..<4 {
            if let end = encodeSuffix(after: last) {
                last = end
                continue
            }
            guard depth > 0 else { break }
            let open = opens[depth - 1]
            if open.kind == .call, let call = wrapperCall(first: first, last: last, open: open.index) {
                first = call.first
                last = call.last
                depth -= 1
                continue
            }
            if open.kind == .group, open.index == first - 1, stream.kind(last + 1) == .rParen,
               !(language == .typescript && stream.kind(last + 2) == .arrow) {
                first -= 1
                last += 1
                depth -= 1
                continue
            }
            break
        }
        let context: Open? = depth > 0 ? opens[depth - 1] : nil
        let before = first - 1
        let after = last + 1

        if context?.kind == .subscript, context?.index == before, first == i, stream.kind(after) == .rBracket {
            subscriptRead(key: i, open: before)
            return
        }
        let isJWT = stream.mayBeJWT(i)
        let isComparison = isComparisonSide(before, left: true) || isComparisonSide(after, left: false)
        let isElement = !isComparison && isCollectionElement(before: before, after: after, context: context)
        var op: Int?
        var envDefault: EnvDefault?
        if !isComparison, !isElement, isValueEnd(after, before: before) {
            if stream.kind(before) == .equal {
                op = before
            } else if stream.kind(before) == .colon {
                if isPropertyColon(before, context: context) {
                    op = before
                } else if language == .typescript {
                    op = assignmentOperator(leftOf: before, context: context)
                }
            } else if stream.isFallbackOperator(before) {
                envDefault = settingRead(endingBefore: before)
                op = assignmentOperator(leftOf: before, context: context)
            } else if language == .python ? stream.isWord(before, "else") : stream.isOperator(before, "?") {
                op = assignmentOperator(leftOf: before, context: context)
            }
        }
        var target: TargetInfo?
        if let op { target = self.target(at: op, context: context) }
        guard target != nil || envDefault != nil || isJWT else { return }

        var fact = StringLiteralFact(value: stream.stringValue(i, language: language) ?? "", range: stream.tokens[i].range,
                                     contentRange: stream.contentRange(i), envDefault: envDefault,
                                     isCollectionElement: isElement, isComparisonOperand: isComparison)
        if let target {
            let name = stream.kind(target.nameToken) == .string
                ? stream.stringValue(target.nameToken, language: language) ?? "" : stream.text(target.nameToken)
            fact.target = ValueTarget(name: name, kind: target.kind, range: stream.range(target.start, target.nameToken))
        }
        values.literals.append(fact)
        if let target, let op, stream.kind(op) == .equal, target.key != nil {
            recordAssignment(target, position: Int(stream.tokens[op].start), literal: values.literals.count - 1)
        }
    }

    // MARK: - Wrappers

    /// `'k'.encode(...)` after the literal (or wrapper) ending at `last`: the `)` index.
    private func encodeSuffix(after last: Int) -> Int? {
        guard stream.kind(last + 1) == .dot, stream.isWord(last + 2, "encode"), stream.kind(last + 3) == .lParen else { return nil }
        return closer(of: last + 3)
    }

    /// A conversion call whose first argument (or `default=` for `Field`/`field`) is the value
    /// spanning `first...last`, its other arguments being literals or keywords: its extent.
    private func wrapperCall(first: Int, last: Int, open: Int) -> (first: Int, last: Int)? {
        let head = open - 1
        guard stream.kind(head) == .identifier else { return nil }
        let isField = stream.isWord(head, "Field") || stream.isWord(head, "field")
        if open == first - 1 {
            guard stream.kind(last + 1) == .comma || stream.kind(last + 1) == .rParen else { return nil }
            let member = stream.kind(head - 1) == .dot
            let ok: Bool
            if member {
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
        guard let close = closer(of: open), var start = chainStart(endingAt: head) else { return nil }
        if language == .typescript, stream.isWord(start - 1, "new") { start -= 1 }
        return (start, close)
    }

    // MARK: - Neighbours

    /// Whether token `k` (before the literal when `left`, after it otherwise) makes the literal
    /// an operand of a comparison, a membership test or a `case` pattern.
    private func isComparisonSide(_ k: Int, left: Bool) -> Bool {
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
    private func isCollectionElement(before: Int, after: Int, context: Open?) -> Bool {
        let b = stream.kind(before)
        let a = stream.kind(after)
        switch context?.kind {
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
    private func isValueEnd(_ after: Int, before: Int) -> Bool {
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
}
