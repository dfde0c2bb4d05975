import Lexing
import Model

/// An assignment target found by walking back from its `=` (or a dict/object key before `:`).
struct TargetInfo {
    /// The token that names it: an identifier, or the string key of a subscript or dict entry.
    var nameToken: Int
    /// The target's first token.
    var start: Int
    var kind: ValueTargetKind
    /// Constant keys (see `ConstantKey`): the name as written, and for class fields also `@.name`.
    var key: UInt64?
    var instanceKey: UInt64?
    /// The innermost function the assignment is in, or -1.
    var function: Int32
}

// MARK: - Statement-level assignments

extension ValueScanner {
    /// A `=` at statement level: records the assignment (its value is not known to be a literal
    /// yet; a literal value records itself again) and remembers its target for the literal.
    mutating func equal(_ eq: Int) {
        guard isStatementLevel else { return }
        lastEqual = eq
        lastTarget = nil
        if language == .typescript, stream.kind(eq - 1) == .rBrace {
            destructuringRead(eq)
            return
        }
        lastTarget = statementTarget(eq)
        if let target = lastTarget { recordAssignment(target, position: eq, literal: -1) }
    }

    /// Whether the innermost bracket (if any) holds statements rather than an expression.
    var isStatementLevel: Bool {
        guard let top = opens.last else { return true }
        return language == .typescript && (top.kind == .block || top.kind == .classBody || top.kind == .functionBody)
    }

    mutating func recordAssignment(_ target: TargetInfo, position: Int, literal: Int) {
        let at = Int32(truncatingIfNeeded: position)
        for key in [target.key, target.instanceKey] {
            guard let key else { continue }
            values.assignments.append(ConstantAssignment(key: key, position: at, function: target.function,
                                                         literal: Int32(truncatingIfNeeded: literal)))
        }
    }

    /// The target of the statement-level `=` at `eq`: `NAME`, `NAME: T`, `a.b.NAME`,
    /// `x["KEY"]`, `const NAME: T`, `private readonly NAME?: T`. Nil for tuple targets and
    /// destructuring.
    func statementTarget(_ eq: Int) -> TargetInfo? {
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
            if start != end || !simple {
                let key = simple ? stream.constantKey(from: start, to: end) : nil
                return TargetInfo(nameToken: end, start: first, kind: .attribute, key: key, function: currentFunction)
            }
            if isClassLevel, let top = scopeStack.last {
                let name = stream.text(end)
                let classKey = ConstantKey.member(ConstantKey.key(values.scopes[Int(top)].name), name)
                return TargetInfo(nameToken: end, start: start, kind: .classField, key: classKey,
                                  instanceKey: ConstantKey.member(ConstantKey.instance, name), function: -1)
            }
            return TargetInfo(nameToken: end, start: start, kind: .variable, key: stream.constantKey(from: start, to: end),
                              function: currentFunction)
        }
        if stream.kind(end) == .rBracket, stream.kind(end - 1) == .string, stream.kind(end - 2) == .lBracket,
           let first = chainStart(endingAt: end - 3), beginsStatement(first) {
            return TargetInfo(nameToken: end - 1, start: first, kind: .dictKey, function: currentFunction)
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

    // MARK: - Other targets of a literal

    /// The target of a literal whose value is assigned by the `=` or property `:` at `op`.
    mutating func target(at op: Int, context: Open?) -> TargetInfo? {
        if stream.kind(op) == .colon {
            return TargetInfo(nameToken: op - 1, start: op - 1, kind: language == .python ? .dictKey : .property, function: -1)
        }
        switch context?.kind {
        case nil, .block?, .classBody?, .functionBody?:
            return op == lastEqual ? lastTarget : statementTarget(op)
        case .call?:
            if language == .python {
                guard stream.kind(op - 1) == .identifier, stream.kind(op - 2) == .lParen || stream.kind(op - 2) == .comma
                else { return nil }
                return TargetInfo(nameToken: op - 1, start: op - 1, kind: .keywordArgument, function: -1)
            }
            return parameter(before: op, open: context!.index, always: false)
        case .params?:
            return parameter(before: op, open: context!.index, always: true)
        case .group?:
            return language == .typescript ? parameter(before: op, open: context!.index, always: false) : nil
        case .dict?:
            guard language == .typescript, stream.kind(op - 1) == .identifier,
                  stream.kind(op - 2) == .lBrace || stream.kind(op - 2) == .comma else { return nil }
            return TargetInfo(nameToken: op - 1, start: op - 1, kind: .variable, function: -1)
        default:
            return nil
        }
    }

    /// A parameter default `name = ` / `name: T = ` inside the brackets opened at `open`. Unless
    /// `always`, the brackets must be a parameter list (TS: followed by `{`, `=>` or `:`).
    private func parameter(before eq: Int, open: Int, always: Bool) -> TargetInfo? {
        if !always {
            guard let close = closer(of: open), let next = stream.kind(close + 1),
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
        guard stream.kind(name) == .identifier else { return nil }
        return TargetInfo(nameToken: name, start: name, kind: .parameterDefault, function: -1)
    }

    /// Walks left from the operator at `op` (`or`, `||`, `else`, `?`, a ternary `:`) over the
    /// rest of the value expression to the `=` or property `:` that assigns it, if any.
    func assignmentOperator(leftOf op: Int, context: Open?) -> Int? {
        var k = op - 1
        var steps = 0
        while k >= 0, steps < 96, let kind = stream.kind(k) {
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
            if language == .typescript, stream.tokens[k].newlineBefore, !continuesLine(k) { return nil }
            k -= 1
        }
        return nil
    }

    /// TS: whether the line starting at token `k` continues the expression of the line before.
    private func continuesLine(_ k: Int) -> Bool {
        switch stream.kind(k) {
        case .operator?, .dot?, .questionDot?, .arrow?, .colon?, .equal?: return true
        default: break
        }
        switch stream.kind(k - 1) {
        case .operator?, .equal?, .colon?, .lParen?, .lBracket?, .comma?, .arrow?, .questionDot?, .dot?: return true
        default: return false
        }
    }

    /// Whether the `:` at `colon` separates a dict/object key from its value.
    func isPropertyColon(_ colon: Int, context: Open?) -> Bool {
        guard context?.kind == .dict, stream.kind(colon - 2) == .lBrace || stream.kind(colon - 2) == .comma else { return false }
        switch stream.kind(colon - 1) {
        case .string?: return true
        case .identifier?: return language == .typescript
        default: return false
        }
    }

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

    /// The closing bracket of the opening bracket at `open`, scanning forward (bounded).
    func closer(of open: Int) -> Int? {
        var depth = 0
        var k = open
        let limit = min(stream.count, open + 2048)
        while k < limit, let kind = stream.kind(k) {
            switch kind {
            case .lParen, .lBracket, .lBrace, .templateHead: depth += 1
            case .rParen, .rBracket, .rBrace, .templateTail:
                depth -= 1
                if depth == 0 { return k }
            default: break
            }
            k += 1
        }
        return nil
    }

    /// The first token of a postfix chain ending at `last`: `a.b`, `f(x).y`, `a[0].b`.
    func chainStart(endingAt last: Int) -> Int? {
        var k = last
        var steps = 0
        while steps < 32 {
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

    // MARK: - Python definitions

    /// Python parameters hide outer constants of the same name inside their function.
    mutating func parameterKills(open: Int, function: Int32) {
        guard stream.kind(open) == .lParen, let close = closer(of: open) else { return }
        var depth = 0
        for k in open...close {
            switch stream.kind(k) {
            case .lParen?, .lBracket?, .lBrace?: depth += 1
            case .rParen?, .rBracket?, .rBrace?: depth -= 1
            case .identifier? where depth == 1:
                let before = stream.kind(k - 1)
                guard before == .lParen || before == .comma || before == .star || stream.isOperator(k - 1, "**") else { continue }
                values.assignments.append(ConstantAssignment(key: stream.constantKey(from: k, to: k),
                                                             position: stream.tokens[k].start, function: function, literal: -1))
            default: break
            }
        }
    }

    /// `class Name(A, b.C, metaclass=M)` → `["A", "b.C"]` (keyword arguments left out).
    func classBases(_ open: Int) -> [String] {
        guard stream.kind(open) == .lParen, let close = closer(of: open), close > open + 1 else { return [] }
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
