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

    /// A statement-level `=` or a Python parameter list, resolved in `finish()` if needed.
    struct PendingKill {
        /// The `=`, or the `(` of the parameters.
        var token: Int32
        var function: Int32
        /// The class whose body the assignment is directly in, or -1.
        var classScope: Int32
        var isParameters: Bool
    }

    /// A `=` at statement level: remembered as an assignment whose value is not known to be a
    /// literal (a literal value records itself again, after it).
    mutating func equal(_ eq: Int) {
        guard isStatementLevel else { return }
        if language == .typescript, stream.kind(eq - 1) == .rBrace {
            destructuringRead(eq)
            return
        }
        pendingKills.append(PendingKill(token: Int32(eq), function: currentFunction, classScope: classScope, isParameters: false))
    }

    /// The class whose body statements here are directly in, or -1.
    var classScope: Int32 { isClassLevel ? scopeStack.last ?? -1 : -1 }

    /// Records the pending assignments and parameters when some literal is assigned to a name
    /// (otherwise no name holds a constant, whatever else is assigned), then puts all
    /// assignments in source order: at one `=`, the non-literal record (-1) first, then its
    /// literals in the order seen (`x = "a" if c else "b"` holds `"b"`).
    mutating func resolveKills() {
        guard values.assignments.contains(where: { $0.literal >= 0 }) else {
            values.assignments = []
            return
        }
        for kill in pendingKills {
            if kill.isParameters {
                parameterKills(open: Int(kill.token), function: kill.function)
            } else if let target = statementTarget(Int(kill.token), function: kill.function, classScope: kill.classScope) {
                recordAssignment(target, position: Int(stream.tokens[Int(kill.token)].start), literal: -1)
            }
        }
        values.assignments.sort { ($0.position, $0.literal) < ($1.position, $1.literal) }
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
    /// `function` and `classScope` describe where the statement is (see `PendingKill`).
    mutating func statementTarget(_ eq: Int, function: Int32, classScope: Int32) -> TargetInfo? {
        guard let chain = tokens.statementChain(eq) else { return nil }
        if stream.kind(chain.name) == .string {
            return TargetInfo(nameToken: chain.name, start: chain.first, kind: .dictKey, function: function)
        }
        if chain.start != chain.name || !chain.simple {
            let key = chain.simple ? stream.constantKey(from: chain.start, to: chain.name) : nil
            return TargetInfo(nameToken: chain.name, start: chain.first, kind: .attribute, key: key, function: function)
        }
        if classScope >= 0 {
            let name = stream.text(chain.name)
            let classKey = ConstantKey.member(ConstantKey.key(values.scopes[Int(classScope)].name), name)
            return TargetInfo(nameToken: chain.name, start: chain.first, kind: .classField, key: classKey,
                              instanceKey: ConstantKey.member(ConstantKey.instance, name), function: -1)
        }
        return TargetInfo(nameToken: chain.name, start: chain.first, kind: .variable,
                          key: stream.constantKey(from: chain.name, to: chain.name), function: function)
    }

    /// The target of a literal whose value is assigned by the `=` or property `:` at `op`.
    mutating func target(at op: Int, context: Open?) -> TargetInfo? {
        if stream.kind(op) == .colon {
            return TargetInfo(nameToken: op - 1, start: op - 1, kind: language == .python ? .dictKey : .property, function: -1)
        }
        switch context?.kind {
        case nil, .block?, .classBody?, .functionBody?:
            // Class level as seen from the `=` (the literal may sit inside a wrapper's brackets).
            let classLevel = scopeIsClass.last == true && (language == .python ? context == nil : context?.kind == .classBody)
            return statementTarget(op, function: currentFunction, classScope: classLevel ? scopeStack.last ?? -1 : -1)
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
        guard stream.kind(open) == .lParen, let close = tokens.stream.closer(of: open) else { return }
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
