import Lexing
import Model

/// Finds every call site and resolves its callee through the file's import bindings and the
/// values bound in the code (intraprocedural value flow).
///
/// A callee is a dotted chain `a.b.c` (JS also `a?.b`) directly followed by `(` (JS also by a
/// generic argument list `<T>(` or `?.(`); `new a.B(...)` counts as a call. Calls chained on a
/// call's result continue the chain with `()`: `get_auth().validate(t)` is `get_auth().validate`.
///
/// The head of a chain resolves through, in order:
/// 1. names bound in the enclosing function before the call (`v = jwt.verify` → `jwt.verify`;
///    `claims = jwt.decode(t)` → `jwt.decode()`; `const s = new SignJWT(c)` → `jose.SignJWT()`),
///    valid to the end of that function, nested functions included;
/// 2. attributes of the object (`self.codec = jwt`, `this.jwt = jwt`, a TypeScript constructor
///    parameter property `private jwtService: JwtService`), for the whole file;
/// 3. names bound at module level the same way, and the import bindings.
/// Every such binding (resolved or not) is also recorded as a `ValueBinding`, so rules can ask
/// where a value came from. One pass over the tokens, with a scoped table: linear.
struct CallResolver {
    let stream: TokenStream
    let bindings: [String: String]
    let language: Language
    let functions: [FunctionFact]

    /// `self.x` / `this.x` → what it is bound to (a resolved name or call result).
    private var attributes: [String: String] = [:]
    /// Names bound at module level (outside any function) to resolved values.
    private var moduleValues: [String: String] = [:]
    /// Function-local names: name → stack of (value, frame depth); undone when a frame closes.
    private var locals: [String: [(value: String, depth: Int)]] = [:]
    /// Per open frame, the names it bound (to undo on close).
    private var frames: [(function: Int, end: Int, names: [String])] = []
    private var nextFunction = 0
    /// An assignment whose value starts at `valueStart`, waiting for its value to be parsed: the
    /// names it binds, each with the member of the value it takes (`const { payload } = f()`
    /// binds `payload` to `f().payload`).
    private var pending: (names: [(name: String, member: String)], valueStart: Int, statementStart: Int)?
    private(set) var valueBindings: [ValueBinding] = []

    init(stream: TokenStream, bindings: [String: String], language: Language, functions: [FunctionFact] = []) {
        self.stream = stream
        self.bindings = bindings
        self.language = language
        self.functions = functions
    }

    /// `head.rest` with `head` replaced by its binding, or nil when the head is not bound.
    static func resolve(_ dotted: String, bindings: [String: String]) -> String? {
        guard let dot = dotted.utf8.firstIndex(of: UInt8(ascii: ".")) else { return bindings[dotted] }
        guard let bound = bindings[String(dotted[..<dot])] else { return nil }
        return bound + dotted[dot...]
    }

    mutating func resolve() -> [CallFact] {
        collectAttributes()
        var calls: [CallFact] = []
        var i = 0
        while i < stream.count {
            enterFrames(at: i)
            if stream.kind(i) == .identifier, let assignment = assignment(at: i) { pending = assignment }
            // `options = {"verify_signature": False}`: a name bound to an object literal.
            if stream.kind(i) == .lBrace, let target = pending, target.valueStart == i, let close = stream.closer(of: i) {
                let object = ArgumentValue.describe(stream, from: i, to: close, language: language)
                bindPending("{…}", resolved: nil, isCall: false, properties: object.properties)
            }
            guard stream.kind(i) == .identifier, isChainHead(i) else {
                i += 1
                continue
            }
            // Find the end of the chain without building strings: most chains are not calls.
            var j = i + 1
            while stream.kind(j) == .dot || stream.kind(j) == .questionDot, stream.kind(j + 1) == .identifier { j += 2 }
            let calleeEnd = j - 1
            var open = language == .typescript ? skipTypeArguments(from: j) : j
            if language == .typescript, stream.kind(open) == .questionDot { open += 1 }
            let isNew = language == .typescript && stream.isWord(i - 1, "new")
            let isValue = pending.map { $0.valueStart == (isNew ? i - 1 : i) } ?? false
            guard stream.kind(open) == .lParen || isNew else {
                if isValue, !stream.isWord(i, "new") {
                    bindPending(dotted(from: i), resolved: resolveChain(head: i, end: calleeEnd), isCall: false)
                }
                i = calleeEnd + 1
                continue
            }
            let head = stream.text(i)
            if stream.kind(open) == .lParen, calleeEnd == i, Self.keywords(language).contains(head) {
                i += 1
                continue
            }
            var callee = head
            _ = stream.appendMembers(to: &callee, from: i + 1, optional: true)
            let resolved = resolveChain(head: i, end: calleeEnd)
            guard stream.kind(open) == .lParen, !isDefinition(head: i, open: open) else {
                if isNew {
                    calls.append(CallFact(callee: callee, qualifiedName: resolved, isConstruction: true,
                                          range: stream.range(i, calleeEnd)))
                    if isValue { bindPending(callee + "()", resolved: resolved.map { $0 + "()" }, isCall: true) }
                }
                i = calleeEnd + 1
                continue
            }
            let first = calls.count
            i = recordCall(head: i, callee: callee, qualified: resolved, open: open, isNew: isNew, into: &calls)
            if isValue, let last = calls.last, calls.count > first {
                bindPending(last.callee + "()", resolved: last.qualifiedName.map { $0 + "()" }, isCall: true)
            }
        }
        return calls
    }

    // MARK: - Value flow

    /// Opens the frames of functions whose bodies start at or before token `i`, closing those
    /// that ended.
    private mutating func enterFrames(at i: Int) {
        guard !functions.isEmpty else { return }
        let offset = Int(stream.tokens[i].start)
        // Nothing opens or closes before the next function starts or the innermost one ends.
        let nextStart = nextFunction < functions.count ? functions[nextFunction].bodyRange.start : Int.max
        if offset < nextStart, offset < (frames.last?.end ?? Int.max) { return }
        while let top = frames.last, top.end <= offset { closeFrame() }
        while nextFunction < functions.count, functions[nextFunction].bodyRange.start <= offset {
            let body = functions[nextFunction].bodyRange
            if body.end > offset {
                while let top = frames.last, top.end <= body.start { closeFrame() }
                frames.append((nextFunction, body.end, []))
                bindParameters(of: functions[nextFunction], before: i)
            }
            nextFunction += 1
        }
    }

    /// Binds the parameters of the function whose frame was just opened (its header lies between
    /// its name and token `bodyStart`): a parameter annotated with a class of an import
    /// (`jwt: PyJWT`, `svc: JwtService`) holds an instance of it (`jwt.api_jwt.PyJWT()`); any
    /// other parameter hides outer bindings of its name (`def f(jwt)` is not the module).
    private mutating func bindParameters(of function: FunctionFact, before bodyStart: Int) {
        var k = bodyStart - 1
        while k >= 0, Int(stream.tokens[k].start) >= function.nameRange.end { k -= 1 }
        k += 1
        while k < bodyStart, stream.kind(k) != .lParen { k += 1 }
        guard k < bodyStart, let close = stream.closer(of: k), close < bodyStart else { return }
        var depth = 0
        var j = k
        while j < close {
            switch stream.kind(j) {
            case .lParen?, .lBracket?, .lBrace?: depth += 1
            case .rParen?, .rBracket?, .rBrace?: depth -= 1
            default: break
            }
            let starts = depth == 1 && (stream.kind(j) == .lParen || stream.kind(j) == .comma)
            j += 1
            guard starts else { continue }
            var name = j
            while isModifier(name) { name += 1 }
            guard stream.kind(name) == .identifier else { continue }
            let text = stream.text(name)
            guard text != "self", text != "cls", text != "this" else { continue }
            var value = ""
            if stream.kind(name + 1) == .colon, stream.kind(name + 2) == .identifier, let bound = bindings[stream.text(name + 2)] {
                var end = name + 2
                while stream.kind(end + 1) == .dot, stream.kind(end + 2) == .identifier { end += 2 }
                let next = stream.kind(end + 1)
                if next == .comma || next == .rParen || next == .equal {
                    value = bound + dotted(from: name + 3, to: end) + "()"
                }
            }
            // An untyped parameter matters only when it hides something.
            guard !value.isEmpty || bindings[text] != nil || moduleValues[text] != nil else { continue }
            locals[text, default: []].append((value, frames.count))
            frames[frames.count - 1].names.append(text)
        }
    }

    private mutating func closeFrame() {
        let frame = frames.removeLast()
        for name in frame.names {
            locals[name]?.removeLast()
            if locals[name]?.isEmpty == true { locals[name] = nil }
        }
    }

    /// The head's binding: a local of the enclosing functions, an attribute of the object, a
    /// module-level value, an import.
    private func binding(of head: String, member: String?) -> String? {
        if let value = locals[head]?.last?.value { return value.isEmpty ? nil : value }
        if let member, head == "self" || head == "this" || head == "cls" {
            if let value = attributes[head + "." + member] { return value }
        }
        return moduleValues[head] ?? bindings[head]
    }

    /// The chain `head ... end` with its head (or `self.x`) resolved, or nil.
    private func resolveChain(head: Int, end: Int) -> String? {
        let name = stream.text(head)
        let member = end > head && stream.kind(head + 2) == .identifier ? stream.text(head + 2) : nil
        if locals.isEmpty, attributes.isEmpty, moduleValues.isEmpty {
            guard let bound = bindings[name] else { return nil }
            return bound + dotted(from: head + 1, to: end)
        }
        if member != nil, name == "self" || name == "this" || name == "cls", locals[name] == nil,
           let value = attributes[name + "." + member!] {
            return value + dotted(from: head + 3, to: end)
        }
        guard let bound = binding(of: name, member: nil) else { return nil }
        return bound + dotted(from: head + 1, to: end)
    }

    /// `.b.c` for the members after token `from` up to `to` (empty when none).
    private func dotted(from: Int, to: Int) -> String {
        guard from <= to else { return "" }
        var text = ""
        var k = from
        while k + 1 <= to, stream.kind(k) == .dot || stream.kind(k) == .questionDot, stream.kind(k + 1) == .identifier {
            text += "." + stream.text(k + 1)
            k += 2
        }
        return text
    }

    /// The dotted chain starting at `head`.
    private func dotted(from head: Int) -> String {
        var name = stream.text(head)
        _ = stream.appendMembers(to: &name, from: head + 1, optional: true)
        return name
    }

    /// A plain-name assignment starting at token `i`, with where its value starts: Python
    /// `name = value` at the start of a statement; TypeScript `const|let|var name = value` and
    /// `name = value` at the start of a statement. `await` before the value is skipped.
    private func assignment(at i: Int) -> (names: [(name: String, member: String)], valueStart: Int, statementStart: Int)? {
        // Most identifiers are no assignment target: decide that before building any string.
        let next = stream.kind(i + 1)
        guard next == .equal || next == .identifier || next == .lBrace else { return nil }
        if next == .equal, !isStatementStart(i) { return nil }
        if next != .equal, language == .python || !(stream.isWord(i, "const") || stream.isWord(i, "let") || stream.isWord(i, "var")) {
            return nil
        }
        var names: [(name: String, member: String)] = [(stream.text(i), "")]
        var equal = i + 1
        switch language {
        case .python:
            guard stream.kind(i + 1) == .equal, isStatementStart(i) else { return nil }
        case .typescript:
            if stream.isWord(i, "const") || stream.isWord(i, "let") || stream.isWord(i, "var") {
                if stream.kind(i + 1) == .identifier {
                    names = [(stream.text(i + 1), "")]
                    equal = i + 2
                    if stream.kind(equal) == .colon { equal = skipTypeAnnotation(from: equal + 1) }
                } else if stream.kind(i + 1) == .lBrace, let close = stream.closer(of: i + 1) {
                    names = destructured(open: i + 1, close: close)
                    equal = close + 1
                } else {
                    return nil
                }
                guard stream.kind(equal) == .equal, !names.isEmpty else { return nil }
            } else {
                guard stream.kind(i + 1) == .equal, isStatementStart(i) else { return nil }
            }
        }
        var value = equal + 1
        if stream.isWord(value, "await") { value += 1 }
        if stream.kind(value) == .lBrace, names.count == 1 { return (names, value, i) }
        guard stream.kind(value) == .identifier else { return nil }
        // Imports by call (`require('m')`, `import('m')`, `importlib.import_module('m')`) are bound
        // by the language's import pass.
        if stream.isWord(value, "require") || stream.isWord(value, "import") || stream.isWord(value, "__import__")
            || stream.isWord(value, "import_module") || stream.isWord(value, "importlib") { return nil }
        return (names, value, i)
    }

    /// `{ payload, protectedHeader: header }` → [("payload", ".payload"), ("header", ".protectedHeader")].
    private func destructured(open: Int, close: Int) -> [(name: String, member: String)] {
        var names: [(name: String, member: String)] = []
        for item in stream.items(between: open, and: close) {
            guard stream.kind(item.first) == .identifier else { continue }
            let member = stream.text(item.first)
            if item.first + 2 <= item.last, stream.kind(item.first + 1) == .colon, stream.kind(item.first + 2) == .identifier {
                names.append((stream.text(item.first + 2), "." + member))
            } else {
                names.append((member, "." + member))
            }
        }
        return names
    }

    private func isStatementStart(_ i: Int) -> Bool {
        guard i > 0 else { return true }
        switch stream.kind(i - 1) {
        case .newline?, .indent?, .dedent?, .semicolon?, .lBrace?, .rBrace?: return true
        default: return language == .typescript && stream.tokens[i].newlineBefore
        }
    }

    /// Binds the pending assignment's name to its value (`resolved` when the value's head is
    /// bound) and records the binding.
    private mutating func bindPending(_ text: String, resolved: String?, isCall: Bool, properties: [ArgumentFact] = []) {
        guard let target = pending else { return }
        pending = nil
        let function = frames.last?.function ?? -1
        for (name, member) in target.names {
            let value = resolved.map { $0 + member }
            valueBindings.append(ValueBinding(name: name, value: value ?? text + member, isResolved: value != nil,
                                              isCallResult: isCall, function: function,
                                              offset: Int(stream.tokens[target.statementStart].start),
                                              properties: properties))
            if frames.isEmpty {
                moduleValues[name] = value
                continue
            }
            // A local name that holds something unresolved hides outer bindings of the same name.
            locals[name, default: []].append((value ?? "", frames.count))
            frames[frames.count - 1].names.append(name)
        }
    }

    /// Attributes bound anywhere in the file: `self.x = <value>`, `this.x = <value>`, TS class
    /// fields with a modifier (`private jwt = jwt;`) and constructor parameter properties
    /// (`constructor(private readonly jwtService: JwtService)` binds `this.jwtService` to an
    /// instance of `JwtService`).
    private mutating func collectAttributes() {
        var i = 0
        while i < stream.count {
            defer { i += 1 }
            guard stream.kind(i) == .identifier else { continue }
            if stream.kind(i + 1) == .dot, stream.kind(i + 3) == .equal, stream.kind(i + 2) == .identifier,
               stream.kind(i - 1) != .dot, stream.isWord(i, "self") || stream.isWord(i, "this") {
                if let value = valueAt(i + 4) { attributes[stream.text(i) + "." + stream.text(i + 2)] = value }
                continue
            }
            guard language == .typescript, isModifier(i) else { continue }
            var name = i + 1
            while isModifier(name) { name += 1 }
            guard stream.kind(name) == .identifier else { continue }
            if stream.kind(name + 1) == .equal {
                if let value = valueAt(name + 2) { attributes["this." + stream.text(name)] = value }
            } else if stream.kind(name + 1) == .colon, stream.kind(name + 2) == .identifier,
                      stream.kind(name + 3) == .comma || stream.kind(name + 3) == .rParen,
                      let type = bindings[stream.text(name + 2)] {
                attributes["this." + stream.text(name)] = type + "()"
            }
        }
    }

    private func isModifier(_ i: Int) -> Bool {
        guard stream.kind(i) == .identifier else { return false }
        return stream.isWord(i, "private") || stream.isWord(i, "public") || stream.isWord(i, "protected")
            || stream.isWord(i, "readonly")
    }

    /// What the expression at `start` resolves to through the import bindings: a dotted name
    /// (`jwt`, `jwt.verify`), or a call or `new` (`jwt.PyJWKClient(url)` → `jwt.PyJWKClient()`).
    private func valueAt(_ start: Int) -> String? {
        var head = start
        if stream.isWord(head, "new") || stream.isWord(head, "await") { head += 1 }
        guard stream.kind(head) == .identifier, let bound = bindings[stream.text(head)] else { return nil }
        var end = head
        while stream.kind(end + 1) == .dot, stream.kind(end + 2) == .identifier { end += 2 }
        let value = bound + dotted(from: head + 1, to: end)
        let isCall = stream.kind(end + 1) == .lParen || stream.isWord(start, "new")
        return isCall ? value + "()" : value
    }

    private func skipTypeAnnotation(from start: Int) -> Int {
        var depth = 0
        var i = start
        while i < stream.count, i < start + 64 {
            switch stream.kind(i) {
            case .lParen, .lBracket, .lBrace: depth += 1
            case .rParen, .rBracket, .rBrace: depth -= 1
            case .equal where depth == 0: return i
            case .semicolon where depth <= 0: return i
            default: break
            }
            if stream.isOperator(i, "<") { depth += 1 }
            if stream.isOperator(i, ">") { depth -= 1 }
            i += 1
        }
        return i
    }

    static let maximumChainLinks = 16

    /// Records the call opening at `open` and any calls chained on its result; returns the index
    /// to continue from.
    private func recordCall(head: Int, callee: String, qualified: String?, open: Int, isNew: Bool,
                            into calls: inout [CallFact]) -> Int {
        var callee = callee
        var qualified = qualified
        let firstOpen = open
        var open = open
        var chained = false
        // A long chain (`p.then(a).catch(b).then(c)...`, minified builders) names its first
        // `maximumChainLinks` links, then `.…` and the last link only: names stay short, so a
        // chain of N calls costs O(N), not O(N²).
        var links = 0
        var base: (callee: String, qualified: String?)?
        while true {
            let close = stream.closer(of: open)
            calls.append(CallFact(callee: callee, qualifiedName: qualified, isConstruction: isNew && !chained,
                                  isChained: chained, range: stream.range(head, close ?? open),
                                  arguments: close.map { arguments(open: open, close: $0) } ?? []))
            // Scanning resumes inside the first call's arguments: calls nested there are calls too.
            guard let close, stream.kind(close + 1) == .dot || stream.kind(close + 1) == .questionDot,
                  stream.kind(close + 2) == .identifier else { return firstOpen + 1 }
            var member = "()"
            var j = stream.appendMembers(to: &member, from: close + 1, optional: true)
            if language == .typescript { j = skipTypeArguments(from: j) }
            guard stream.kind(j) == .lParen else { return firstOpen + 1 }
            links += 1
            if links <= Self.maximumChainLinks {
                callee += member
                qualified = qualified.map { $0 + member }
            } else {
                if base == nil { base = (callee + ".…", qualified.map { $0 + ".…" }) }
                callee = base!.callee + member
                qualified = base!.qualified.map { $0 + member }
            }
            chained = true
            open = j
        }
    }

    // MARK: - Arguments

    /// The top-level arguments between `open` and `close`.
    func arguments(open: Int, close: Int) -> [ArgumentFact] {
        stream.items(between: open, and: close).compactMap { argument(from: $0.first, to: $0.last) }
    }

    /// One argument spanning tokens `first...last`: `key=value` (Python), `...spread` skipped.
    private func argument(from first: Int, to last: Int) -> ArgumentFact? {
        var first = first
        var keyword: String?
        if language == .python, stream.kind(first) == .identifier, stream.kind(first + 1) == .equal, first + 2 <= last {
            keyword = stream.text(first)
            first += 2
        }
        if stream.kind(first) == .star || stream.isOperator(first, "**") || stream.isOperator(first, "...") { return nil }
        var fact = ArgumentValue.describe(stream, from: first, to: last, language: language)
        fact.keyword = keyword
        return fact
    }

    // MARK: - What is not a call

    /// Whether identifier `i` starts a chain (is not a member `x.i` or a definition's name).
    private func isChainHead(_ i: Int) -> Bool {
        switch stream.kind(i - 1) {
        case .dot, .questionDot: return false
        default: break
        }
        switch language {
        case .python:
            return !(stream.isWord(i - 1, "def") || stream.isWord(i - 1, "class") || stream.isWord(i - 1, "import"))
        case .typescript:
            return !(stream.isWord(i - 1, "function") || stream.isWord(i - 1, "class") || stream.isWord(i - 1, "interface"))
        }
    }

    /// JS method definitions look like calls: `verify(token) { ... }`, `verify(t: string): X {`.
    /// Python definitions are excluded by `def`.
    private func isDefinition(head: Int, open: Int) -> Bool {
        guard language == .typescript else { return false }
        guard let close = stream.closer(of: open) else { return false }
        if stream.kind(close + 1) == .lBrace { return true }
        if stream.kind(close + 1) == .colon {
            let before = stream.kind(head - 1)
            return before == nil || before == .lBrace || before == .rBrace || before == .semicolon
                || stream.tokens[head].newlineBefore
        }
        return false
    }

    /// Statement keywords that a `(` may follow without making a call.
    static func keywords(_ language: Language) -> Set<String> {
        language == .python ? pythonKeywords : typeScriptKeywords
    }

    static let pythonKeywords: Set<String> = [
        "if", "elif", "while", "for", "in", "not", "and", "or", "return", "yield", "assert", "del", "with", "as",
        "lambda", "await", "except", "raise", "is", "else", "from", "global", "nonlocal", "pass", "case", "match",
    ]
    static let typeScriptKeywords: Set<String> = [
        "if", "for", "while", "switch", "catch", "return", "typeof", "function", "await", "yield", "void", "delete",
        "in", "of", "new", "class", "case", "throw", "do", "else", "instanceof", "with", "keyof", "as", "satisfies",
    ]

    /// Skips a TypeScript type-argument list `<A, B<C>[]>` when a `(` follows it; returns the index
    /// after it, or `j` unchanged when there is none.
    private func skipTypeArguments(from j: Int) -> Int {
        guard let end = stream.angleBracketsEnd(from: j, inExpression: true), stream.kind(end) == .lParen else { return j }
        return end
    }
}
