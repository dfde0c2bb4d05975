import Facts
import JSONC
import Model

/// A function outside the SSOT that performs a token operation itself instead of delegating.
///
/// Evidence, found in the function's own body (its nested functions are functions of their own).
/// A local helper it calls (one level: a module-level function, a method of its class through
/// `self.`/`cls.`/`this.`, a function nested in it) is reported on its own evidence; the caller is
/// not reported a second time for it (on 46 real packages every such report was a wrapper
/// around the helper), but a token the helper decoded counts as decoded by the caller (4):
/// 1. **calls the library**: a call into one of `libraryModules` (resolved through imports and
///    value flow: `v = jwt.verify; v(t)`, `self.codec.encode(...)`) that matches `libraryCalls`
///    when the rule lists them, not an exception's constructor (raising the library's error is
///    error mapping);
/// 2. **decodes by hand**: splits a value on `"."`, calls one of `decoders` and parses the result
///    (`parsers`) or reads a claim, as `manual-decode` judges it;
/// 3. **verifies a signature itself**: calls one of `signatureChecks` (`hmac.compare_digest`,
///    `crypto.timingSafeEqual`), splits a value on `"."` (a webhook's HMAC check does not) and
///    parses a segment or reads a claim, or is named like an operation (a signed cookie
///    `value.sig` is not a token);
/// 4. **checks claims itself**: compares one of `claims` of a token it decoded itself (read from
///    a value bound to a library call's, a parser's or a decoding local helper's result); of a
///    value of unknown origin (a
///    parameter) when the function is named like an operation, or when it compares a time claim
///    (`timeClaims`) with the clock and another claim too (a copy of the SSOT's checks). Claims of
///    a value returned by any other call (the SSOT, the auth client) are *used*, not checked;
/// 5. **keeps its own revocation store**: a container or key-like string matching
///    `revocationStores`, in a function named like an operation or one that reads a claim.
/// Anything inside the arguments of a call to one of `delegates` is not evidence. The name does
/// not decide; a name matching `operations` raises confidence for 4 and 5, and groups the
/// function with others of the same operation across files. Python `test_*` functions are never
/// reported, nor anything in test code when `skipTestCode` is set (a test helper that forges
/// tokens is a fixture; its library calls are still `forbidden-call` findings). At most `EvidenceList.limitPerKind` items of each kind are named.
public struct DuplicateImplementationMatch: Sendable, Equatable {
    /// Normalised name patterns of the operations the SSOT owns.
    public var operations: [NormalizedPattern]
    /// Calls whose arguments are handed to the SSOT (matched against callee and qualified name).
    public var delegates: [Language: [NamePattern]]
    /// Modules whose calls are the operation itself.
    public var libraryModules: [Language: [String]]
    /// When given for a language, only calls matching these are *calls the library* (the token
    /// operations; key loading is not one). Written as lists, or as the id of a `forbidden-call`
    /// rule of the same pack whose calls they are (`libraryCallsRule`, resolved when the pack loads).
    public var libraryCalls: [Language: [NamePattern]]
    public var libraryCallsRule: String?
    /// Claim names (exact), and which of them are times.
    public var claims: [String]
    public var timeClaims: [String]
    /// Normalised name patterns of revocation stores.
    public var revocationStores: [NormalizedPattern]
    /// Base64 decoders (as for `manual-decode`) and parsers of a decoded segment.
    public var decoders: [Language: [ManualDecodeMatch.Decoder]]
    public var parsers: [Language: [NamePattern]]
    /// Calls that compare signatures or verify one.
    public var signatureChecks: [Language: [NamePattern]]
    /// Whether test code (see `TestCode`) is left out.
    public var skipTestCode: Bool

    /// Reads the rule's `match` object (the caller calls `finish()` on it afterwards).
    init(_ reader: JSONObjectReader) throws(JSONSchemaError) {
        operations = try Self.patterns(reader, key: "operations", required: false)
        delegates = try Self.languageLists(reader, key: "delegates").mapValues { $0.map(NamePattern.init) }
        libraryModules = try Self.languageLists(reader, key: "libraryModules")
        if case .string(let id)? = reader.node("libraryCalls")?.value {
            libraryCallsRule = id
            libraryCalls = [:]
        } else {
            libraryCallsRule = nil
            libraryCalls = try Self.languageLists(reader, key: "libraryCalls").mapValues { $0.map(NamePattern.init) }
        }
        claims = try Self.names(reader, key: "claims")
        timeClaims = try reader.optionalStringArray("timeClaims") ?? ["exp", "nbf", "iat"]
        revocationStores = try Self.patterns(reader, key: "revocationStores", required: false)
        decoders = reader.contains("decoders") ? try ManualDecodeMatch.decoders(reader, key: "decoders") : [:]
        parsers = try Self.languageLists(reader, key: "parsers").mapValues { $0.map(NamePattern.init) }
        signatureChecks = try Self.languageLists(reader, key: "signatureChecks").mapValues { $0.map(NamePattern.init) }
        skipTestCode = try reader.optionalBool("skipTestCode") ?? false
        try reader.finish()  // unknown keys first: a misspelt key explains the checks below
        if libraryModules.isEmpty, claims.isEmpty, revocationStores.isEmpty, decoders.isEmpty {
            throw reader.error("a duplicate-implementation rule needs evidence to look for: "
                               + "\"libraryModules\", \"claims\", \"revocationStores\" or \"decoders\"")
        }
    }

    func evaluate(_ facts: FileFacts, rule: Rule, isTestCode: Bool = false) -> [RuleHit] {
        guard !facts.functions.isEmpty, !(skipTestCode && isTestCode) else { return [] }
        var nameMatches = [Bool](repeating: false, count: facts.functions.count)
        var keys: [String?] = Array(repeating: nil, count: facts.functions.count)
        if !operations.isEmpty {
            let matcher = NormalizedMatcher(operations)
            var buffer: [UInt8] = []
            for index in facts.functions.indices {
                NormalizedPattern.normalize(facts.functions[index].name, into: &buffer)
                if matcher.matches(buffer) {
                    nameMatches[index] = true
                    keys[index] = String(decoding: buffer, as: UTF8.self)
                }
            }
        }
        // Cheap test first: most files can hold no evidence, and their bodies are never scanned.
        guard mayHaveEvidence(facts, anyNameMatches: nameMatches.contains(true)) else { return [] }
        let bodies = facts.scanFunctionBodies()
        let evidence = Evidence.collect(self, facts, bodies: bodies, nameMatches: nameMatches)
        var hits: [RuleHit] = []
        for index in facts.functions.indices where !Self.isTest(facts.functions[index].name, facts.language) {
            let found = evidence.direct[index]
            guard !found.isEmpty else { continue }
            let function = facts.functions[index]
            var hit = Evaluator.hit(rule, range: function.nameRange,
                                    values: ["function": function.qualifiedName, "evidence": found.summary])
            hit.groupKey = keys[index]
            hit.subject = function.qualifiedName
            hit.shape = ShapeSignature(shingles: Shape.shingles(bodies[index].skeleton))
            hits.append(hit)
        }
        return hits
    }

    /// Whether the file can hold evidence at all: a call into the library, a split on `"."`, a
    /// function named like an operation, a revocation store's name in its text, or (for a copy
    /// of the SSOT's claim checks) a time claim and a clock word among its words. Most files have
    /// none.
    func mayHaveEvidence(_ facts: FileFacts, anyNameMatches: Bool) -> Bool {
        if anyNameMatches { return true }
        let modules = libraryModules[facts.language] ?? []
        if !modules.isEmpty, facts.calls.contains(where: { call in
            call.qualifiedName.map { Self.isLibraryCall($0, modules: modules, language: facts.language) } == true
        }) { return true }
        if !decoders.isEmpty || !signatureChecks.isEmpty, ManualDecodeMatch.anySplitOnDot(facts.calls) { return true }
        if !revocationStores.isEmpty, facts.containsIgnoringCase(anyOf: storeFragments) { return true }
        guard !timeClaims.isEmpty else { return false }
        return facts.mentions(anyOf: timeClaims) && facts.mentions(anyOf: Self.clockWords)
    }

    /// The longest run of letters and digits of each revocation-store pattern
    /// (`*token*blacklist*` → `blacklist`), lower case: a file that spells none keeps no store.
    var storeFragments: [[UInt8]] {
        revocationStores.map { pattern in
            let runs = Array(pattern.pattern.lowercased().utf8).split { byte in
                !(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            }
            return Array(runs.max { $0.count < $1.count } ?? [])
        }
    }

    /// The words `FunctionBody`'s scanner takes for the clock (see `MemberRead.comparedWithClock`).
    static let clockWords = ["now", "utcnow", "time", "Date", "datetime", "timestamp", "today", "clock", "monotonic"]

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

extension DuplicateImplementationMatch {
    /// What `mayHaveEvidence` looks for, as text: a function named like an operation, a library
    /// module, a split on `"."` (`split`, with what makes it evidence: a decoder, a signature
    /// check or a parser), a revocation store's name, or a time claim and a clock word as whole
    /// words.
    func requirement(for language: Language) -> TextRequirement {
        var requirement = TextRequirement.names(operations.map(\.pattern))
        if let modules = libraryModules[language], !modules.isEmpty { requirement = requirement.or(.all([modules])) }
        // A split on "." is evidence only with a decoder, a signature check or a parser.
        let decoding = (decoders[language] ?? []).map(\.call.pattern) + (signatureChecks[language] ?? []).map(\.pattern)
            + (parsers[language] ?? []).map(\.pattern)
        if !decoders.isEmpty || !signatureChecks.isEmpty { requirement = requirement.or(.all([["split"], decoding])) }
        if !revocationStores.isEmpty { requirement = requirement.or(.all([revocationStores.map(\.pattern)])) }
        if !timeClaims.isEmpty { requirement = requirement.or(.all([], words: [timeClaims, Self.clockWords])) }
        return requirement
    }
}
