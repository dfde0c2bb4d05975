import Lexing
import Model

// MARK: - Assignments

extension ValueScanner {
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
        let target = statementTarget(eq)
        lastTarget = target
        if let target { recordAssignment(target, position: eq, literal: -1) }
    }

    /// Whether the innermost bracket (if any) holds statements rather than an expression.
    var isStatementLevel: Bool {
        guard let top = opens.last else { return true }
        return language == .typescript && (top.kind == .block || top.kind == .classBody || top.kind == .functionBody)
    }

    mutating func recordAssignment(_ target: TargetInfo, position: Int, literal: Int) {
        let at = Int32(truncatingIfNeeded: position)
        let index = Int32(truncatingIfNeeded: literal)
        if let key = target.key {
            values.assignments.append(ConstantAssignment(key: key, position: at, function: target.function, literal: index))
        }
        if let key = target.instanceKey {
            values.assignments.append(ConstantAssignment(key: key, position: at, function: target.function, literal: index))
        }
    }

    /// The target of the statement-level `=` at `eq`: `NAME`, `NAME: T`, `a.b.NAME`,
    /// `x["KEY"]`, `const NAME: T`, `private readonly NAME?: T`, with its kind and constant keys.
    mutating func statementTarget(_ eq: Int) -> TargetInfo? {
        guard let chain = tokens.statementChain(eq) else { return nil }
        if stream.kind(chain.name) == .string {
            return TargetInfo(nameToken: chain.name, start: chain.first, kind: .dictKey, function: currentFunction)
        }
        if chain.start != chain.name || !chain.simple {
            let key = chain.simple ? stream.constantKey(from: chain.start, to: chain.name) : nil
            return TargetInfo(nameToken: chain.name, start: chain.first, kind: .attribute, key: key, function: currentFunction)
        }
        if isClassLevel, let top = scopeStack.last {
            let name = stream.text(chain.name)
            let classKey = ConstantKey.member(ConstantKey.key(values.scopes[Int(top)].name), name)
            return TargetInfo(nameToken: chain.name, start: chain.first, kind: .classField, key: classKey,
                              instanceKey: ConstantKey.member(ConstantKey.instance, name), function: -1)
        }
        return TargetInfo(nameToken: chain.name, start: chain.first, kind: .variable,
                          key: stream.constantKey(from: chain.name, to: chain.name), function: currentFunction)
    }

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

    private mutating func parameter(before eq: Int, open: Int, always: Bool) -> TargetInfo? {
        guard let name = tokens.parameterName(before: eq, open: open, always: always) else { return nil }
        return TargetInfo(nameToken: name, start: name, kind: .parameterDefault, function: -1)
    }

    /// Python parameters hide outer constants of the same name inside their function.
    mutating func parameterKills(open: Int, function: Int32) {
        guard stream.kind(open) == .lParen, let close = tokens.closer(of: open) else { return }
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
}
