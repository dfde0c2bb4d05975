import Facts
import JSONC
import Model

/// A second validator that runs only when the auth service fails: an `except` / `catch` (or a
/// promise's `.catch`) of an auth-service call, or a branch on an open circuit breaker, that
/// decodes or verifies the token itself, calls a local validator, or returns a "valid" result from
/// a cache or a default.
///
/// - The handler is of an auth-service call when it catches an error named like an outage
///   (`serviceErrors`: `ConnectionError`, `TimeoutException`, `CircuitBreakerOpen`), or its `try`
///   body calls something named like the service (`serviceCalls`, matched without case against
///   the callee as written: `self.auth_client.validate_token`, `httpx.post`). A branch counts when
///   its condition has a word of `outageConditions` (`circuit_breaker.is_open`, `degraded`).
/// - What it does: a call of `localChecks` (qualified names per language: `jwt.decode`), a call
///   whose last name matches `localValidators` (`_validate_locally`), a `return` of a call (or a
///   local bound to one) matching `cacheReads` (`cache.get`), or a `return` of `True` / a dict,
///   object or call with one of `validResults` set to true (`{"valid": True}`).
///
/// The message fills `{handler}` (the `` `except httpx.ConnectError` `` handler of
/// `` `auth_client.validate_token` ``, the outage branch `` `if breaker.is_open` ``), `{service}`
/// (the service call, or the caught error) and `{evidence}`.
public struct LocalFallbackMatch: Sendable, Equatable {
    public var serviceCalls: [NamePattern]
    public var serviceErrors: [NamePattern]
    public var outageConditions: [NamePattern]
    public var localChecks: [Language: [NamePattern]]
    public var localValidators: [NamePattern]
    public var cacheReads: [NamePattern]
    public var validResults: [String]
    public var skipTestCode: Bool
    /// Calls and returns looked at in one block.
    static let maximumPerBlock = 256

    init(_ reader: JSONObjectReader) throws(JSONSchemaError) {
        func patterns(_ key: String) throws(JSONSchemaError) -> [NamePattern] {
            let list = try reader.stringArray(key)
            guard !list.isEmpty, !list.contains(where: \.isEmpty) else { throw reader.error("list non-empty patterns", key: key) }
            return list.map { NamePattern($0.lowercased()) }
        }
        serviceCalls = try patterns("serviceCalls")
        serviceErrors = try patterns("serviceErrors")
        outageConditions = try patterns("outageConditions")
        localValidators = try patterns("localValidators")
        cacheReads = try patterns("cacheReads")
        validResults = try reader.stringArray("validResults").map { $0.lowercased() }
        let checks = try reader.object("localChecks")
        var local: [Language: [NamePattern]] = [:]
        for language in Language.allCases {
            if let list = try checks.optionalStringArray(language.rawValue) { local[language] = list.map(NamePattern.init) }
        }
        try checks.finish()
        localChecks = local
        skipTestCode = try reader.optionalBool("skipTestCode") ?? false
    }

    func evaluate(_ facts: FileFacts, rule: Rule, isTestCode: Bool) -> [RuleHit] {
        guard !(skipTestCode && isTestCode), !facts.blocks.isEmpty else { return [] }
        var hits: [RuleHit] = []
        var bindings: ValueBindingIndex?
        var owners: [Int]?
        var blockOwners: [Int]?
        for (index, block) in facts.blocks.enumerated() {
            let service: String
            switch block.kind {
            case .handler:
                guard let found = serviceFailure(facts, handler: index) else { continue }
                service = found
            case .branch:
                guard let word = block.headerWords.first(where: { word in outageConditions.contains { $0.matches(word.lowercased()) } })
                else { continue }
                service = word
            case .tryBody, .elseBranch:
                continue
            }
            if bindings == nil {
                bindings = ValueBindingIndex(facts)
                owners = facts.innermostFunctions(containing: facts.returns.map { $0.range.start })
            }
            var found = localValidation(facts, in: block.body, bindings: bindings!, returnOwners: owners!)
            var after = false
            if found == nil, block.kind == .handler, !block.exits {
                // The handler swallows the failure: what follows its `try` statement, to the end of
                // the function, runs when the service failed.
                if blockOwners == nil { blockOwners = facts.innermostFunctions(containing: facts.blocks.map { $0.body.start }) }
                let function = blockOwners![index]
                let end = function >= 0 ? facts.functions[function].bodyRange.end : facts.blocks[block.parent ?? index].body.end
                if end > block.body.end {
                    found = localValidation(facts, in: ByteRange(block.body.end, end), bindings: bindings!, returnOwners: owners!)
                    after = true
                }
            }
            guard let (range, evidence) = found else { continue }
            var handler = block.kind == .handler
                ? "the `\(block.written(in: facts.language))` handler of `\(service)`" : "the outage branch `\(block.written(in: facts.language))`"
            if after { handler = "after " + handler + " swallows the failure, the code" }
            hits.append(Evaluator.hit(rule, range: range, values: ["handler": handler, "service": service, "evidence": evidence]))
        }
        return hits
    }

    /// What makes a handler one of an auth-service failure: the service call in its `try` body,
    /// or else the caught error (then the first call of the `try` body names the service).
    private func serviceFailure(_ facts: FileFacts, handler index: Int) -> String? {
        let handler = facts.blocks[index]
        let local = localChecks[facts.language] ?? []
        var first: String?
        if let tryBlock = handler.tryBlock {
            for k in calls(facts, in: facts.blocks[tryBlock].body) {
                let call = facts.calls[k]
                if let name = call.qualifiedName, local.contains(where: { $0.matches(name) }) { continue }
                if serviceCalls.contains(where: { $0.matches(call.callee.lowercased()) }) { return call.callee }
                if first == nil { first = call.callee }
            }
        }
        guard let word = handler.headerWords.first(where: { word in serviceErrors.contains { $0.matches(word.lowercased()) } })
        else { return nil }
        return first ?? word
    }

    /// The first local validation in `body`: a call, or a `return` of a cached or valid result.
    private func localValidation(_ facts: FileFacts, in body: ByteRange, bindings: ValueBindingIndex,
                                 returnOwners: [Int]) -> (ByteRange, String)? {
        let local = localChecks[facts.language] ?? []
        var found: (ByteRange, String)?
        for k in calls(facts, in: body) {
            let call = facts.calls[k]
            if let name = call.qualifiedName, local.contains(where: { $0.matches(name) }) {
                found = (call.range, "decodes the token itself with `\(name)`")
                break
            }
            let last = call.callee.split(separator: ".").last.map { String($0).lowercased() } ?? ""
            if localValidators.contains(where: { $0.matches(last) }) {
                found = (call.range, "validates it locally with `\(call.callee)`")
                break
            }
            // A local validator handed to a worker: `asyncio.to_thread(self._validate_locally, token)`.
            if let name = call.arguments.lazy.compactMap(\.name).first(where: { name in
                let last = name.split(separator: ".").last.map { String($0).lowercased() } ?? ""
                return localValidators.contains { $0.matches(last) }
            }) {
                found = (call.range, "validates it locally with `\(name)`")
                break
            }
        }
        for r in returns(facts, in: body) {
            if let found, found.0.start < facts.returns[r].range.start { break }
            guard let value = facts.returns[r].value else { continue }
            if let evidence = returnEvidence(facts, value, function: returnOwners[r], bindings: bindings) {
                return (facts.returns[r].range, evidence)
            }
        }
        return found
    }

    private func returnEvidence(_ facts: FileFacts, _ value: ArgumentFact, function: Int, bindings: ValueBindingIndex) -> String? {
        let python = facts.language == .python
        if value.literal == .bool(true) { return "returns \(python ? "True" : "true")" }
        let truth = python ? "True" : "true"
        if let key = value.properties.first(where: { validResults.contains(($0.keyword ?? "").lowercased()) && $0.literal == .bool(true) })?.keyword {
            return "returns a valid result (`\(key): \(truth)`) without the service"
        }
        // A call starting where the value starts: `ValidationResult(valid=True)`, `cache.get(t)`.
        if let k = callIndex(facts, at: value.range.start) {
            let call = facts.calls[k]
            if let key = call.arguments.first(where: { validResults.contains(($0.keyword ?? "").lowercased()) && $0.literal == .bool(true) })?.keyword {
                return "returns a valid result (`\(key)=\(truth)`) without the service"
            }
            if let key = call.arguments.first?.properties.first(where: { validResults.contains(($0.keyword ?? "").lowercased()) && $0.literal == .bool(true) })?.keyword {
                return "returns a valid result (`\(key): \(truth)`) without the service"
            }
            if cacheReads.contains(where: { $0.matches(call.callee.lowercased()) }) {
                return "returns a cached result from `\(call.callee)`"
            }
        }
        // A cached value returned as it is, or spread / put into the result (`{**cached.claims}`).
        for name in ([value.name] + value.properties.map(\.name)).compactMap({ $0 }) {
            let head = String(name.split(separator: ".").first ?? "")
            guard let binding = bindings.binding(of: head, in: function, before: value.range.start),
                  binding.isCallResult, cacheReads.contains(where: { $0.matches(binding.value.replacing("()", with: "").lowercased()) })
            else { continue }
            return "returns a cached result `\(head)` from `\(binding.value.replacing("()", with: ""))`"
        }
        return nil
    }

    private func calls(_ facts: FileFacts, in range: ByteRange) -> Range<Int> {
        facts.callIndices(startingIn: range, limit: Self.maximumPerBlock)
    }

    private func returns(_ facts: FileFacts, in range: ByteRange) -> Range<Int> {
        facts.returnIndices(startingIn: range, limit: Self.maximumPerBlock)
    }

    private func callIndex(_ facts: FileFacts, at offset: Int) -> Int? {
        // Several calls may start at one place (`a.b().c()`): the outermost is the last recorded.
        facts.callIndices(startingIn: ByteRange(offset, offset + 1)).last
    }
}

extension LocalFallbackMatch {
    /// Something about the service (a call, an error, an outage condition) and something local
    /// (a local check or validator, a cache read, or `true`: returned, or as a valid result).
    func requirement(for language: Language) -> TextRequirement {
        let service = (serviceCalls + serviceErrors + outageConditions).map(\.pattern)
        let local = ((localChecks[language] ?? []) + localValidators + cacheReads).map(\.pattern) + ["true"]
        return .all([service, local])
    }
}
