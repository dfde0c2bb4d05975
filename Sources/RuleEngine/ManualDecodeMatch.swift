import Facts
import JSONC
import Model

/// A hand-rolled token decoder: a function whose body (nested functions included) splits a value
/// on `"."` (`x.split(".")`, `x.rsplit(".", 1)`), calls a base64 decoder (`decoders`) and either
/// parses the result (`parsers`) or reads a claim (`claims`). A call to a function of the same
/// file that itself calls a decoder (a `_b64url_decode` helper) counts as a decoder call.
///
/// Reported at the function's name. When a nested function already is such a decoder, only the
/// nested one is reported.
public struct ManualDecodeMatch: Sendable, Equatable {
    /// A decoder call: a name pattern (against the qualified name, else the callee), and
    /// optionally a string argument it must have (`Buffer.from:base64url`).
    public struct Decoder: Hashable, Sendable {
        public var call: NamePattern
        public var argument: String?

        public init(_ written: String) {
            if let colon = written.utf8.lastIndex(of: UInt8(ascii: ":")) {
                call = NamePattern(String(written[..<colon]))
                argument = String(written[written.index(after: colon)...])
            } else {
                call = NamePattern(written)
                argument = nil
            }
        }

        /// Whether `call` is this decoder.
        func matches(_ fact: CallFact) -> Bool {
            guard call.matches(fact.qualifiedName ?? fact.callee) else { return false }
            guard let argument else { return true }
            return fact.arguments.contains { $0.stringValue == argument }
        }

        /// How the evidence names it: `base64.b64decode`, `Buffer.from(…, 'base64url')`.
        func describe(_ fact: CallFact) -> String {
            let name = fact.qualifiedName ?? fact.callee
            return argument.map { "\(name)(…, '\($0)')" } ?? name
        }
    }

    public var decoders: [Language: [Decoder]]
    public var parsers: [Language: [NamePattern]]
    public var claims: [String]

    /// Reads the rule's `match` object (the caller calls `finish()` on it afterwards).
    init(_ reader: JSONObjectReader) throws(JSONSchemaError) {
        guard reader.contains("decoders") else { throw reader.error("missing required key \"decoders\"") }
        let written = try DuplicateImplementationMatch.languageLists(reader, key: "decoders")
        if let node = reader.node("decoders") {
            let lists = try node.object(at: reader.path(of: "decoders"))
            for language in Language.allCases {
                guard let elements = try lists.optionalArray(language.rawValue) else { continue }
                for (index, element) in elements.enumerated() {
                    let path = lists.path(of: language.rawValue, index: index)
                    let decoder = Decoder(try element.string(at: path))
                    if decoder.call.pattern.isEmpty || decoder.argument?.isEmpty == true {
                        throw element.schemaError("write a decoder as \"call\" or \"call:argument\"", at: path)
                    }
                }
            }
        }
        decoders = written.mapValues { $0.map(Decoder.init) }
        parsers = try DuplicateImplementationMatch.languageLists(reader, key: "parsers").mapValues { $0.map(NamePattern.init) }
        claims = try DuplicateImplementationMatch.names(reader, key: "claims")
        try reader.finish()  // unknown keys first: a misspelt key explains the checks below
        if parsers.isEmpty, claims.isEmpty {
            throw reader.error("a manual-decode rule needs \"parsers\" or \"claims\" (what is done with the decoded segment)")
        }
    }

    func evaluate(_ facts: FileFacts, rule: Rule) -> [RuleHit] {
        guard !facts.functions.isEmpty, let decoders = decoders[facts.language], !decoders.isEmpty,
              facts.calls.indices.contains(where: { Self.splitsOnDot(facts.calls[$0]) }) else { return [] }
        let functions = facts.functions
        let helpers = decodingHelpers(facts, decoders: decoders)
        var fires = [Bool](repeating: false, count: functions.count)
        var hits: [RuleHit] = []
        for index in functions.indices.reversed() {
            let nestedEnd = FunctionBodies.nestedEnd(of: index, in: functions)
            if fires[(index + 1)..<nestedEnd].contains(true) { continue }
            guard let evidence = evidence(for: index, in: facts, decoders: decoders, helpers: helpers) else { continue }
            fires[index] = true
            let function = functions[index]
            hits.append(Evaluator.hit(rule, range: function.nameRange,
                                      values: ["function": function.qualifiedName, "evidence": evidence.joined(separator: "; ")]))
        }
        return hits.reversed()
    }

    /// Functions of the file that call a decoder themselves (`_b64url_decode(segment)` wrapping
    /// `base64.urlsafe_b64decode`): name → how the decoder is described.
    private func decodingHelpers(_ facts: FileFacts, decoders: [Decoder]) -> [String: String] {
        var helpers: [String: String] = [:]
        for function in facts.functions where helpers[function.name] == nil {
            for call in FunctionBodies.calls(startingIn: function.bodyRange, facts.calls) {
                if let match = decoders.first(where: { $0.matches(call) }) {
                    helpers[function.name] = "\(function.name) (\(match.describe(call)))"
                    break
                }
            }
        }
        return helpers
    }

    /// The helper a call calls: `name(...)` or `self.name(...)` / `this.name(...)` / `cls.name(...)`.
    private static func helper(_ call: CallFact, in helpers: [String: String]) -> String? {
        guard !helpers.isEmpty, call.qualifiedName == nil, !call.isChained else { return nil }
        let callee = call.callee
        if let described = helpers[callee] { return described }
        for receiver in ["self.", "this.", "cls."] where callee.hasPrefix(receiver) {
            return helpers[String(callee.dropFirst(receiver.count))]
        }
        return nil
    }

    private func evidence(for index: Int, in facts: FileFacts, decoders: [Decoder], helpers: [String: String]) -> [String]? {
        let parsers = self.parsers[facts.language] ?? []
        var splits = false
        var decoder: String?
        var parser: String?
        for call in FunctionBodies.calls(startingIn: facts.functions[index].bodyRange, facts.calls) {
            if !splits, Self.splitsOnDot(call) { splits = true }
            if decoder == nil, let match = decoders.first(where: { $0.matches(call) }) { decoder = match.describe(call) }
            if decoder == nil, let described = Self.helper(call, in: helpers) { decoder = described }
            if parser == nil, parsers.contains(where: { $0.matches(call.qualifiedName ?? call.callee) }) {
                parser = call.qualifiedName ?? call.callee
            }
        }
        guard splits, let decoder else { return nil }
        if let parser { return ["splits on \".\"", decoder, parser] }
        guard !claims.isEmpty,
              let read = facts.functions[index].scanBody().reads.first(where: { claims.contains($0.name) }) else { return nil }
        return ["splits on \".\"", decoder, "reads claim \(read.name)"]
    }

    /// `x.split(".")`, `x.rsplit(".", 1)`, `x.split('.')`, `x.split(sep=".")`.
    static func splitsOnDot(_ call: CallFact) -> Bool {
        let callee = call.callee.utf8
        guard callee.last == UInt8(ascii: "t"), callee.count > 6 else { return false }
        let isSplit = callee.suffix(6).elementsEqual(".split".utf8) || callee.suffix(7).elementsEqual(".rsplit".utf8)
        guard isSplit, let first = call.arguments.first else { return false }
        return (first.keyword == nil || first.keyword == "sep") && first.stringValue == "."
    }
}
