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
        decoders = try Self.decoders(reader, key: "decoders")
        parsers = try DuplicateImplementationMatch.languageLists(reader, key: "parsers").mapValues { $0.map(NamePattern.init) }
        claims = try DuplicateImplementationMatch.names(reader, key: "claims")
        try reader.finish()  // unknown keys first: a misspelt key explains the checks below
        if parsers.isEmpty, claims.isEmpty {
            throw reader.error("a manual-decode rule needs \"parsers\" or \"claims\" (what is done with the decoded segment)")
        }
    }

    func evaluate(_ facts: FileFacts, rule: Rule) -> [RuleHit] {
        guard !facts.functions.isEmpty, let decoders = decoders[facts.language], !decoders.isEmpty,
              Self.anySplitOnDot(facts.calls) else { return [] }
        let scan = Ingredients(facts, decoders: decoders, parsers: parsers[facts.language] ?? [])
        let functions = facts.functions
        var fires = [Bool](repeating: false, count: functions.count)
        var firesInside = [Bool](repeating: false, count: functions.count)
        var hits: [RuleHit] = []
        var claimReads: [MemberRead?]?
        // Children follow their parent: in reverse order, nested functions are decided first.
        for index in functions.indices.reversed() {
            if !firesInside[index], let evidence = evidence(for: index, scan.total[index], facts, claimReads: &claimReads) {
                fires[index] = true
                let function = functions[index]
                hits.append(Evaluator.hit(rule, range: function.nameRange,
                                          values: ["function": function.qualifiedName, "evidence": evidence.joined(separator: "; ")]))
            }
            if let parent = functions[index].parent, fires[index] || firesInside[index] { firesInside[parent] = true }
        }
        return hits.reversed()
    }

    /// The evidence that function `index` decodes by hand. `claimReads` (the first claim read in
    /// each function, nested ones included) is worked out on first use, for the whole file.
    private func evidence(for index: Int, _ found: Ingredients.Found, _ facts: FileFacts,
                          claimReads: inout [MemberRead?]?) -> [String]? {
        guard found.splits, let decoder = found.decoder?.text else { return nil }
        if let parser = found.parser?.text { return ["splits on \".\"", decoder, parser] }
        guard !claims.isEmpty else { return nil }
        if claimReads == nil { claimReads = firstClaimReads(facts) }
        guard let read = claimReads?[index] else { return nil }
        return ["splits on \".\"", decoder, "reads claim \(read.name)"]
    }

    /// Per function, its first read of a claim, nested functions included (bottom-up, linear).
    private func firstClaimReads(_ facts: FileFacts) -> [MemberRead?] {
        var first = facts.scanFunctionBodies().map { body in body.reads.first { claims.contains($0.name) } }
        for index in facts.functions.indices.reversed() {
            guard let parent = facts.functions[index].parent, let read = first[index] else { continue }
            if let current = first[parent], current.range.start <= read.range.start { continue }
            first[parent] = read
        }
        return first
    }

    /// `{"python": ["base64.b64decode", "Buffer.from:base64url"], ...}` at `key`, checked.
    static func decoders(_ reader: JSONObjectReader, key: String) throws(JSONSchemaError) -> [Language: [Decoder]] {
        let written = try DuplicateImplementationMatch.languageLists(reader, key: key)
        if let node = reader.node(key) {
            let lists = try node.object(at: reader.path(of: key))
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
        return written.mapValues { $0.map(Decoder.init) }
    }

    /// Whether any call splits on `"."`: the cheap test that rules most files out.
    static func anySplitOnDot(_ calls: [CallFact]) -> Bool {
        calls.withUnsafeBufferPointer { calls in
            for index in calls.indices where lastByte(calls[index].callee) == UInt8(ascii: "t") {
                if splitsOnDot(calls[index]) { return true }
            }
            return false
        }
    }

    @inline(__always)
    private static func lastByte(_ text: borrowing String) -> UInt8? { text.utf8.last }

    /// `x.split(".")`, `x.rsplit(".", 1)`, `x.split('.')`, `x.split(sep=".")`.
    static func splitsOnDot(_ call: CallFact) -> Bool {
        let callee = call.callee.utf8
        guard callee.last == UInt8(ascii: "t"), callee.count > 6 else { return false }
        let isSplit = callee.suffix(6).elementsEqual(".split".utf8) || callee.suffix(7).elementsEqual(".rsplit".utf8)
        guard isSplit, let first = call.arguments.first else { return false }
        return (first.keyword == nil || first.keyword == "sep") && first.stringValue == "."
    }
}

extension ManualDecodeMatch {
    /// A split on `"."` and one of the language's decoders (its call, or its argument).
    func requirement(for language: Language) -> TextRequirement {
        guard let decoders = decoders[language], !decoders.isEmpty else { return .never }
        return .all([["split"], decoders.map(\.call.pattern)])
    }
}
