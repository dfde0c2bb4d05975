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
            if let end = tokens.encodeSuffix(after: last) {
                last = end
                continue
            }
            guard depth > 0 else { break }
            let open = opens[depth - 1]
            if open.kind == .call, let call = tokens.wrapperCall(first: first, last: last, open: open.index) {
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
        let isComparison = tokens.isComparisonSide(before, left: true) || tokens.isComparisonSide(after, left: false)
        let isElement = !isComparison && tokens.isCollectionElement(before: before, after: after, context: context?.kind)
        var op: Int?
        var envDefault: EnvDefault?
        if !isComparison, !isElement, tokens.isValueEnd(after, before: before) {
            if stream.kind(before) == .equal {
                op = before
            } else if stream.kind(before) == .colon {
                if tokens.isPropertyColon(before, context: context?.kind) {
                    op = before
                } else if language == .typescript {
                    op = tokens.assignmentOperator(leftOf: before, context: context?.kind)
                }
            } else if stream.isFallbackOperator(before) {
                envDefault = settingRead(endingBefore: before)
                op = tokens.assignmentOperator(leftOf: before, context: context?.kind)
            } else if language == .python ? stream.isWord(before, "else") : stream.isOperator(before, "?") {
                op = tokens.assignmentOperator(leftOf: before, context: context?.kind)
            }
        }
        var target: TargetInfo?
        if let op { target = self.target(at: op, context: context) }
        if target == nil, envDefault == nil, !isComparison, !isElement, stream.isWord(before, "return"),
           tokens.isValueEnd(after, before: before) {
            // The function's name is filled in when the pass ends (`namedReturnValues`).
            target = TargetInfo(nameToken: before, start: before, kind: .returnValue, function: currentFunction)
        }
        guard target != nil || envDefault != nil || isJWT else { return }

        var fact = StringLiteralFact(value: stream.stringValue(i, language: language) ?? "", range: stream.tokens[i].range,
                                     contentRange: stream.contentRange(i), envDefault: envDefault,
                                     isCollectionElement: isElement, isComparisonOperand: isComparison)
        if let target {
            let name = target.kind == .returnValue ? ""
                : stream.kind(target.nameToken) == .string
                ? stream.stringValue(target.nameToken, language: language) ?? "" : stream.text(target.nameToken)
            fact.target = ValueTarget(name: name, kind: target.kind, range: stream.range(target.start, target.nameToken))
        }
        values.literals.append(fact)
        if let target, let op, stream.kind(op) == .equal, target.key != nil {
            recordAssignment(target, position: Int(stream.tokens[op].start), literal: values.literals.count - 1)
        }
        // `opts = { secretOrKey: 'k' }`: the property is a constant `opts.secretOrKey`, so a sink
        // handed `opts` finds the literal.
        if let target, target.kind == .property || target.kind == .dictKey, let op, stream.kind(op) == .colon,
           let open = context, open.kind == .dict, stream.kind(open.index - 1) == .equal,
           let object = statementTarget(open.index - 1, function: currentFunction, classScope: classScope), let key = object.key {
            let property = fact.target?.name ?? ""
            values.assignments.append(ConstantAssignment(key: ConstantKey.member(key, property), position: Int32(truncatingIfNeeded: stream.tokens[op].start),
                                                         function: object.function, literal: Int32(values.literals.count - 1)))
        }
    }
}
