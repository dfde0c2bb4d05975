import Lexing
import Model

// MARK: - Members of classes and object literals

extension TypeScriptDefinitions {
    /// Words that modify a class member when another part of the member follows them.
    private func isModifier(_ i: Int) -> Bool {
        switch stream.tokens[i].length {
        case 5: return stream.isWord(i, "async")
        case 6: return stream.isWord(i, "static") || stream.isWord(i, "public") || stream.isWord(i, "declare")
        case 7: return stream.isWord(i, "private")
        case 8: return stream.isWord(i, "readonly") || stream.isWord(i, "abstract") || stream.isWord(i, "override")
            || stream.isWord(i, "accessor")
        case 9: return stream.isWord(i, "protected")
        default: return false
        }
    }

    /// A class member at `i`: decorators, modifiers, then a method with a body or a property
    /// whose value is a function. Returns where the main loop continues.
    mutating func classMember(_ i: Int) -> Int {
        var j = i
        while j < stream.count {
            if stream.kind(j) == .at {
                j = skipDecorator(j)
            } else if stream.kind(j) == .identifier, isModifier(j), !stream.tokens[j + 1 < stream.count ? j + 1 : j].newlineBefore,
                      let next = stream.kind(j + 1), next == .identifier || next == .star || next == .lBracket || next == .string
            {
                j += 1
            } else {
                break
            }
        }
        if stream.kind(j) == .star { j += 1 }
        if isAccessor(j) { return advance(from: i, to: j + 1) }
        guard stream.kind(j) == .identifier || stream.kind(j) == .string else { return advance(from: i, to: max(j, i + 1)) }
        return memberBody(name: j, from: i, isClass: true)
    }

    /// An object-literal member at `i`: `name(...) {}`, `async name() {}`, `name: <function>`.
    mutating func objectMember(_ i: Int) -> Int {
        var j = i
        if stream.isWord(j, "async"), let next = stream.kind(j + 1), next == .identifier || next == .star { j += 1 }
        if stream.kind(j) == .star { j += 1 }
        if isAccessor(j) { return i + 1 }
        guard stream.kind(j) == .identifier else { return i + 1 }
        return memberBody(name: j, from: i, isClass: false)
    }

    /// `get name()` / `set name(v)`: accessors are not functions for the rules.
    private func isAccessor(_ j: Int) -> Bool {
        guard stream.isWord(j, "get") || stream.isWord(j, "set"), let next = stream.kind(j + 1) else { return false }
        return next == .identifier || next == .string || next == .lBracket
    }

    /// After a member name: `?`/`!`, type parameters, then `(params) [: type] {`, `= value` or
    /// (classes) `: type = value`, (objects) `: value`.
    private mutating func memberBody(name: Int, from i: Int, isClass: Bool) -> Int {
        var k = name + 1
        if stream.isOperator(k, "?") || stream.isOperator(k, "!") { k += 1 }
        if stream.isOperator(k, "<") { k = stream.angleBracketsEnd(from: k, inExpression: false) ?? k + 1 }
        if stream.kind(k) == .lParen {
            guard let close = stream.closer(of: k) else { return advance(from: i, to: k) }
            guard let brace = bodyBrace(afterParameters: close) else { return advance(from: i, to: close + 1) }
            record(nameToken: name, kind: .method, body: .brace(brace))
            return advance(from: i, to: brace)
        }
        if isClass, stream.kind(k) == .colon { k = skipType(from: k + 1) }
        if stream.kind(k) == .equal || (!isClass && stream.kind(k) == .colon) {
            return value(at: k + 1, nameToken: name, kind: .method, from: i)
        }
        return advance(from: i, to: k)
    }

    /// `@name.chain(args)`: the index after it.
    private func skipDecorator(_ at: Int) -> Int {
        var k = at + 1
        guard stream.kind(k) == .identifier else { return k }
        k += 1
        while stream.kind(k) == .dot, stream.kind(k + 1) == .identifier { k += 2 }
        if stream.kind(k) == .lParen, let close = stream.closer(of: k) { k = close + 1 }
        return k
    }

    // MARK: - Function values

    /// The body of the function that is the expression at `v`: an arrow function (optionally
    /// `async`, generic, with a return type), a function expression, or, with `allowCall`, a call
    /// whose first argument is one of those.
    func functionValue(at v: Int, allowCall: Bool) -> Body? {
        var j = v
        if stream.isWord(j, "async"), stream.kind(j + 1) != .arrow { j += 1 }
        if stream.isWord(j, "function") {
            j += 1
            if stream.kind(j) == .star { j += 1 }
            if stream.kind(j) == .identifier { j += 1 }
            if stream.isOperator(j, "<") { j = stream.angleBracketsEnd(from: j, inExpression: false) ?? j + 1 }
            guard stream.kind(j) == .lParen, let close = stream.closer(of: j), let brace = bodyBrace(afterParameters: close)
            else { return nil }
            return .brace(brace)
        }
        if stream.isOperator(j, "<") { j = stream.angleBracketsEnd(from: j, inExpression: false) ?? j + 1 }
        if stream.kind(j) == .lParen, let close = stream.closer(of: j) {
            var k = close + 1
            if stream.kind(k) == .colon { k = skipType(from: k + 1) }
            if stream.kind(k) == .arrow { return arrowBody(k + 1) }
        } else if stream.kind(j) == .identifier, stream.kind(j + 1) == .arrow {
            return arrowBody(j + 2)
        }
        guard allowCall, stream.kind(v) == .identifier, !stream.isWord(v, "new") else { return nil }
        var k = v + 1
        while stream.kind(k) == .dot, stream.kind(k + 1) == .identifier { k += 2 }
        if stream.isOperator(k, "<") { k = stream.angleBracketsEnd(from: k, inExpression: false) ?? k + 1 }
        guard stream.kind(k) == .lParen else { return nil }
        return functionValue(at: k + 1, allowCall: false)
    }

    private func arrowBody(_ b: Int) -> Body? {
        guard b < stream.count else { return nil }
        if stream.kind(b) == .lBrace { return .brace(b) }
        return .expression(b, expressionEnd(from: b))
    }

    /// The `{` of a body after the parameter list closing at `close`, past a return type.
    func bodyBrace(afterParameters close: Int) -> Int? {
        var k = close + 1
        if stream.kind(k) == .colon { k = skipType(from: k + 1) }
        return stream.kind(k) == .lBrace ? k : nil
    }

    // MARK: - Skipping

    /// A type annotation starting at `start`: the index of the first token after it (`=`, `=>`,
    /// the body `{`, `;`, `,`, a closing bracket, or the start of the next line's member).
    func skipType(from start: Int) -> Int {
        var k = start
        let limit = min(stream.count, start + 512)
        while k < limit {
            let kind = stream.tokens[k].kind
            switch kind {
            case .lParen, .lBracket:
                guard let close = stream.closer(of: k) else { return k }
                k = close + 1
                continue
            case .lBrace:
                // An object type right after `:`, `|`, `&`, `<`, `,`, `=>`; otherwise the body.
                let previous = stream.kind(k - 1)
                guard k == start || previous == .arrow || previous == .comma
                    || stream.isOperator(k - 1, "|") || stream.isOperator(k - 1, "&") || stream.isOperator(k - 1, "<"),
                    let close = stream.closer(of: k) else { return k }
                k = close + 1
                continue
            case .equal, .arrow, .semicolon, .comma, .rParen, .rBracket, .rBrace:
                return k
            case .operator where stream.isOperator(k, "<"):
                k = stream.angleBracketsEnd(from: k, inExpression: false) ?? k + 1
                continue
            default:
                if k > start, stream.tokens[k].newlineBefore, kind == .identifier || kind == .at,
                   !stream.isOperator(k - 1, "|") && !stream.isOperator(k - 1, "&") && stream.kind(k - 1) != .colon
                {
                    return k
                }
            }
            k += 1
        }
        return k
    }

    /// The last token of the expression starting at `b`: before a `;`, `,` or unbalanced closing
    /// bracket, or a line break that does not continue the expression.
    func expressionEnd(from b: Int) -> Int {
        var depth = 0
        var k = b
        var last = b
        while k < stream.count {
            let kind = stream.tokens[k].kind
            if depth == 0, k > b {
                switch kind {
                case .semicolon, .comma, .rParen, .rBracket, .rBrace: return last
                default: break
                }
                if stream.tokens[k].newlineBefore, !stream.continuesLine(k) { return last }
            }
            switch kind {
            case .lParen, .lBracket, .lBrace, .templateHead: depth += 1
            case .rParen, .rBracket, .rBrace, .templateTail: depth -= 1
            default: break
            }
            last = k
            k += 1
        }
        return last
    }


    // MARK: - Positions

    /// Start of a statement in a block: after `;`, `{`, `}`, or on a new line that does not
    /// continue the previous one, outside parentheses opened in the block.
    func atStatementStart(_ i: Int) -> Bool {
        guard parenDepth == (frames.last?.parenDepth ?? 0) else { return false }
        guard i > 0 else { return true }
        switch stream.tokens[i - 1].kind {
        case .semicolon, .lBrace, .rBrace: return true
        default: return stream.tokens[i].newlineBefore && !stream.continuesLine(i)
        }
    }

    /// Start of a class member (decorators included).
    func atMemberStart(_ i: Int) -> Bool { atStatementStart(i) || (stream.kind(i - 1) == .rParen && stream.kind(i) == .at) }

    /// Start of an object-literal member: after the `{` or a `,` of the object itself.
    func atObjectMemberStart(_ i: Int) -> Bool {
        guard parenDepth == (frames.last?.parenDepth ?? 0) else { return false }
        let previous = stream.kind(i - 1)
        return previous == .lBrace || previous == .comma
    }

    // MARK: - Classes and types

    /// `class [Name] [<T>] [extends X<{...}>] [implements Y] {`: marks the body brace.
    mutating func markClassBody(_ keyword: Int, name: String?) {
        var name = name
        if stream.kind(keyword + 1) == .identifier, !stream.isWord(keyword + 1, "extends"), !stream.isWord(keyword + 1, "implements") {
            name = stream.text(keyword + 1)
        }
        if let brace = headerBrace(after: keyword) { mark(brace, .classBody(name ?? "")) }
    }

    /// `interface Name ... {`, `enum Name {`: marks the body brace as a type.
    mutating func markTypeBody(after keyword: Int) {
        guard stream.kind(keyword + 1) == .identifier, let brace = headerBrace(after: keyword) else { return }
        mark(brace, .type)
    }

    /// The first `{` after a class or interface keyword that is not inside type arguments.
    private func headerBrace(after keyword: Int) -> Int? {
        var k = keyword + 1
        let limit = min(stream.count, keyword + 256)
        while k < limit {
            switch stream.tokens[k].kind {
            case .lBrace: return k
            case .lParen: if let close = stream.closer(of: k) { k = close }
            case .semicolon: return nil
            case .operator where stream.isOperator(k, "<"):
                k = stream.angleBracketsEnd(from: k, inExpression: false) ?? k + 1
                continue
            default: break
            }
            k += 1
        }
        return nil
    }
}
