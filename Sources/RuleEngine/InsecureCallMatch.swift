import Facts
import JSONC
import Model

/// A call whose arguments make it unsafe: verification switched off
/// (`jwt.decode(t, options={"verify_signature": False})`), the `none` algorithm, no algorithm
/// pinned, key-confusing algorithm lists, credentials in a payload. Each check names a call and
/// says where to look and what makes it unsafe:
///
/// - where: `argument` (positional index) and/or `keyword` (Python keyword argument; the
///   positional index is tried when the keyword is not written), then optionally `property` (an
///   entry of the dict / object literal found there, also through a name bound to one earlier in
///   the function: `opts = {...}; jwt.decode(t, options=opts)`);
/// - what: `equals` (a string, compared without case, a bool, a number or null), `contains` (a
///   list that holds the string, or the string itself), `mixes` (a list with elements of at least
///   two of the groups of glob patterns: `HS*` with `RS*`), `missing` (nothing written there),
///   `properties` (the object there has an entry matching one of these glob patterns, e.g.
///   `password`), or nothing (the call itself);
/// - `unless`: checks of the same shape (without `call`) that make the call safe after all.
///
/// The message fills `{call}` (the qualified name) and `{evidence}` (the check's `evidence`
/// with `{value}` replaced by the value as written in the check's language).
public struct InsecureCallMatch: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        public enum Predicate: Sendable, Equatable {
            case any
            case equals(ArgumentLiteralValue)
            case contains(String)
            case mixes([[NamePattern]])
            case missing
            case properties([NamePattern])
        }

        public var argument: Int?
        public var keyword: String?
        public var property: String?
        public var predicate: Predicate
    }

    public struct Check: Sendable, Equatable {
        public var call: NamePattern
        public var condition: Condition
        public var unless: [Condition]
        public var evidence: String
    }

    public var checks: [Language: [Check]]
    /// Whether test code (see `TestCode`) is left out (a test that checks `none` is rejected
    /// must write `none`).
    public var skipTestCode: Bool

    /// Reads the rule's `match` object (the caller calls `finish()` on it afterwards).
    init(_ reader: JSONObjectReader) throws(JSONSchemaError) {
        let lists = try reader.object("checks")
        var checks: [Language: [Check]] = [:]
        for language in Language.allCases {
            guard let nodes = try lists.optionalArray(language.rawValue) else { continue }
            var list: [Check] = []
            for (index, node) in nodes.enumerated() {
                let item = try JSONObjectReader(node, path: lists.path(of: language.rawValue, index: index))
                let call = try item.string("call")
                if call.isEmpty { throw item.error("the call must not be empty", key: "call") }
                let condition = try Self.condition(item)
                var unless: [Condition] = []
                if let nodes = try item.optionalArray("unless") {
                    for (k, node) in nodes.enumerated() {
                        let other = try JSONObjectReader(node, path: item.path(of: "unless", index: k))
                        unless.append(try Self.condition(other))
                        try other.finish()
                    }
                }
                let evidence = try item.string("evidence")
                try item.finish()
                list.append(Check(call: NamePattern(call), condition: condition, unless: unless, evidence: evidence))
            }
            checks[language] = list
        }
        try lists.finish()
        guard !checks.isEmpty else { throw lists.error("list checks under \"python\" and/or \"typescript\"") }
        self.checks = checks
        skipTestCode = try reader.optionalBool("skipTestCode") ?? false
    }

    private static func condition(_ item: JSONObjectReader) throws(JSONSchemaError) -> Condition {
        let argument = try item.optionalInt("argument")
        if let argument, argument < 0 { throw item.error("argument indices start at 0", key: "argument") }
        let keyword = try item.optionalString("keyword")
        let property = try item.optionalString("property")
        if property != nil, argument == nil, keyword == nil {
            throw item.error("a \"property\" needs the \"argument\" and/or \"keyword\" it is in", key: "property")
        }
        var predicates: [Condition.Predicate] = []
        if let node = item.node("equals") {
            guard let value = ArgumentLiteralValue(node.value) else {
                throw item.error("\"equals\" takes a string, a number, true/false or null", key: "equals")
            }
            predicates.append(.equals(value))
        }
        if let text = try item.optionalString("contains") { predicates.append(.contains(text)) }
        if let nodes = try item.optionalArray("mixes") {
            var groups: [[NamePattern]] = []
            for (index, node) in nodes.enumerated() {
                guard case .array(let elements) = node.value,
                      let patterns = Optional(elements.compactMap { element -> NamePattern? in
                          if case .string(let text) = element.value, !text.isEmpty { return NamePattern(text.lowercased()) }
                          return nil
                      }), patterns.count == elements.count, !patterns.isEmpty
                else { throw item.error("\"mixes\" takes groups (arrays) of non-empty patterns").at(item.path(of: "mixes", index: index)) }
                groups.append(patterns)
            }
            if groups.count < 2 { throw item.error("\"mixes\" needs at least two groups", key: "mixes") }
            predicates.append(.mixes(groups))
        }
        if let missing = try item.optionalBool("missing") {
            guard missing else { throw item.error("write \"missing\": true, or leave it out", key: "missing") }
            predicates.append(.missing)
        }
        if let names = try item.optionalStringArray("properties") {
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                throw item.error("list non-empty property patterns", key: "properties")
            }
            predicates.append(.properties(names.map { NamePattern($0.lowercased()) }))
        }
        guard predicates.count <= 1 else {
            throw item.error("use one of \"equals\", \"contains\", \"mixes\", \"missing\", \"properties\" per check")
        }
        if predicates.first != nil || property != nil, argument == nil, keyword == nil {
            throw item.error("say where to look: \"argument\" and/or \"keyword\"")
        }
        return Condition(argument: argument, keyword: keyword, property: property, predicate: predicates.first ?? .any)
    }

    // MARK: - Evaluation

    func evaluate(_ facts: FileFacts, rule: Rule, isTestCode: Bool) -> [RuleHit] {
        guard !(skipTestCode && isTestCode), let checks = checks[facts.language], !checks.isEmpty else { return [] }
        var hits: [RuleHit] = []
        var owners: [Int]?
        var bindings: ValueBindingIndex?
        for (index, call) in facts.calls.enumerated() {
            guard let name = call.qualifiedName else { continue }
            for check in checks where check.call.matches(name) || check.call.matches(name.replacing("()", with: "")) {
                if owners == nil {
                    owners = facts.callOwners()
                    bindings = ValueBindingIndex(facts)
                }
                let context = Context(call: call, function: owners![index], bindings: bindings!, language: facts.language)
                guard let value = context.holds(check.condition),
                      !check.unless.contains(where: { context.holds($0) != nil }) else { continue }
                let evidence = Evaluator.fill(check.evidence) { $0 == "value" ? value : nil }
                hits.append(Evaluator.hit(rule, range: call.range, values: ["call": name, "evidence": evidence]))
                break
            }
        }
        return hits
    }

    /// One call, with what is needed to resolve its arguments.
    private struct Context {
        let call: CallFact
        let function: Int
        let bindings: ValueBindingIndex
        let language: Language

        /// The value text for the evidence when `condition` holds, nil when it does not.
        func holds(_ condition: Condition) -> String? {
            if condition.argument == nil, condition.keyword == nil { return "" }
            var found = argument(condition)
            if let property = condition.property {
                found = found.flatMap { properties(of: $0) }.flatMap { $0.first { $0.keyword == property } }
            }
            switch condition.predicate {
            case .any:
                return found.map(render)
            case .missing:
                return found == nil ? "" : nil
            case .equals(let expected):
                guard let found, expected.matches(found) else { return nil }
                return render(found)
            case .contains(let text):
                guard let found else { return nil }
                let elements: [ArgumentFact]
                if case .list(let list)? = found.literal { elements = list } else { elements = [found] }
                return elements.contains { $0.stringValue?.lowercased() == text.lowercased() } ? render(found) : nil
            case .mixes(let groups):
                guard let found, case .list(let list)? = found.literal else { return nil }
                let values = list.compactMap { $0.stringValue?.lowercased() }
                let hit = groups.filter { group in values.contains { value in group.contains { $0.matches(value) } } }
                return hit.count >= 2 ? render(found) : nil
            case .properties(let patterns):
                guard let found, let entries = properties(of: found) else { return nil }
                let keys = entries.compactMap(\.keyword).filter { key in patterns.contains { $0.matches(key.lowercased()) } }
                return keys.isEmpty ? nil : keys.joined(separator: ", ")
            }
        }

        /// The argument a condition points at: by keyword, else by positional index.
        private func argument(_ condition: Condition) -> ArgumentFact? {
            if let keyword = condition.keyword, let found = call.arguments.first(where: { $0.keyword == keyword }) { return found }
            guard let index = condition.argument else { return nil }
            let positional = call.arguments.filter { $0.keyword == nil }
            return index < positional.count ? positional[index] : nil
        }

        /// The entries of an object literal argument, or of one bound to its name earlier.
        private func properties(of argument: ArgumentFact) -> [ArgumentFact]? {
            if !argument.properties.isEmpty { return argument.properties }
            guard let name = argument.name,
                  let binding = bindings.binding(of: name, in: function, before: call.range.start),
                  !binding.properties.isEmpty else { return nil }
            return binding.properties
        }

        /// A value as written in the file's language: `False`/`false`, `'none'`, `["HS256", "RS256"]`.
        func render(_ fact: ArgumentFact) -> String {
            if let text = fact.stringValue { return language == .python ? "\"\(text)\"" : "'\(text)'" }
            if let name = fact.name { return name }
            switch fact.literal {
            case .bool(let value)?: return language == .python ? (value ? "True" : "False") : (value ? "true" : "false")
            case .number(let value)?: return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            case .null?: return language == .python ? "None" : "null"
            case .list(let elements)?: return "[" + elements.map(render).joined(separator: ", ") + "]"
            case nil: return fact.properties.isEmpty ? "…" : "{…}"
            }
        }
    }
}

/// A scalar a check compares an argument with (`"equals"` in a rule file).
public enum ArgumentLiteralValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case number(Double)
    case null

    init?(_ value: JSONValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .null: self = .null
        default: return nil
        }
    }

    func matches(_ fact: ArgumentFact) -> Bool {
        switch self {
        case .string(let text): return fact.stringValue?.lowercased() == text.lowercased()
        case .bool(let flag): return fact.literal == .bool(flag)
        case .number(let number): return fact.literal == .number(number)
        case .null: return fact.literal == .null
        }
    }
}
