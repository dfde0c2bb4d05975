import Facts
import Model

/// Lengths of time in checks' `lifetime` predicate: how they are read and shown.
enum Lifetime {
    /// The seconds an argument spells (see `InsecureCallMatch`'s `lifetime`), or nil.
    static func seconds(of fact: ArgumentFact, expiry: Bool) -> Double? {
        if let seconds = fact.seconds { return fact.isExpiry == expiry ? seconds : nil }
        guard !expiry else { return nil }
        if case .number(let value)? = fact.literal { return value }
        return fact.stringValue.flatMap(parse)
    }

    /// A time-span string as token libraries read it: `"60"` (milliseconds), `"90s"`, `"15m"`,
    /// `"1h"`, `"2 days"`, `"1.5 hours"`, `"1w"`, `"1y"`.
    static func parse(_ text: String) -> Double? {
        let trimmed = text.lowercased().filter { $0 != " " }
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard !digits.isEmpty, let number = Double(digits) else { return nil }
        let unit = String(trimmed.dropFirst(digits.count))
        switch unit {
        case "": return number / 1_000
        case "ms", "msec", "msecs", "millisecond", "milliseconds": return number / 1_000
        case "s", "sec", "secs", "second", "seconds": return number
        case "m", "min", "mins", "minute", "minutes": return number * 60
        case "h", "hr", "hrs", "hour", "hours": return number * 3_600
        case "d", "day", "days": return number * 86_400
        case "w", "week", "weeks": return number * 604_800
        case "y", "yr", "yrs", "year", "years": return number * 31_557_600
        default: return nil
        }
    }

    /// A `timedelta(...)` call's length (`15 min (900 s)`), or its arguments as written when one
    /// is a constant (`minutes=ACCESS_TOKEN_EXPIRE_MINUTES`: upper case, PEP 8's spelling of a
    /// module constant); nil when it has none, or a value is a parameter or local (lower case:
    /// the caller decides) or a setting (a dotted name: configured elsewhere).
    static func describe(call: CallFact) -> String? {
        guard !call.arguments.isEmpty else { return nil }
        var total = 0.0
        var parts: [String] = []
        var literal = true
        for (index, argument) in call.arguments.enumerated() {
            guard let unit = DurationValue.timedeltaUnit(keyword: argument.keyword, position: index) else { return nil }
            let label = argument.keyword ?? (index == 0 ? "days" : "seconds")
            if case .number(let value)? = argument.literal {
                total += value * unit
                parts.append("\(label)=\(Lifetime.number(value))")
            } else if let product = argument.seconds, !argument.isExpiry {
                // `minutes=15 * 60`: a product of numbers, in the argument's unit.
                total += product * unit
            } else if let name = argument.name {
                guard name.contains(where: \.isLetter), name.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" })
                else { return nil }
                literal = false
                parts.append("\(label)=\(name)")
            } else {
                return nil
            }
        }
        return literal ? render(total) : "`" + parts.joined(separator: ", ") + "` (a constant)"
    }

    /// `60 s`, `15 min (900 s)`, `1 h (3600 s)`, `7 days (604800 s)`.
    /// `60`, `0.06`: whole numbers without a fraction, others to two decimals.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String((value * 100).rounded() / 100)
    }

    static func render(_ seconds: Double) -> String {
        let plain = number(seconds) + " s"
        if seconds >= 86_400, seconds.truncatingRemainder(dividingBy: 86_400) == 0 {
            let days = seconds / 86_400
            return "\(number(days)) \(days == 1 ? "day" : "days") (\(plain))"
        }
        if seconds >= 3_600, seconds.truncatingRemainder(dividingBy: 3_600) == 0 { return "\(number(seconds / 3_600)) h (\(plain))" }
        if seconds >= 120, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(number(seconds / 60)) min (\(plain))" }
        return plain
    }
}

/// Where calls' results go and in which branches calls are, for checks' `decides` and `failure`
/// (see `InsecureCallMatch`). Built once per file when a check needs it; each question costs a
/// few dictionary lookups plus a walk of at most `maximumDepth` enclosing blocks.
struct CallUsage {
    static let maximumDepth = 8
    /// Calls looked at in one `try` body.
    static let maximumTryCalls = 256

    private let facts: FileFacts
    private let owners: [Int]
    /// Innermost block of each call, or -1.
    private let callBlocks: [Int]
    /// "function\0offset" of each return value's start; "function\0name" of returned names
    /// (the head of a dotted name).
    private var returned: Set<String> = []
    /// Branch and else headers by "function\0word": (header start, block) in source order.
    private var headers: [String: [(start: Int, block: Int)]] = [:]
    /// Branch headers (not else), sorted by start, for "is this call in a condition".
    private var conditions: [(range: ByteRange, block: Int)] = []
    /// Value bindings by function, in source order.
    private var bindings: [Int: [ValueBinding]] = [:]
    /// Calls by function, in source order.
    private var callsByFunction: [Int: [Int]] = [:]

    init(_ facts: FileFacts, owners: [Int]) {
        self.facts = facts
        self.owners = owners
        callBlocks = facts.innermostBlocks(containing: facts.calls.map { $0.range.start })
        let returnOwners = facts.innermostFunctions(containing: facts.returns.map { $0.range.start })
        for (fact, function) in zip(facts.returns, returnOwners) {
            // A callback's result (`tokens.map((t) => decode(t))`) is not the function's.
            guard let value = fact.value, !fact.isArrowBody else { continue }
            returned.insert("\(function)\u{0}\(value.range.start)")
            if let name = value.name { returned.insert("\(function)\u{0}\(Self.head(name))") }
        }
        let order = facts.blocks.indices.sorted { facts.blocks[$0].headerRange.start < facts.blocks[$1].headerRange.start }
        let blockOwners = facts.innermostFunctions(containing: order.lazy.map { facts.blocks[$0].headerRange.start })
        for (index, function) in zip(order, blockOwners) {
            let block = facts.blocks[index]
            guard block.kind == .branch || block.kind == .elseBranch else { continue }
            if block.kind == .branch { conditions.append((block.headerRange, index)) }
            for word in Set(block.headerWords) { headers["\(function)\u{0}\(word)", default: []].append((block.headerRange.start, index)) }
        }
        for binding in facts.valueBindings { bindings[binding.function, default: []].append(binding) }
        for (index, function) in owners.enumerated() { callsByFunction[function, default: []].append(index) }
    }

    /// Words of a condition that only test presence: `if not claims`, `if (claims == null)`.
    static let presenceWords: Set<String> = ["not", "None", "null", "undefined", "is", "typeof", "and", "or"]

    private static func head(_ name: String) -> String {
        name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
    }

    func describe(call index: Int, _ usage: InsecureCallMatch.Usage) -> String? {
        switch usage {
        case .decides(let functions, let exceptFunctions, let unlessCalls):
            return decision(call: index, functions: functions, exceptFunctions: exceptFunctions, unlessCalls: unlessCalls)
        case .failure(let words): return failure(call: index, words: words)
        case .mints(let patterns):
            let function = owners[index]
            guard let calls = callsByFunction[function] else { return nil }
            for other in calls {
                guard let name = facts.calls[other].qualifiedName, patterns.contains(where: { $0.matches(name) }) else { continue }
                return function >= 0 ? "in `\(facts.functions[function].name)`, which mints tokens with `\(name)`"
                    : "next to `\(name)`"
            }
            return nil
        }
    }

    /// Whether the call's function is named like `names`, or makes another call whose last name
    /// part matches `calls`.
    func functionExcuses(call index: Int, names: [NamePattern], calls: [NamePattern]) -> Bool {
        let function = owners[index]
        guard function >= 0 else { return false }
        let name = facts.functions[function].name.lowercased()
        if names.contains(where: { $0.matches(name) }) { return true }
        guard !calls.isEmpty, let list = callsByFunction[function] else { return false }
        return list.contains { other in
            guard other != index else { return false }
            let callee = facts.calls[other].callee
            let last = String(callee.split(separator: ".").last ?? Substring(callee)).lowercased()
            return calls.contains { $0.matches(last) }
        }
    }

    // MARK: decides

    private func decision(call index: Int, functions: [NamePattern], exceptFunctions: [NamePattern],
                          unlessCalls: [NamePattern]) -> String? {
        let call = facts.calls[index]
        let function = owners[index]
        if !unlessCalls.isEmpty, let calls = callsByFunction[function], calls.contains(where: { other in
            guard let name = facts.calls[other].qualifiedName else { return false }
            return unlessCalls.contains { $0.matches(name) }
        }) { return nil }
        let name = function >= 0 ? facts.functions[function].name : ""
        let lowered = name.lowercased()
        let decides = function >= 0 && functions.contains { $0.matches(lowered) } && !exceptFunctions.contains { $0.matches(lowered) }
        if decides, returned.contains("\(function)\u{0}\(call.range.start)") || facts.functions[function].bodyRange == call.range {
            return "its result is returned from `\(name)`"
        }
        if let condition = condition(containing: call.range.start) {
            return "its result is tested in `\(render(condition))`"
        }
        guard let qualified = call.qualifiedName,
              let binding = bindings[function]?.last(where: { $0.offset <= call.range.start && $0.value.hasPrefix(qualified + "()") })
        else { return nil }
        if decides, returned.contains("\(function)\u{0}\(binding.name)") {
            return "its result `\(binding.name)` is returned from `\(name)`"
        }
        // A test that reads something of the result, not only whether it is there (`if (!payload)`).
        if let list = headers["\(function)\u{0}\(binding.name)"], let found = list.first(where: { entry in
            entry.start > call.range.end && facts.blocks[entry.block].headerWords.contains { word in
                word != binding.name && !Self.presenceWords.contains(word)
            }
        }) {
            return "its result `\(binding.name)` is tested in `\(render(found.block))`"
        }
        return nil
    }

    /// The innermost branch whose condition contains `offset`.
    private func condition(containing offset: Int) -> Int? {
        var low = 0, high = conditions.count
        while low < high {
            let mid = (low + high) / 2
            if conditions[mid].range.start <= offset { low = mid + 1 } else { high = mid }
        }
        var k = low - 1
        var steps = 0
        while k >= 0, steps < Self.maximumDepth {
            if conditions[k].range.end > offset { return conditions[k].block }
            k -= 1
            steps += 1
        }
        return nil
    }

    // MARK: failure

    private func failure(call index: Int, words: [NamePattern]) -> String? {
        let call = facts.calls[index]
        func matches(_ word: String) -> Bool { words.contains { $0.matches(word.lowercased()) } }
        let function = owners[index]
        let floor = function >= 0 ? facts.functions[function].bodyRange.start : 0
        var block = callBlocks[index]
        var depth = 0
        while block >= 0, depth < Self.maximumDepth, facts.blocks[block].body.start >= floor {
            let fact = facts.blocks[block]
            switch fact.kind {
            case .branch, .elseBranch:
                if fact.headerWords.contains(where: matches) {
                    return fact.kind == .branch ? "in the branch `\(render(block))`" : "in the else of `\(render(block))`"
                }
            case .handler:
                if fact.headerWords.contains(where: matches) { return "in the `\(render(block))` handler" }
                // A handler of specific errors that name no auth failure (`except AuthServiceError`:
                // the service broke, 1011 is right) says more than the calls it guards.
                let generic = facts.language == .typescript
                    || fact.headerWords.allSatisfy { $0 == "Exception" || $0 == "BaseException" }
                if generic, let tryBlock = fact.tryBlock, let callee = tryCall(of: tryBlock, matching: matches) {
                    return "in the `\(render(block))` handler of `\(callee)`"
                }
            case .tryBody:
                break
            }
            block = fact.parent ?? -1
            depth += 1
        }
        for argument in call.arguments {
            if let text = argument.stringValue, matches(text) {
                return "with reason \(facts.language == .python ? "\"\(text)\"" : "'\(text)'")"
            }
        }
        return nil
    }

    /// The callee of a call in the `try` body whose callee has a matching part.
    private func tryCall(of tryBlock: Int, matching matches: (String) -> Bool) -> String? {
        for k in facts.callIndices(startingIn: facts.blocks[tryBlock].body, limit: Self.maximumTryCalls) {
            let callee = facts.calls[k].callee
            if callee.split(separator: ".").contains(where: { matches(String($0)) }) { return callee }
        }
        return nil
    }

    private func render(_ block: Int) -> String {
        facts.blocks[block].written(in: facts.language)
    }

}
