import Facts
import JSONC
import Model

/// A function named like an SSOT-owned operation that implements it instead of delegating.
///
/// A function (see `FunctionFact`) whose normalised name matches one of `operations` is reported
/// when its body, nested functions included, shows evidence of doing the work itself (at most
/// `EvidenceList.limitPerKind` distinct items of each kind are named):
/// 1. a call (not chained) resolved into one of `libraryModules` (exception constructors such as
///    `jwt.InvalidTokenError(...)` excepted: raising the library's error is error mapping);
/// 2. a read of one of `claims` (`p["exp"]`, `p.get("exp")`, `p.exp`) in a statement with a
///    comparison, or bound to a local that a later comparison uses;
/// 3. a revocation store: a container name or key-like string matching `revocationStores`.
/// Anything inside the arguments of a call to one of `delegates` is not evidence. Without evidence
/// of its own, a function's local helpers count (`self._decode(t)`, `_check(t)`, a method passed
/// as `to_thread(self._validate_locally, t)`; one level, and not helpers reported themselves):
/// `calls jwt.decode via _validate_locally`. A function without evidence (a wrapper that logs,
/// maps errors or reshapes arguments) is not reported, nor is a Python test function
/// (`test_verify_token` tests the operation, it does not implement it).
public struct DuplicateImplementationMatch: Sendable, Equatable {
    /// Normalised name patterns of the operations the SSOT owns.
    public var operations: [NormalizedPattern]
    /// Calls whose arguments are handed to the SSOT (matched against callee and qualified name).
    public var delegates: [Language: [NamePattern]]
    /// Modules whose calls are the operation itself.
    public var libraryModules: [Language: [String]]
    /// Claim names (exact).
    public var claims: [String]
    /// Normalised name patterns of revocation stores.
    public var revocationStores: [NormalizedPattern]

    /// Reads the rule's `match` object (the caller calls `finish()` on it afterwards).
    init(_ reader: JSONObjectReader) throws(JSONSchemaError) {
        operations = try Self.patterns(reader, key: "operations", required: true)
        delegates = try Self.languageLists(reader, key: "delegates").mapValues { $0.map(NamePattern.init) }
        libraryModules = try Self.languageLists(reader, key: "libraryModules")
        claims = try Self.names(reader, key: "claims")
        revocationStores = try Self.patterns(reader, key: "revocationStores", required: false)
        try reader.finish()  // unknown keys first: a misspelt key explains the checks below
        if libraryModules.isEmpty, claims.isEmpty, revocationStores.isEmpty {
            throw reader.error("a duplicate-implementation rule needs evidence to look for: "
                               + "\"libraryModules\", \"claims\" or \"revocationStores\"")
        }
    }

    func evaluate(_ facts: FileFacts, rule: Rule) -> [RuleHit] {
        guard !facts.functions.isEmpty, !operations.isEmpty else { return [] }
        let matcher = NormalizedMatcher(operations)
        var keys: [String?] = Array(repeating: nil, count: facts.functions.count)
        var buffer: [UInt8] = []
        for index in facts.functions.indices {
            NormalizedPattern.normalize(facts.functions[index].name, into: &buffer)
            guard matcher.matches(buffer), !Self.isTest(facts.functions[index].name, facts.language) else { continue }
            keys[index] = String(decoding: buffer, as: UTF8.self)
        }
        guard keys.contains(where: { $0 != nil }) else { return [] }
        let bodies = facts.scanFunctionBodies()
        let evidence = Evidence.collect(self, facts, bodies: bodies, operations: keys)
        var hits: [RuleHit] = []
        for (index, key) in keys.enumerated() {
            guard let key else { continue }
            let found = evidence.direct[index].isEmpty ? evidence.viaHelpers[index] : evidence.direct[index]
            guard !found.isEmpty else { continue }
            let function = facts.functions[index]
            var hit = Evaluator.hit(rule, range: function.nameRange,
                                    values: ["function": function.qualifiedName, "evidence": found.texts.joined(separator: "; ")])
            hit.groupKey = key
            hit.subject = function.qualifiedName
            hit.shape = ShapeSignature(shingles: Shape.shingles(bodies[index].skeleton))
            hits.append(hit)
        }
        return hits
    }

    /// A Python test function (`test_...`, unittest's `testSomething`): named after the operation
    /// it tests, never an implementation of it.
    static func isTest(_ name: String, _ language: Language) -> Bool {
        guard language == .python, name.hasPrefix("test") else { return false }
        let next = name.utf8.dropFirst(4).first
        return next == UInt8(ascii: "_") || (next.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ?? false)
    }

    // MARK: - Loading

    /// A required or optional array of non-empty strings at `key`.
    static func names(_ reader: JSONObjectReader, key: String, required: Bool = false) throws(JSONSchemaError) -> [String] {
        let values = required ? try reader.stringArray(key) : (try reader.optionalStringArray(key) ?? [])
        if let empty = values.firstIndex(where: { $0.isEmpty }) {
            throw reader.error("names must not be empty", key: key).at(reader.path(of: key, index: empty))
        }
        if required, values.isEmpty { throw reader.error("list at least one name", key: key) }
        return values
    }

    static func patterns(_ reader: JSONObjectReader, key: String, required: Bool) throws(JSONSchemaError) -> [NormalizedPattern] {
        let values = try names(reader, key: key, required: required)
        for (index, value) in values.enumerated() where NormalizedPattern.normalize(value).allSatisfy({ $0 == UInt8(ascii: "*") }) {
            throw reader.error("pattern \"\(value)\" would match every name", key: key).at(reader.path(of: key, index: index))
        }
        return values.map(NormalizedPattern.init)
    }

    /// An optional `{"python": [...], "typescript": [...]}` (see `RuleLoader.perLanguage`).
    static func languageLists(_ reader: JSONObjectReader, key: String) throws(JSONSchemaError) -> [Language: [String]] {
        guard reader.contains(key) else {
            _ = reader.node(key)
            return [:]
        }
        do {
            return try RuleLoader.perLanguage(reader, key: key)
        } catch let error as JSONSchemaError {
            throw error
        } catch {
            throw reader.error("\(error)", key: key)
        }
    }
}
