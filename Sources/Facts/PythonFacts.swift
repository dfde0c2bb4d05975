import Lexing
import Model

/// Extracts imports, bindings and resolved calls from Python tokens.
///
/// Two passes: the first collects imports and the names they bind (anywhere in the file, at any
/// indentation); the second resolves call sites through those bindings, so a call in a function
/// defined above a function-local import still resolves.
struct PythonFacts {
    let stream: TokenStream
    var facts = FileFacts(language: .python)

    init(_ stream: TokenStream) { self.stream = stream }

    mutating func extract() -> FileFacts {
        var i = 0
        while i < stream.count {
            if stream.isWord(i, "import") {
                i = importStatement(at: i)
            } else if stream.isWord(i, "from") {
                i = fromImport(at: i)
            } else if stream.kind(i) == .identifier, stream.kind(i + 1) == .equal {
                i = assignment(at: i)
            } else if stream.kind(i) == .identifier, stream.kind(i - 1) != .dot {
                i = dynamicImport(at: i, boundTo: nil) ?? i + 1
            } else {
                i += 1
            }
        }
        return facts
    }

    // MARK: - import a.b as c, d

    /// `import a.b [as c], d`: one fact per module; binds `c` → `a.b`, or `a` → `a`.
    private mutating func importStatement(at keyword: Int) -> Int {
        var i = keyword + 1
        while true {
            guard let (module, next) = dottedName(at: i) else { return i }
            i = next
            var end = next - 1
            if stream.isWord(i, "as"), stream.kind(i + 1) == .identifier {
                facts.bindings[stream.text(i + 1)] = module
                end = i + 1
                i += 2
            } else {
                let head = String(module.split(separator: ".", maxSplits: 1)[0])
                facts.bindings[head] = head
            }
            facts.imports.append(ImportFact(module: module, form: .importStatement, range: stream.range(keyword, end)))
            guard stream.kind(i) == .comma else { return i }
            i += 1
        }
    }

    // MARK: - from a import b as c

    /// `from [.]*a.b import (x as y, z)` / `import *`. Returns the index after the statement, or
    /// `keyword + 1` when `from` is not an import (`raise X from Y`, `yield from g`).
    private mutating func fromImport(at keyword: Int) -> Int {
        var i = keyword + 1
        var module = ""
        while stream.kind(i) == .dot || stream.isOperator(i, "...") {
            module += stream.kind(i) == .dot ? "." : "..."
            i += 1
        }
        if let (name, next) = dottedName(at: i), !stream.isWord(i, "import") {
            module += name
            i = next
        }
        guard !module.isEmpty, stream.isWord(i, "import") else { return keyword + 1 }
        i += 1
        let parenthesized = stream.kind(i) == .lParen
        if parenthesized { i += 1 }
        var members: [String] = []
        var end = i - 1
        while i < stream.count {
            if stream.kind(i) == .star {
                members.append("*")
                end = i
                i += 1
            } else if stream.kind(i) == .identifier {
                let name = stream.text(i)
                members.append(name)
                var local = name
                end = i
                i += 1
                if stream.isWord(i, "as"), stream.kind(i + 1) == .identifier {
                    local = stream.text(i + 1)
                    end = i + 1
                    i += 2
                }
                facts.bindings[local] = module + "." + name
            } else {
                break
            }
            if stream.kind(i) == .comma {
                i += 1
                continue
            }
            if parenthesized, stream.kind(i) == .newline || stream.kind(i) == .indent || stream.kind(i) == .dedent {
                i += 1
                continue
            }
            break
        }
        if parenthesized, stream.kind(i) == .rParen {
            end = i
            i += 1
        }
        facts.imports.append(ImportFact(module: module, members: members, form: .fromImport, range: stream.range(keyword, end)))
        return i
    }

    // MARK: - x = ..., __import__, importlib.import_module

    /// `name = __import__("m")` and `name = importlib.import_module("m")` bind `name` to the
    /// module. Aliases of bound names (`verify = jwt.decode`) are value flow, scoped to their
    /// function: `CallResolver` binds them.
    private mutating func assignment(at target: Int) -> Int {
        let value = target + 2
        if let next = dynamicImport(at: value, boundTo: stream.text(target)) { return next }
        return value
    }

    /// `__import__("m")` or `importlib.import_module("m")` at token `i`: records the import and,
    /// when `boundTo` is given, the binding. Returns the index after the call, or nil.
    private mutating func dynamicImport(at i: Int, boundTo local: String?) -> Int? {
        guard stream.kind(i) == .identifier, stream.kind(i - 1) != .dot,
              stream.isWord(i, "__import__") || stream.isWord(i, "importlib") || stream.isWord(i, "import_module")
        else { return nil }
        var open = i + 1
        var isDunder = false
        if stream.isWord(i, "__import__") {
            isDunder = true
        } else {
            guard let (dotted, next) = dottedName(at: i),
                  CallResolver.resolve(dotted, bindings: facts.bindings) == "importlib.import_module"
            else { return nil }
            open = next
        }
        guard stream.kind(open) == .lParen, let module = stream.stringValue(open + 1, language: .python),
              !module.isEmpty else { return nil }
        var end = open + 1
        if stream.kind(end + 1) == .rParen { end += 1 }
        facts.imports.append(ImportFact(module: module, form: .dynamicImport, range: stream.range(i, end)))
        if let local {
            // `__import__("a.b")` returns the top-level package `a`; import_module returns `a.b`.
            facts.bindings[local] = isDunder ? String(module.split(separator: ".", maxSplits: 1)[0]) : module
        }
        return end + 1
    }

    /// A dotted name `a.b.c` starting at token `i`: its text and the index after it.
    private func dottedName(at i: Int) -> (String, Int)? {
        guard stream.kind(i) == .identifier else { return nil }
        var name = stream.text(i)
        let j = stream.appendMembers(to: &name, from: i + 1)
        return (name, j)
    }
}
