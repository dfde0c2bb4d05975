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
/// - which call: `call` (the qualified name, resolved through imports) or `callee` (the callee as
///   written, for calls on any object: `*.close`);
/// - what: `equals` (a string, compared without case, a bool, a number or null), `contains` (a
///   list that holds the string, or the string itself), `mixes` (a list with elements of at least
///   two of the groups of glob patterns: `HS*` with `RS*`), `missing` (nothing written there),
///   `properties` (the object there has an entry matching one of these glob patterns, e.g.
///   `password`), `named` (a dotted name matching one of the patterns:
///   `status.WS_1011_INTERNAL_ERROR`), `like` (a string matching one of the patterns, without
///   case), `lifetime` (`"length"`: a length of time written with literals, `60`, `'15m'`,
///   `timedelta(minutes=1)`; `"expiry"`: the clock plus one, `utcnow() + timedelta(hours=1)`),
///   or nothing (the call itself);
/// - `unless`: checks of the same shape (without `call`) that make the call safe after all;
/// - `decides` (`{"functions": [...], "exceptFunctions": [...], "unlessCalls": [...]}`): only when
///   the call's result decides access: returned (itself or through a local) from a function whose
///   name matches `functions` but not `exceptFunctions` (`*without*`), or tested in an `if` of
///   the same function; not when that function also makes one of `unlessCalls` (qualified names:
///   it verified the token);
/// - `unlessFunction` (`{"names": [...], "calls": [...]}`): not in a function named like `names`
///   (`*expir*`: a client checking its own token), nor in one that makes another call whose last
///   name part matches `calls` (`*verify*`: it peeks, then verifies);
/// - `failure` (word patterns): only in a branch or handler about a failure these words name: an
///   enclosing `if`/`else` whose condition, or `except`/`catch` whose types or `try` calls, have
///   a matching word, or a string argument of the call that matches (`reason="Token expired"`).
///
/// The message fills `{call}` (the qualified name, or the callee as written) and `{evidence}` (the
/// check's `evidence` with `{value}` replaced by the value as written in the check's language, a
/// lifetime in seconds, and `{use}` by what `decides`/`failure` found).
public struct InsecureCallMatch: Sendable, Equatable {
    public struct Condition: Sendable, Equatable {
        public enum Predicate: Sendable, Equatable {
            case any
            case equals(ArgumentLiteralValue)
            case contains(String)
            case mixes([[NamePattern]])
            case missing
            case properties([NamePattern])
            case named([NamePattern])
            case like([NamePattern])
            case lifetime(expiry: Bool)
        }

        public var argument: Int?
        public var keyword: String?
        public var property: String?
        public var predicate: Predicate
    }

    /// See `Check.unlessFunction`.
    public struct FunctionGuard: Sendable, Equatable {
        public var names: [NamePattern]
        public var calls: [NamePattern]
    }

    /// Where a call's result or position must be for the check to hold.
    public enum Usage: Sendable, Equatable {
        case decides(functions: [NamePattern], exceptFunctions: [NamePattern], unlessCalls: [NamePattern])
        case failure(words: [NamePattern])
        /// The enclosing function (or module) also makes one of these calls (qualified names).
        case mints(calls: [NamePattern])
    }

    public struct Check: Sendable, Equatable {
        /// The qualified name (`call`), or else the callee as written (`callee`).
        public var call: NamePattern?
        public var callee: NamePattern?
        public var condition: Condition
        public var unless: [Condition]
        public var usage: Usage?
        /// Not reported in a function named like `names`, or one that makes another call whose
        /// last name part matches `calls` (it verifies the token after peeking at it).
        public var unlessFunction: FunctionGuard?
        public var evidence: String

        func matches(_ fact: CallFact) -> String? {
            if let call {
                guard let name = fact.qualifiedName else { return nil }
                return call.matches(name) || (name.utf8.contains(UInt8(ascii: "(")) && call.matches(name.replacing("()", with: ""))) ? name : nil
            }
            guard let callee, callee.matches(fact.callee)
                || (fact.callee.utf8.contains(UInt8(ascii: "(")) && callee.matches(fact.callee.replacing("()", with: "")))
            else { return nil }
            return fact.callee
        }
    }

    public var checks: [Language: [Check]]
    /// Per language: the checks whose call pattern ends in a plain name, by that name, and the
    /// others (`jwt.*PyJWT().decode*`). A call only tries the checks of its last name part plus
    /// the others, in file order: most calls try none.
    private var byLastName: [Language: [UInt64: [Int]]] = [:]
    private var wildcards: [Language: [Int]] = [:]
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
                let call = try item.optionalString("call")
                let callee = try item.optionalString("callee")
                guard (call == nil) != (callee == nil) else {
                    throw item.error("name the call with \"call\" (qualified name) or \"callee\" (as written), one of them")
                }
                if call?.isEmpty == true || callee?.isEmpty == true {
                    throw item.error("the call must not be empty", key: call != nil ? "call" : "callee")
                }
                let condition = try Self.condition(item)
                let usage = try Self.usage(item)
                var unlessFunction: FunctionGuard?
                if let guardReader = try item.optionalObject("unlessFunction") {
                    let names = try guardReader.optionalStringArray("names") ?? []
                    let calls = try guardReader.optionalStringArray("calls") ?? []
                    try guardReader.finish()
                    guard !names.isEmpty || !calls.isEmpty else { throw guardReader.error("list \"names\" and/or \"calls\" patterns") }
                    unlessFunction = FunctionGuard(names: names.map { NamePattern($0.lowercased()) },
                                                   calls: calls.map { NamePattern($0.lowercased()) })
                }
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
                list.append(Check(call: call.map(NamePattern.init), callee: callee.map(NamePattern.init), condition: condition,
                                  unless: unless, usage: usage, unlessFunction: unlessFunction, evidence: evidence))
            }
            checks[language] = list
        }
        try lists.finish()
        guard !checks.isEmpty else { throw lists.error("list checks under \"python\" and/or \"typescript\"") }
        self.checks = checks
        skipTestCode = try reader.optionalBool("skipTestCode") ?? false
        for (language, list) in checks {
            for (index, check) in list.enumerated() {
                let pattern = (check.call ?? check.callee)?.pattern ?? "*"
                let last = pattern.split(separator: ".").last.map(String.init) ?? pattern
                if last.contains("*") || last.contains("(") || last.isEmpty {
                    wildcards[language, default: []].append(index)
                } else {
                    byLastName[language, default: [:]][Self.lastNameKey(last), default: []].append(index)
                }
            }
        }
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
        for key in ["named", "like"] {
            guard let names = try item.optionalStringArray(key) else { continue }
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else { throw item.error("list non-empty patterns", key: key) }
            predicates.append(key == "named" ? .named(names.map(NamePattern.init)) : .like(names.map { NamePattern($0.lowercased()) }))
        }
        if let lifetime = try item.optionalString("lifetime") {
            guard lifetime == "length" || lifetime == "expiry" else {
                throw item.error("\"lifetime\" is \"length\" or \"expiry\"", key: "lifetime")
            }
            predicates.append(.lifetime(expiry: lifetime == "expiry"))
        }
        guard predicates.count <= 1 else {
            throw item.error("use one of \"equals\", \"contains\", \"mixes\", \"missing\", \"properties\", \"named\", \"like\", \"lifetime\" per check")
        }
        if let first = predicates.first, first != .lifetime(expiry: false), argument == nil, keyword == nil {
            throw item.error("say where to look: \"argument\" and/or \"keyword\"")
        }
        if property != nil, argument == nil, keyword == nil {
            throw item.error("say where to look: \"argument\" and/or \"keyword\"")
        }
        return Condition(argument: argument, keyword: keyword, property: property, predicate: predicates.first ?? .any)
    }

    private static func usage(_ item: JSONObjectReader) throws(JSONSchemaError) -> Usage? {
        let decides = try item.optionalObject("decides")
        let failure = try item.optionalStringArray("failure")
        let mints = try item.optionalStringArray("mints")
        if [decides != nil, failure != nil, mints != nil].filter({ $0 }).count > 1 {
            throw item.error("use one of \"decides\", \"failure\", \"mints\"")
        }
        if let mints {
            guard !mints.isEmpty, !mints.contains(where: \.isEmpty) else { throw item.error("list non-empty call patterns", key: "mints") }
            return .mints(calls: mints.map(NamePattern.init))
        }
        if let decides {
            let functions = try decides.stringArray("functions")
            let except = try decides.optionalStringArray("exceptFunctions") ?? []
            let unless = try decides.optionalStringArray("unlessCalls") ?? []
            try decides.finish()
            guard !functions.isEmpty else { throw decides.error("list the function name patterns", key: "functions") }
            return .decides(functions: functions.map { NamePattern($0.lowercased()) },
                            exceptFunctions: except.map { NamePattern($0.lowercased()) }, unlessCalls: unless.map(NamePattern.init))
        }
        if let failure {
            guard !failure.isEmpty, !failure.contains(where: \.isEmpty) else { throw item.error("list non-empty word patterns", key: "failure") }
            return .failure(words: failure.map { NamePattern($0.lowercased()) })
        }
        return nil
    }

    // MARK: - Evaluation

    func evaluate(_ facts: FileFacts, rule: Rule, isTestCode: Bool, names: CallNameIndex? = nil) -> [RuleHit] {
        guard !(skipTestCode && isTestCode), let checks = checks[facts.language], !checks.isEmpty else { return [] }
        let names = names ?? CallNameIndex(facts)
        var hits: [RuleHit] = []
        var owners: [Int]?
        var bindings: ValueBindingIndex?
        var usages: CallUsage?
        var reportedEnd = -1
        var valueRanges: [ByteRange] = []
        let byName = byLastName[facts.language] ?? [:]
        let others = wildcards[facts.language] ?? []
        var candidates: [Int] = []
        let calls = facts.calls
        // The calls to look at: those whose last name part some check names (all of them when a
        // check's pattern ends in a wildcard), in file order.
        let callIndices: [Int]
        if others.isEmpty {
            var found: [Int] = []
            for key in byName.keys { found += names.calls(withLastName: key) }
            guard !found.isEmpty else { return [] }
            callIndices = Array(Set(found)).sorted()
        } else {
            callIndices = Array(calls.indices)
        }
        for index in callIndices {
            // One finding per outermost call: `jwt.encode({"exp": now + timedelta(...)})` once.
            if calls[index].range.start < reportedEnd { continue }
            candidates.removeAll(keepingCapacity: true)
            let calleeLast = names.calleeKeys[index]
            if let list = byName[calleeLast] { candidates += list }
            let last = names.qualifiedKeys[index]
            if last != 0, last != calleeLast, let list = byName[last] { candidates += list }
            if candidates.isEmpty, others.isEmpty { continue }
            candidates += others
            let call = calls[index]
            if candidates.count > 1 { candidates.sort() }
            for k in candidates {
                let check = checks[k]
                guard let name = check.matches(call) else { continue }
                var valueRange: ByteRange?
                if owners == nil {
                    owners = facts.callOwners()
                    bindings = ValueBindingIndex(facts)
                }
                let context = Context(call: call, function: owners![index], bindings: bindings!, language: facts.language)
                guard let value = context.holds(check.condition, found: &valueRange),
                      !check.unless.contains(where: { context.holds($0) != nil }) else { continue }
                if let unlessFunction = check.unlessFunction {
                    if usages == nil { usages = CallUsage(facts, owners: owners!) }
                    if usages!.functionExcuses(call: index, names: unlessFunction.names, calls: unlessFunction.calls) { continue }
                }
                var use = ""
                if let usage = check.usage {
                    if usages == nil { usages = CallUsage(facts, owners: owners!) }
                    guard let found = usages!.describe(call: index, usage) else { continue }
                    use = found
                }
                let evidence = Evaluator.fill(check.evidence) { key in
                    key == "value" ? value : key == "use" ? use : nil
                }
                hits.append(Evaluator.hit(rule, range: call.range, values: ["call": name, "evidence": evidence]))
                valueRanges.append(valueRange ?? call.range)
                reportedEnd = call.range.end
                break
            }
        }
        return Self.withoutRepeats(hits, valueRanges: valueRanges)
    }

    /// A hash (FNV-1a, never 0) of the part after the last `.` (`decode` of `jwt.decode`, `close` of
    /// `self.ws.close`), computed without allocating: the key of `byLastName`. Candidates are
    /// confirmed by their patterns, so a collision costs a pattern match, never a finding.
    static func lastNameKey(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            if byte == UInt8(ascii: ".") {
                hash = 0xcbf2_9ce4_8422_2325
            } else {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        return hash == 0 ? 1 : hash
    }

    /// Leaves out a finding on a call inside the value another finding reports (a
    /// `timedelta(days=30)` in the `payload` whose `exp` a `jwt.encode` finding already shows).
    /// Sorted once, then a binary search per finding: linear in the findings up to a log.
    static func withoutRepeats(_ hits: [RuleHit], valueRanges: [ByteRange]) -> [RuleHit] {
        guard hits.count > 1 else { return hits }
        let sorted = valueRanges.sorted { $0.start < $1.start }
        var reach: [Int] = []
        reach.reserveCapacity(sorted.count)
        for range in sorted { reach.append(max(reach.last ?? Int.min, range.end)) }
        return hits.filter { hit in
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid].start <= hit.range.start { low = mid + 1 } else { high = mid }
            }
            // A range that starts at or before the hit and reaches its end, other than the hit's own.
            var k = low - 1
            var steps = 0
            while k >= 0, reach[k] >= hit.range.end, steps < 8 {
                if sorted[k] != hit.range, sorted[k].end >= hit.range.end { return false }
                k -= 1
                steps += 1
            }
            return true
        }
    }

    /// One call, with what is needed to resolve its arguments.
    private struct Context {
        let call: CallFact
        let function: Int
        let bindings: ValueBindingIndex
        let language: Language

        /// The value text for the evidence when `condition` holds, nil when it does not.
        func holds(_ condition: Condition) -> String? {
            var ignored: ByteRange?
            return holds(condition, found: &ignored)
        }

        /// Like `holds(_:)`, also giving the range of the value the condition looked at.
        func holds(_ condition: Condition, found range: inout ByteRange?) -> String? {
            if condition.argument == nil, condition.keyword == nil {
                // The call itself: a `timedelta(minutes=5)` is a length.
                if case .lifetime = condition.predicate { return Lifetime.describe(call: call) }
                return ""
            }
            var found = call.argument(keyword: condition.keyword, position: condition.argument)
            if let property = condition.property {
                // A dotted path walks nested objects: `signOptions.expiresIn`.
                for key in property.split(separator: ".").map(String.init) {
                    found = found.flatMap { properties(of: $0) }.flatMap { $0.first { $0.keyword == key } }
                }
            }
            range = found?.range
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
            case .named(let patterns):
                guard let name = found?.name, patterns.contains(where: { $0.matches(name) }) else { return nil }
                return name
            case .like(let patterns):
                guard let found, let text = found.stringValue, patterns.contains(where: { $0.matches(text.lowercased()) }) else { return nil }
                return render(found)
            case .lifetime(let expiry):
                guard let found, let seconds = Lifetime.seconds(of: found, expiry: expiry) else { return nil }
                return Lifetime.render(seconds)
            }
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
            case .number(let value)?: return Lifetime.number(value)
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

/// The last name part of every call of a file, hashed (`InsecureCallMatch.lastNameKey`), and the
/// calls by it: built once per file for all `insecure-call` rules, so each rule looks only at the
/// calls it names.
public struct CallNameIndex: Sendable {
    /// Per call: the key of its callee as written, and of its qualified name (0 when it has none).
    let calleeKeys: [UInt64]
    let qualifiedKeys: [UInt64]
    private let byKey: [UInt64: [Int]]

    public init(_ facts: FileFacts) {
        var callee: [UInt64] = []
        var qualified: [UInt64] = []
        var byKey: [UInt64: [Int]] = [:]
        callee.reserveCapacity(facts.calls.count)
        qualified.reserveCapacity(facts.calls.count)
        for (index, call) in facts.calls.enumerated() {
            let a = InsecureCallMatch.lastNameKey(call.callee)
            let b = call.qualifiedName.map(InsecureCallMatch.lastNameKey) ?? 0
            callee.append(a)
            qualified.append(b)
            byKey[a, default: []].append(index)
            if b != 0, b != a { byKey[b, default: []].append(index) }
        }
        calleeKeys = callee
        qualifiedKeys = qualified
        self.byKey = byKey
    }

    func calls(withLastName key: UInt64) -> [Int] { byKey[key] ?? [] }
}

extension InsecureCallMatch {
    /// A check fires on a call it names (the pieces of its call or callee), whose argument is
    /// as its condition says, used as its usage says.
    func requirement(for language: Language) -> TextRequirement {
        (checks[language] ?? []).reduce(.never) { requirement, check in
            var clause = TextRequirement.name(check.call?.pattern ?? check.callee?.pattern ?? "*")
            if let needles = Self.needles(of: check.condition.predicate) { clause = clause.and(folded: needles) }
            switch check.condition.predicate {
            case .properties(let patterns), .named(let patterns), .like(let patterns): clause = clause.and([patterns.map(\.pattern)])
            case .mixes(let groups): clause = clause.and([groups.joined().map(\.pattern)])
            default: break
            }
            switch check.usage {
            case .mints(let calls): clause = clause.and([calls.map(\.pattern)])
            case .failure(let words): clause = clause.and([words.map(\.pattern)])
            case .decides, nil: break
            }
            return requirement.or(clause)
        }
    }

    /// How an `equals` or `contains` value can be written (folded): a string as itself; `true`,
    /// `false`, `None`/`null`/`undefined`; a whole number in decimal (also inside `1011.0`,
    /// `1.011e3`, `1_011`), hex, octal or binary. Nil when anything else is compared.
    static func needles(of predicate: Condition.Predicate) -> [[UInt8]]? {
        switch predicate {
        case .contains(let text): return [TextRequirement.folded(text)]
        case .equals(.string(let text)): return [TextRequirement.folded(text)]
        case .equals(.bool(let flag)): return [Array((flag ? "true" : "false").utf8)]
        case .equals(.null): return ["none", "null", "undefined"].map { Array($0.utf8) }
        case .equals(.number(let number)):
            guard number >= 0, number < 1e15, number == number.rounded() else { return nil }
            let value = Int(number)
            return [10, 16, 8, 2].map { Array(String(value, radix: $0).utf8) }
        default: return nil
        }
    }
}
