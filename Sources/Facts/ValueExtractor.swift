import Lexing
import Model

/// Extracts `ValueFacts`: one forward pass over the code tokens that keeps a stack of open
/// brackets (what each one is: call, list, dict, block, class or function body) and of class and
/// function scopes, and looks closely only at string literals, `=` signs and member names.
enum ValueExtractor {
    static func extract(_ stream: TokenStream, facts: FileFacts) -> ValueFacts {
        var scanner = ValueScanner(stream: stream, facts: facts)
        scanner.run()
        scanner.addCallDefaults()
        return scanner.finish()
    }
}

/// The state of the pass. Extensions add literals, assignment targets and settings reads.
struct ValueScanner {
    /// What an open bracket is.
    enum OpenKind: UInt8 {
        /// `f(` — a call's arguments (JS also `new F(`).
        case call
        /// `def f(`, `function f(` — parameters.
        case params
        /// `(` of a grouping, tuple, condition or arrow parameter list.
        case group
        /// `x[` — a subscript.
        case `subscript`
        /// `[` of a list or array display.
        case list
        /// `{` of a Python dict/set display or a JS object literal.
        case dict
        /// `{` of a JS block (or anything not known to be an object).
        case block
        case classBody
        case functionBody
        /// An f-string or template literal substitution.
        case template
    }

    struct Open {
        var index: Int
        var kind: OpenKind
        /// The scope this bracket opened (class or function body), or -1.
        var scope: Int32
    }

    let stream: TokenStream
    let language: Language
    let facts: FileFacts
    var values = ValueFacts()
    var opens: [Open] = []
    /// Open class and function scopes, innermost last (indices into `values.scopes`).
    var scopeStack: [Int32] = []
    /// Python: for each open indented block, whether it opened a scope.
    var indentOpensScope: [Bool] = []
    /// Python: a `class`/`def` whose block has not started yet.
    var pendingScope: Int32 = -1
    /// TypeScript: a `class` whose body `{` has not been seen (its bracket depth and name).
    var pendingClassDepth = -1
    var pendingClassName = ""
    /// TypeScript: a `)` followed by `:` (a return type): a `{` at this depth is a function body.
    var pendingFunctionDepth = -1
    /// TypeScript: the last `)` closed and its `(`.
    var lastClose = -1
    var lastCloseOpen = -1
    /// The last statement-level `=` and its target, reused when its value is a literal.
    var lastEqual = -1
    var lastTarget: TargetInfo?

    init(stream: TokenStream, facts: FileFacts) {
        self.stream = stream
        self.language = facts.language
        self.facts = facts
    }

    mutating func run() {
        let count = stream.count
        var i = 0
        while i < count {
            switch stream.tokens[i].kind {
            case .lParen, .lBracket, .lBrace, .templateHead: open(i)
            case .rParen, .rBracket, .rBrace, .templateTail: close(i)
            case .string: literal(i)
            case .equal: equal(i)
            case .identifier: identifier(i)
            case .indent: indent()
            case .dedent: dedent(i)
            case .newline: newline(i)
            case .semicolon, .comma: pendingFunctionDepth = -1
            default: break
            }
            i += 1
        }
        let end = Int32(truncatingIfNeeded: stream.bytes.count)
        for scope in scopeStack where values.scopes[Int(scope)].end < 0 { values.scopes[Int(scope)].end = end }
        if pendingScope >= 0, values.scopes[Int(pendingScope)].end < 0 { values.scopes[Int(pendingScope)].end = end }
    }

    /// The innermost open function scope, or -1 (module or class level).
    var currentFunction: Int32 {
        guard let top = scopeStack.last, values.scopes[Int(top)].kind == .function else { return -1 }
        return top
    }

    /// Whether statements here are directly in a class body (Python: blocks such as
    /// `if TYPE_CHECKING:` inside the body count; TS: the class body's own brace).
    var isClassLevel: Bool {
        guard let top = scopeStack.last, values.scopes[Int(top)].kind == .classBody else { return false }
        return language == .python ? opens.isEmpty : opens.last?.kind == .classBody
    }

    // MARK: - Identifiers

    private mutating func identifier(_ i: Int) {
        let before = stream.kind(i - 1)
        if before == .dot || before == .questionDot {
            attributeRead(i)
            return
        }
        switch language {
        case .python:
            guard before == nil || before == .newline || before == .indent || before == .dedent || stream.isWord(i - 1, "async")
            else { return }
            if stream.isWord(i, "def") {
                pythonDefinition(i, kind: .function)
            } else if stream.isWord(i, "class") {
                pythonDefinition(i, kind: .classBody)
            } else if isClassLevel, stream.kind(i + 1) == .colon || stream.kind(i + 1) == .equal {
                fieldDeclaration(i)
            }
        case .typescript:
            if stream.isWord(i, "class"), stream.kind(i + 1) != .colon {
                pendingClassDepth = opens.count
                pendingClassName = stream.kind(i + 1) == .identifier && !stream.isWord(i + 1, "extends")
                    && !stream.isWord(i + 1, "implements") ? stream.text(i + 1) : ""
            }
        }
    }

    // MARK: - Brackets

    private mutating func open(_ i: Int) {
        var kind: OpenKind
        switch stream.tokens[i].kind {
        case .lParen: kind = parenKind(i)
        case .lBracket: kind = bracketKind(i)
        case .lBrace: kind = language == .python ? .dict : braceKind(i)
        default: kind = .template
        }
        var scope: Int32 = -1
        if kind == .classBody || kind == .functionBody {
            scope = addScope(kind == .classBody ? .classBody : .function, start: Int(stream.tokens[i].start),
                             name: kind == .classBody ? pendingClassName : "")
            scopeStack.append(scope)
            if kind == .classBody { pendingClassDepth = -1 }
        }
        if kind == .classBody || kind == .functionBody || kind == .block || kind == .dict { pendingFunctionDepth = -1 }
        opens.append(Open(index: i, kind: kind, scope: scope))
    }

    private mutating func close(_ i: Int) {
        guard let open = opens.popLast() else { return }
        if open.scope >= 0 {
            values.scopes[Int(open.scope)].end = stream.tokens[i].end
            if scopeStack.last == open.scope { scopeStack.removeLast() }
        }
        guard language == .typescript, stream.tokens[i].kind == .rParen else { return }
        lastClose = i
        lastCloseOpen = open.index
        if stream.kind(i + 1) == .colon, open.kind == .params || isCallableHead(open.index - 1) {
            pendingFunctionDepth = opens.count
        }
    }

    /// Python `(`: parameters after `def name`, a call after a name or a closing bracket,
    /// otherwise a grouping or tuple. TS: the same, with `function` and generic `>(`.
    private func parenKind(_ i: Int) -> OpenKind {
        let before = stream.kind(i - 1)
        if language == .python {
            if before == .identifier, stream.isWord(i - 2, "def") { return .params }
        } else if stream.isWord(i - 1, "function") || (before == .identifier && stream.isWord(i - 2, "function")) {
            return .params
        }
        switch before {
        case .identifier: return isKeyword(i - 1) ? .group : .call
        case .rParen, .rBracket, .questionDot: return .call
        case .string: return language == .python ? .call : .group
        case .operator: return language == .typescript && stream.isOperator(i - 1, ">") ? .call : .group
        default: return .group
        }
    }

    private func bracketKind(_ i: Int) -> OpenKind {
        switch stream.kind(i - 1) {
        case .identifier: return isKeyword(i - 1) ? .list : .subscript
        case .rParen, .rBracket, .string, .templateTail: return .subscript
        case .rBrace: return language == .python ? .subscript : .list
        default: return .list
        }
    }

    /// TS `{`: a class body, a function body (after `=>`, a parameter list or a return type), an
    /// object literal (where an expression is expected), or a block.
    private func braceKind(_ i: Int) -> OpenKind {
        if pendingClassDepth == opens.count { return .classBody }
        let before = stream.kind(i - 1)
        if before == .arrow { return .functionBody }
        if before == .rParen, lastClose == i - 1 {
            return stream.isWord(lastCloseOpen - 1, "function") || isCallableHead(lastCloseOpen - 1) ? .functionBody : .block
        }
        if pendingFunctionDepth == opens.count { return .functionBody }
        switch before {
        case .colon:
            let outer = opens.last?.kind
            return outer == nil || outer == .block || outer == .classBody || outer == .functionBody ? .block : .dict
        case .equal, .lParen, .comma, .lBracket, .templateHead, .templateMiddle, .operator: return .dict
        case .identifier:
            return stream.isWord(i - 1, "return") || stream.isWord(i - 1, "default") || stream.isWord(i - 1, "yield")
                || stream.isWord(i - 1, "await") ? .dict : .block
        default: return .block
        }
    }

    /// Whether token `k` (before a `(`) names something callable rather than a control keyword.
    private func isCallableHead(_ k: Int) -> Bool {
        switch stream.kind(k) {
        case .identifier: return !isKeyword(k)
        case .operator: return stream.isOperator(k, ">")
        default: return false
        }
    }

    /// Keywords that may precede `(` or `[` without making a call or subscript.
    func isKeyword(_ k: Int) -> Bool {
        guard stream.kind(k) == .identifier else { return false }
        let length = stream.tokens[k].length
        guard length >= 2, length <= 10 else { return false }
        switch language {
        case .python:
            return stream.isWord(k, "in") || stream.isWord(k, "if") || stream.isWord(k, "or") || stream.isWord(k, "and")
                || stream.isWord(k, "not") || stream.isWord(k, "is") || stream.isWord(k, "elif") || stream.isWord(k, "return")
                || stream.isWord(k, "while") || stream.isWord(k, "assert") || stream.isWord(k, "yield") || stream.isWord(k, "await")
                || stream.isWord(k, "else") || stream.isWord(k, "for") || stream.isWord(k, "with") || stream.isWord(k, "del")
                || stream.isWord(k, "lambda") || stream.isWord(k, "except") || stream.isWord(k, "raise") || stream.isWord(k, "from")
        case .typescript:
            return stream.isWord(k, "if") || stream.isWord(k, "for") || stream.isWord(k, "while") || stream.isWord(k, "switch")
                || stream.isWord(k, "catch") || stream.isWord(k, "with") || stream.isWord(k, "return") || stream.isWord(k, "typeof")
                || stream.isWord(k, "in") || stream.isWord(k, "of") || stream.isWord(k, "await") || stream.isWord(k, "yield")
                || stream.isWord(k, "case") || stream.isWord(k, "void") || stream.isWord(k, "delete") || stream.isWord(k, "throw")
                || stream.isWord(k, "else") || stream.isWord(k, "do") || stream.isWord(k, "instanceof")
        }
    }

    // MARK: - Scopes

    mutating func addScope(_ kind: ValueScope.Kind, start: Int, name: String, bases: [String] = []) -> Int32 {
        let index = Int32(values.scopes.count)
        values.scopes.append(ValueScope(kind: kind, start: Int32(truncatingIfNeeded: start), end: -1,
                                        parent: scopeStack.last ?? -1, name: name, bases: bases))
        return index
    }

    /// Python `def name(...)` / `class Name(bases):` at token `keyword`: the scope starts now and
    /// opens at the next indented block; parameters hide outer constants.
    private mutating func pythonDefinition(_ keyword: Int, kind: ValueScope.Kind) {
        guard stream.kind(keyword + 1) == .identifier else { return }
        let start = Int(stream.tokens[stream.isWord(keyword - 1, "async") ? keyword - 1 : keyword].start)
        if kind == .classBody {
            pendingScope = addScope(.classBody, start: start, name: stream.text(keyword + 1), bases: classBases(keyword + 2))
        } else {
            pendingScope = addScope(.function, start: start, name: "")
            parameterKills(open: keyword + 2, function: pendingScope)
        }
    }

    private mutating func indent() {
        if pendingScope >= 0 {
            scopeStack.append(pendingScope)
            indentOpensScope.append(true)
            pendingScope = -1
        } else {
            indentOpensScope.append(false)
        }
    }

    private mutating func dedent(_ i: Int) {
        guard let opened = indentOpensScope.popLast(), opened, let scope = scopeStack.popLast() else { return }
        values.scopes[Int(scope)].end = stream.tokens[i].start
    }

    /// A `def`/`class` whose line ends without an indented block is a one-liner.
    private mutating func newline(_ i: Int) {
        guard pendingScope >= 0, stream.kind(i + 1) != .indent else { return }
        values.scopes[Int(pendingScope)].end = stream.tokens[i].end
        pendingScope = -1
    }
}
