import Lexing
import Model

/// Finds TypeScript / JavaScript function definitions in one pass over the tokens, with a stack
/// of brace frames that says whether a token is in a block, a class body, an object literal or a
/// type (interface, type alias), so that members are recognised where they can occur.
///
/// Recognised: `function f`, class methods (modifiers, decorators, generics; getters and setters
/// excluded), class properties and object properties whose value is a function, object-literal
/// methods, `const|let|var f = <function>`, `a.b.f = <function>` at the start of a statement.
/// A `<function>` is an arrow function, a function expression, or a call whose first argument is
/// one (`useCallback(async (t) => {...}, [])`). Signatures without a body are not functions.
struct TypeScriptDefinitions {
    let stream: TokenStream
    var result: [FunctionDefinition] = []

    enum FrameKind { case block, classBody, object, type, function }

    struct Frame {
        var kind: FrameKind
        /// Class, object or function name for qualified names.
        var name: String?
        /// The scope path of this frame (see `ScopePath`), set when it is pushed.
        var path = ""
        /// `parenDepth` when the brace opened.
        var parenDepth: Int
        /// Index in `result` of the function whose body this is.
        var definition: Int
    }

    /// What a brace found ahead of time opens.
    enum Mark {
        case function(Int)
        case classBody(String?)
        case type
        case object(String)
    }

    var frames: [Frame] = []
    /// Braces ahead of the main loop that are known to open something (few at a time: a mark is
    /// consumed soon after it is made).
    var marks: [(brace: Int, mark: Mark)] = []
    /// Open parentheses and brackets.
    var parenDepth = 0

    init(_ stream: TokenStream) { self.stream = stream }

    mutating func scan() -> [FunctionDefinition] {
        var i = 0
        let count = stream.count
        while i < count {
            switch stream.tokens[i].kind {
            case .lBrace:
                pushBrace(i)
                i += 1
            case .rBrace:
                popBrace(i)
                i += 1
            case .lParen, .lBracket:
                parenDepth += 1
                i += 1
            case .rParen, .rBracket:
                parenDepth = max(0, parenDepth - 1)
                i += 1
            case .identifier:
                i = identifier(i)
            case .at, .star, .string:
                i = frames.last?.kind == .classBody && atMemberStart(i) ? classMember(i) : i + 1
            default:
                i += 1
            }
        }
        for frame in frames where frame.kind == .function { result[frame.definition].bodyLast = count - 1 }
        return result.filter { $0.bodyFirst <= $0.bodyLast }
    }

    // MARK: - Frames

    private mutating func pushBrace(_ i: Int) {
        var frame = Frame(kind: .block, name: nil, parenDepth: parenDepth, definition: -1)
        if !marks.isEmpty, let mark = takeMark(i) {
            switch mark {
            case .function(let definition):
                frame.kind = .function
                frame.definition = definition
                frame.name = result[definition].name
            case .classBody(let name):
                frame.kind = .classBody
                frame.name = name
            case .type:
                frame.kind = .type
            case .object(let name):
                frame.kind = .object
                frame.name = name
            }
        } else if frames.last?.kind == .type {
            frame.kind = .type
        } else if opensObject(i) {
            frame.kind = .object
        }
        frame.path = ScopePath.appending(frame.name, to: frames.last?.path ?? "")
        frames.append(frame)
    }

    /// The mark of the brace at `i`, removed; marks left behind the main loop are dropped.
    private mutating func takeMark(_ i: Int) -> Mark? {
        var found: Mark?
        var k = marks.count - 1
        while k >= 0 {
            if marks[k].brace == i {
                found = marks[k].mark
                marks.remove(at: k)
            } else if marks[k].brace < i {
                marks.remove(at: k)
            }
            k -= 1
        }
        return found
    }

    mutating func mark(_ brace: Int, _ mark: Mark) {
        marks.removeAll { $0.brace == brace }
        marks.append((brace, mark))
    }

    private mutating func popBrace(_ i: Int) {
        guard let frame = frames.popLast() else { return }
        parenDepth = frame.parenDepth
        if frame.kind == .function { result[frame.definition].bodyLast = i }
    }

    /// Whether the `{` at `i` starts an object literal (an expression) rather than a block.
    private func opensObject(_ i: Int) -> Bool {
        switch stream.kind(i - 1) {
        case .equal, .lParen, .comma, .lBracket, .questionDot:
            return true
        case .colon:
            return frames.last?.kind == .object
        case .operator:
            return true
        case .identifier:
            return stream.isWord(i - 1, "return") || stream.isWord(i - 1, "yield") || stream.isWord(i - 1, "await")
                || stream.isWord(i - 1, "typeof") || stream.isWord(i - 1, "in") || stream.isWord(i - 1, "of")
        default:
            return false
        }
    }

    /// The dotted names of the classes, objects and functions around this point.
    func scope() -> String {
        frames.last?.path ?? ""
    }

    // MARK: - Identifiers

    private mutating func identifier(_ i: Int) -> Int {
        if stream.kind(i - 1) == .dot || stream.kind(i - 1) == .questionDot { return i + 1 }
        let top = frames.last?.kind
        switch top {
        case .type:
            return i + 1
        case .classBody:
            if atMemberStart(i) { return classMember(i) }
        case .object:
            if atObjectMemberStart(i) { return objectMember(i) }
        default:
            break
        }
        let token = stream.tokens[i]
        switch token.length {
        case 3 where stream.isWord(i, "let") || stream.isWord(i, "var"):
            return declaration(i)
        case 4 where stream.isWord(i, "type"):
            if let next = typeAlias(i) { return next }
        case 4 where stream.isWord(i, "enum"):
            markTypeBody(after: i)
            return i + 1
        case 5 where stream.isWord(i, "const"):
            return declaration(i)
        case 5 where stream.isWord(i, "class"):
            markClassBody(i, name: nil)
            return i + 1
        case 8 where stream.isWord(i, "function"):
            return functionKeyword(i)
        case 9 where stream.isWord(i, "interface"):
            markTypeBody(after: i)
            return i + 1
        default:
            break
        }
        if top != .classBody, top != .object, stream.kind(i + 1) == .equal || stream.kind(i + 1) == .dot,
           atStatementStart(i)
        {
            return assignment(i)
        }
        return i + 1
    }

    /// `function [*] [name] [<T>] (params) [: type] {`.
    private mutating func functionKeyword(_ i: Int) -> Int {
        var j = i + 1
        if stream.kind(j) == .star { j += 1 }
        let nameToken = stream.kind(j) == .identifier ? j : nil
        if nameToken != nil { j += 1 }
        if stream.isOperator(j, "<") { j = stream.angleBracketsEnd(from: j, inExpression: false) ?? j + 1 }
        guard stream.kind(j) == .lParen, let close = stream.closer(of: j), let brace = bodyBrace(afterParameters: close),
              let nameToken else { return i + 1 }
        record(nameToken: nameToken, kind: .function, body: .brace(brace))
        return advance(from: i, to: brace)
    }

    /// `const|let|var name [!] [: type] = value`: a function value or a named object literal.
    private mutating func declaration(_ i: Int) -> Int {
        let name = i + 1
        guard stream.kind(name) == .identifier else { return i + 1 }
        var k = name + 1
        if stream.isOperator(k, "!") { k += 1 }
        if stream.kind(k) == .colon { k = skipType(from: k + 1) }
        guard stream.kind(k) == .equal else { return advance(from: i, to: k) }
        return value(at: k + 1, nameToken: name, kind: .assigned, from: i)
    }

    /// `a.b.name = value` at the start of a statement.
    private mutating func assignment(_ i: Int) -> Int {
        var last = i
        while stream.kind(last + 1) == .dot, stream.kind(last + 2) == .identifier { last += 2 }
        guard stream.kind(last + 1) == .equal else { return i + 1 }
        return value(at: last + 2, nameToken: last, kind: .assigned, from: i)
    }

    /// Records the function (or marks the object literal, or the class expression) that is the
    /// value at `v`, named by `nameToken`; returns where the main loop continues.
    mutating func value(at v: Int, nameToken: Int, kind: FunctionFact.Kind, from i: Int) -> Int {
        if stream.kind(v) == .lBrace {
            // `module.exports = {...}` / `exports = {...}`: the module itself, no scope name.
            mark(v, .object(stream.isWord(nameToken, "exports") ? "" : stream.text(nameToken)))
            return advance(from: i, to: v)
        }
        if stream.isWord(v, "class") {
            markClassBody(v, name: stream.text(nameToken))
            return advance(from: i, to: v + 1)
        }
        guard let body = functionValue(at: v, allowCall: true) else { return advance(from: i, to: v) }
        record(nameToken: nameToken, kind: kind, body: body)
        return advance(from: i, to: body.first)
    }

    /// `type Name<T> = ...`: the whole type is skipped (object types in it have no functions).
    private mutating func typeAlias(_ i: Int) -> Int? {
        guard stream.kind(i + 1) == .identifier else { return nil }
        var k = i + 2
        if stream.isOperator(k, "<") { k = stream.angleBracketsEnd(from: k, inExpression: false) ?? k + 1 }
        guard stream.kind(k) == .equal else { return nil }
        return advance(from: i, to: expressionEnd(from: k + 1) + 1)
    }

    // MARK: - Recording

    enum Body {
        case brace(Int)
        case expression(Int, Int)

        var first: Int {
            switch self {
            case .brace(let brace): return brace
            case .expression(let first, _): return first
            }
        }
    }

    mutating func record(nameToken: Int, kind: FunctionFact.Kind, body: Body) {
        let name = stream.kind(nameToken) == .string
            ? (stream.stringValue(nameToken, language: .typescript) ?? "") : stream.text(nameToken)
        var definition = FunctionDefinition(name: name, scope: scope(), kind: kind, nameToken: nameToken,
                                            bodyFirst: body.first, bodyLast: -1)
        switch body {
        case .brace(let brace):
            mark(brace, .function(result.count))
        case .expression(_, let last):
            definition.bodyLast = last
        }
        result.append(definition)
    }

    /// Moves the main loop from `i` to `target`, keeping `parenDepth` right for the skipped
    /// tokens (braces in them are balanced: parameter lists and types).
    mutating func advance(from i: Int, to target: Int) -> Int {
        var k = i
        while k < target, k < stream.count {
            switch stream.tokens[k].kind {
            case .lParen, .lBracket: parenDepth += 1
            case .rParen, .rBracket: parenDepth = max(0, parenDepth - 1)
            default: break
            }
            k += 1
        }
        return max(target, i + 1)
    }
}
