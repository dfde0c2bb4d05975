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
        var values = scanner.finish()
        nameReturnValues(&values, facts: facts)
        return values
    }

    /// Gives each `return "x"` literal the name of the function it returns from (one sweep:
    /// literals and functions are both in source order); one outside any function is dropped.
    static func nameReturnValues(_ values: inout ValueFacts, facts: FileFacts) {
        let returned = values.literals.indices.filter { values.literals[$0].target?.kind == .returnValue }
        guard !returned.isEmpty else { return }
        let starts = returned.map { values.literals[$0].range.start }
        let owners = facts.innermostFunctions(containing: starts)
        var unnamed: [Int] = []
        for (index, owner) in zip(returned, owners) {
            if owner >= 0 { values.literals[index].target?.name = facts.functions[owner].name } else { unnamed.append(index) }
        }
        for index in unnamed { values.literals[index].target = nil }
    }
}

/// The state of the pass. Extensions add literals, assignment targets and settings reads.
///
/// Its methods are `mutating` and ask `tokens` (which has no state) every token-level question:
/// a non-mutating method of this large struct would be handed a copy of it on every call.
struct ValueScanner {
    typealias Open = ValueTokens.Open
    typealias OpenKind = ValueTokens.OpenKind

    let tokens: ValueTokens
    let stream: TokenStream
    let language: Language
    let bindings: [String: String]
    let calls: [CallFact]
    var values = ValueFacts()
    var opens: [Open] = []
    /// Open class and function scopes, innermost last (indices into `values.scopes`).
    var scopeStack: [Int32] = []
    /// Whether the innermost open scope is a class body (kept in step with `scopeStack`).
    var scopeIsClass: [Bool] = []
    /// Python: for each open indented block, whether it opened a scope.
    var indentOpensScope: [Bool] = []
    /// Python: a `class`/`def` whose block has not started yet.
    var pendingScope: Int32 = -1
    /// TypeScript: a `class`/`enum` whose body `{` has not been seen (its bracket depth and name).
    var pendingClassDepth = -1
    var pendingClassName = ""
    /// TypeScript: a `)` followed by `:` (a return type): a `{` at this depth is a function body.
    var pendingFunctionDepth = -1
    /// TypeScript: the last `)` closed and its `(`.
    var lastClose = -1
    var lastCloseOpen = -1
    /// Assignments whose value is not known to be a literal, and Python parameter lists: they
    /// make names unknown again, which matters only if the file assigns some literal to a name,
    /// so `finish()` resolves them only then.
    var pendingKills: [PendingKill] = []

    init(stream: TokenStream, facts: FileFacts) {
        tokens = ValueTokens(stream: stream, language: facts.language)
        self.stream = stream
        language = facts.language
        bindings = facts.bindings
        calls = facts.calls
    }

    /// Token kinds the pass looks at; everything else (`.`, `,` inside expressions, numbers,
    /// operators, ...) is skipped with one predictable test.
    private static let interesting: UInt64 = {
        let kinds: [TokenKind] = [.lParen, .lBracket, .lBrace, .templateHead, .rParen, .rBracket, .rBrace, .templateTail,
                                  .string, .equal, .identifier, .indent, .dedent, .newline, .semicolon, .comma]
        return kinds.reduce(0) { $0 | (1 << UInt64($1.rawValue)) }
    }()

    mutating func run() {
        let count = stream.count
        let interesting = Self.interesting
        var i = 0
        while i < count {
            let kind = stream.tokens[i].kind
            if interesting & (1 << UInt64(kind.rawValue)) == 0 {
                i += 1
                continue
            }
            switch kind {
            case .lParen, .lBracket, .lBrace, .templateHead: open(i)
            case .rParen, .rBracket, .rBrace, .templateTail: close(i)
            case .string: literal(i)
            case .equal: equal(i)
            case .identifier: if mayMatter(i) { identifier(i) }
            case .indent: indent()
            case .dedent: dedent(i)
            case .newline: if pendingScope >= 0 { newline(i) }
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
    @inline(__always)
    var currentFunction: Int32 {
        guard let top = scopeStack.last, scopeIsClass.last == false else { return -1 }
        return top
    }

    /// Whether statements here are directly in a class body (Python: blocks such as
    /// `if TYPE_CHECKING:` inside the body count; TS: the class body's own brace).
    @inline(__always)
    var isClassLevel: Bool {
        guard scopeIsClass.last == true else { return false }
        return language == .python ? opens.isEmpty : opens.last?.kind == .classBody
    }

    // MARK: - Identifiers

    /// A cheap filter before `identifier(_:)`: an upper-case member name or one long enough to
    /// mention `secret`, a name at the start of a Python statement, or a TS word as long as
    /// `class`/`enum`.
    @inline(__always)
    private func mayMatter(_ i: Int) -> Bool {
        let token = stream.tokens[i]
        let before = i > 0 ? stream.tokens[i - 1].kind : .newline
        if before == .dot || before == .questionDot {
            let first = stream.bytes[Int(token.start)]
            return (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")) || token.length >= 6
        }
        switch language {
        case .python: return before == .newline || before == .indent || before == .dedent || token.length == 3
        case .typescript: return token.length == 4 || token.length == 5
        }
    }

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
            // An `enum` body is recorded like a class body: its members are class fields.
            if stream.isWord(i, "class") || (stream.isWord(i, "enum") && stream.kind(i + 1) == .identifier),
               stream.kind(i + 1) != .colon {
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
        case .lParen:
            kind = tokens.parenKind(i)
        case .lBracket:
            kind = tokens.bracketKind(i)
        case .lBrace where language == .python:
            kind = .dict
        case .lBrace:
            if pendingClassDepth == opens.count, tokens.mayOpenClassBody(i) {
                kind = .classBody
            } else {
                kind = tokens.braceKind(i, lastClose: lastClose, lastCloseOpen: lastCloseOpen,
                                        afterReturnType: pendingFunctionDepth == opens.count, outer: opens.last?.kind)
            }
        default:
            kind = .template
        }
        var scope: Int32 = -1
        if kind == .classBody || kind == .functionBody {
            scope = addScope(kind == .classBody ? .classBody : .function, start: Int(stream.tokens[i].start),
                             name: kind == .classBody ? pendingClassName : "")
            pushScope(scope, isClass: kind == .classBody)
            if kind == .classBody { pendingClassDepth = -1 }
        }
        if kind == .classBody || kind == .functionBody || kind == .block || kind == .dict { pendingFunctionDepth = -1 }
        opens.append(Open(index: i, kind: kind, scope: scope))
    }

    private mutating func close(_ i: Int) {
        guard let open = opens.popLast() else { return }
        if open.scope >= 0 {
            values.scopes[Int(open.scope)].end = stream.tokens[i].end
            if scopeStack.last == open.scope { popScope() }
        }
        guard language == .typescript, stream.tokens[i].kind == .rParen else { return }
        lastClose = i
        lastCloseOpen = open.index
        if stream.kind(i + 1) == .colon, open.kind == .params || tokens.isCallableHead(open.index - 1) {
            pendingFunctionDepth = opens.count
        }
    }

    // MARK: - Scopes

    private mutating func pushScope(_ scope: Int32, isClass: Bool) {
        scopeStack.append(scope)
        scopeIsClass.append(isClass)
    }

    @discardableResult
    private mutating func popScope() -> Int32? {
        scopeIsClass.removeLast()
        return scopeStack.popLast()
    }

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
            let bases = tokens.classBases(keyword + 2)
            pendingScope = addScope(.classBody, start: start, name: stream.text(keyword + 1), bases: bases)
        } else {
            pendingScope = addScope(.function, start: start, name: "")
            pendingKills.append(PendingKill(token: Int32(keyword + 2), function: pendingScope, classScope: -1, isParameters: true))
        }
    }

    private mutating func indent() {
        if pendingScope >= 0 {
            pushScope(pendingScope, isClass: values.scopes[Int(pendingScope)].kind == .classBody)
            indentOpensScope.append(true)
            pendingScope = -1
        } else {
            indentOpensScope.append(false)
        }
    }

    private mutating func dedent(_ i: Int) {
        guard let opened = indentOpensScope.popLast(), opened, !scopeStack.isEmpty, let scope = popScope() else { return }
        values.scopes[Int(scope)].end = stream.tokens[i].start
    }

    /// A `def`/`class` whose line ends without an indented block is a one-liner.
    private mutating func newline(_ i: Int) {
        guard pendingScope >= 0, stream.kind(i + 1) != .indent else { return }
        values.scopes[Int(pendingScope)].end = stream.tokens[i].end
        pendingScope = -1
    }
}
