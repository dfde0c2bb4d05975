import Lexing
import Model

/// Extracts imports, bindings and resolved calls from TypeScript / JavaScript tokens.
///
/// Recognised: `import x from 'm'`, `import * as x`, `import {a as b}`, `import type`, `import 'm'`,
/// `export ... from 'm'`, `require('m')` (also destructured and `.member`), `import('m')`
/// (also awaited and destructured) and `import x = require('m')`. Aliases of bound names
/// (`const { sign } = jwt`) are value flow (`CallResolver`).
struct TypeScriptFacts {
    let stream: TokenStream
    var facts = FileFacts(language: .typescript)
    init(_ stream: TokenStream) { self.stream = stream }

    mutating func extract() -> FileFacts {
        var i = 0
        while i < stream.count {
            guard stream.kind(i) == .identifier, !isMember(i) else {
                i += 1
                continue
            }
            if stream.isWord(i, "import") {
                i = importStatement(at: i)
            } else if stream.isWord(i, "export") {
                i = exportFrom(at: i)
            } else if stream.isWord(i, "const") || stream.isWord(i, "let") || stream.isWord(i, "var") {
                i = declaration(at: i)
            } else if stream.isWord(i, "require") {
                i = requireCall(at: i, bindings: []).next
            } else {
                i += 1
            }
        }
        return facts
    }

    private func isMember(_ i: Int) -> Bool {
        stream.kind(i - 1) == .dot || stream.kind(i - 1) == .questionDot
    }

    // MARK: - import

    private mutating func importStatement(at keyword: Int) -> Int {
        var i = keyword + 1
        if stream.kind(i) == .lParen { return dynamicImport(at: keyword, bindings: []).next }
        if stream.kind(i) == .dot { return i }  // import.meta
        if let module = stream.stringValue(i, language: .typescript) {
            add(ImportFact(module: module, form: .esImport, range: stream.range(keyword, i)))
            return i + 1
        }
        var typeOnly = false
        if stream.isWord(i, "type") || stream.isWord(i, "typeof"), stream.kind(i + 1) == .identifier || stream.kind(i + 1) == .lBrace || stream.kind(i + 1) == .star {
            // `import type X from` — but `import type from 'm'` imports a default named `type`.
            if !(stream.isWord(i + 1, "from") && stream.kind(i + 2) == .string) {
                typeOnly = true
                i += 1
            }
        }
        // import x = require('m')
        if stream.kind(i) == .identifier, stream.kind(i + 1) == .equal {
            let local = stream.text(i)
            if stream.isWord(i + 2, "require") {
                let call = requireCall(at: i + 2, bindings: [])
                if let module = call.module {
                    facts.imports[facts.imports.count - 1].form = .importEquals
                    facts.imports[facts.imports.count - 1].range = stream.range(keyword, call.next - 1)
                    facts.bindings[local] = module
                }
                return call.next
            }
            return i + 2
        }
        var locals: [(local: String, member: String?)] = []
        if stream.kind(i) == .identifier, !stream.isWord(i, "from") {
            locals.append((stream.text(i), nil))
            i += 1
            if stream.kind(i) == .comma { i += 1 }
        }
        if stream.kind(i) == .star, stream.isWord(i + 1, "as"), stream.kind(i + 2) == .identifier {
            locals.append((stream.text(i + 2), nil))
            i += 3
        }
        if stream.kind(i) == .lBrace {
            let (names, next) = namedSpecifiers(at: i)
            locals += names
            i = next
        }
        guard stream.isWord(i, "from"), let module = stream.stringValue(i + 1, language: .typescript) else { return i }
        add(ImportFact(module: module, members: locals.compactMap(\.member), form: .esImport, isTypeOnly: typeOnly,
                       importsModule: locals.isEmpty || locals.contains { $0.member == nil || $0.member == "default" },
                       range: stream.range(keyword, i + 1)))
        for (local, member) in locals {
            facts.bindings[local] = member.map { $0 == "default" ? module : module + "." + $0 } ?? module
        }
        return i + 2
    }

    /// `{ a, b as c, type d, default as e }` → [(local, member)], and the index after `}`.
    private func namedSpecifiers(at open: Int) -> ([(local: String, member: String?)], Int) {
        var names: [(local: String, member: String?)] = []
        var i = open + 1
        while i < stream.count, stream.kind(i) != .rBrace {
            if stream.isWord(i, "type"), stream.kind(i + 1) == .identifier, !stream.isWord(i + 1, "as") { i += 1 }
            guard stream.kind(i) == .identifier || stream.kind(i) == .string else { i += 1; continue }
            let member = stream.kind(i) == .string ? (stream.stringValue(i, language: .typescript) ?? "") : stream.text(i)
            var local = member
            if stream.isWord(i + 1, "as"), stream.kind(i + 2) == .identifier {
                local = stream.text(i + 2)
                i += 2
            }
            names.append((local, member))
            i += 1
            if stream.kind(i) == .comma { i += 1 }
        }
        return (names, i + 1)
    }

    // MARK: - export ... from 'm'

    private mutating func exportFrom(at keyword: Int) -> Int {
        var i = keyword + 1
        var typeOnly = false
        if stream.isWord(i, "type"), stream.kind(i + 1) == .lBrace || stream.kind(i + 1) == .star {
            typeOnly = true
            i += 1
        }
        var members: [String] = []
        if stream.kind(i) == .star {
            i += 1
            if stream.isWord(i, "as"), stream.kind(i + 1) == .identifier { i += 2 }
        } else if stream.kind(i) == .lBrace {
            let (names, next) = namedSpecifiers(at: i)
            members = names.compactMap(\.member)
            i = next
        } else {
            return i
        }
        guard stream.isWord(i, "from"), let module = stream.stringValue(i + 1, language: .typescript) else { return i }
        add(ImportFact(module: module, members: members, form: .exportFrom, isTypeOnly: typeOnly,
                       importsModule: members.isEmpty || members.contains("default"), range: stream.range(keyword, i + 1)))
        return i + 2
    }

    // MARK: - const x = require('m') / await import('m') / other.binding

    /// `const|let|var <pattern> [: Type] = <init>` where the initializer is a `require`, an
    /// `import()` or a dotted name whose head is bound. Other declarations are skipped quickly.
    private mutating func declaration(at keyword: Int) -> Int {
        var i = keyword + 1
        var pattern: [(local: String, member: String?)] = []
        if stream.kind(i) == .identifier {
            pattern = [(stream.text(i), nil)]
            i += 1
        } else if stream.kind(i) == .lBrace {
            (pattern, i) = destructuring(at: i)
        } else {
            return i
        }
        if stream.kind(i) == .colon { i = skipTypeAnnotation(from: i + 1) }
        guard stream.kind(i) == .equal else { return i }
        i += 1
        if stream.isWord(i, "await") { i += 1 }
        if stream.isWord(i, "require") {
            return requireCall(at: i, bindings: pattern).next
        }
        if stream.isWord(i, "import"), stream.kind(i + 1) == .lParen {
            return dynamicImport(at: i, bindings: pattern).next
        }
        // Aliases of bound names (`const { sign } = jwt`) are value flow, scoped to their function:
        // `CallResolver` binds them.
        return i
    }

    /// `{ a, b: c, d = 1, ...rest }` → [(local, member)] and the index after `}`.
    private func destructuring(at open: Int) -> ([(local: String, member: String?)], Int) {
        var names: [(local: String, member: String?)] = []
        var i = open + 1
        while i < stream.count, stream.kind(i) != .rBrace {
            guard stream.kind(i) == .identifier, stream.kind(i - 1) == .lBrace || stream.kind(i - 1) == .comma else {
                i += 1
                continue
            }
            let member = stream.text(i)
            if stream.kind(i + 1) == .colon, stream.kind(i + 2) == .identifier {
                names.append((stream.text(i + 2), member))
                i += 3
            } else {
                names.append((member, member))
                i += 1
            }
        }
        return (names, i + 1)
    }

    private func skipTypeAnnotation(from start: Int) -> Int {
        var depth = 0
        var i = start
        while i < stream.count, i < start + 128 {
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

    /// `require('m')[.member...]` at token `i`; binds `pattern` to the module (or member).
    private mutating func requireCall(at i: Int, bindings pattern: [(local: String, member: String?)]) -> (module: String?, next: Int) {
        guard stream.kind(i + 1) == .lParen, let module = stream.stringValue(i + 2, language: .typescript),
              stream.kind(i + 3) == .rParen else { return (nil, i + 1) }
        add(ImportFact(module: module, members: pattern.compactMap(\.member), form: .require,
                       importsModule: pattern.isEmpty || pattern.contains { $0.member == nil || $0.member == "default" },
                       range: stream.range(i, i + 3)))
        var base = module
        let j = stream.appendMembers(to: &base, from: i + 4)
        if stream.kind(j) != .lParen { bind(pattern, to: base) }
        return (module, j)
    }

    /// `import('m')` at token `i` (the `import` keyword).
    private mutating func dynamicImport(at i: Int, bindings pattern: [(local: String, member: String?)]) -> (module: String?, next: Int) {
        guard stream.kind(i + 1) == .lParen, let module = stream.stringValue(i + 2, language: .typescript) else {
            return (nil, i + 2)
        }
        let close = stream.kind(i + 3) == .rParen ? i + 3 : i + 2
        add(ImportFact(module: module, members: pattern.compactMap(\.member), form: .dynamicImport,
                       importsModule: pattern.isEmpty || pattern.contains { $0.member == nil || $0.member == "default" },
                       range: stream.range(i, close)))
        bind(pattern, to: module)
        return (module, close + 1)
    }

    private mutating func bind(_ pattern: [(local: String, member: String?)], to base: String) {
        for (local, member) in pattern {
            facts.bindings[local] = member.map { $0 == "default" ? base : base + "." + $0 } ?? base
        }
    }

    private mutating func add(_ fact: ImportFact) {
        facts.imports.append(fact)
    }
}
