import Facts
import JSONC
import Model

/// The `match` fields of a `hardcoded-secret` rule, and how it is evaluated.
///
/// A string literal is reported when it ends up as a secret: (a) as the key argument of a sink
/// call (directly, wrapped in `Buffer.from(...)`/`.encode()`, or through a per-file constant),
/// (b) assigned to a secret-named target, (c) as the fallback of a secret-named environment
/// read, (d) as a literal JWT. See `SecretValues` for what never counts as a secret.
public struct HardcodedSecretMatch: Sendable, Equatable {
    /// Where a key goes: the `argument` index (positional) or `keyword` of a call whose qualified
    /// name is `call`; `property` of the object literal found there; with `chained`, the call is
    /// `call(...)....chained(...)` (e.g. `new SignJWT(c).setProtectedHeader(h).sign(key)`).
    public struct Sink: Sendable, Equatable {
        public var call: String
        public var argument: Int?
        public var keyword: String?
        public var property: String?
        public var chained: String?

        public init(call: String, argument: Int? = nil, keyword: String? = nil, property: String? = nil, chained: String? = nil) {
            self.call = call
            self.argument = argument
            self.keyword = keyword
            self.property = property
            self.chained = chained
        }
    }

    public var sinks: [Language: [Sink]]
    /// Secret names as written; matched normalised (see `SecretValues.normalised`). A literal
    /// assigned to such a name is a secret wherever it is.
    public var secretNames: [String]
    /// Generic secret names (`SECRET_KEY`, `signing_key`) that count only in a file about JWTs:
    /// one that imports one of `contextModules` or whose path matches `contextPaths`.
    public var contextNames: [String]
    public var contextModules: [Language: [String]]
    public var contextPaths: [String]
    /// Names that are never JWT secrets by name alone (`STRIPE_SECRET_KEY`, `webhook_secret`).
    public var excludedNames: [String]
    /// Calls (`os.getenv`) and receivers (`process.env`) whose fallback literal is a default.
    public var envReaders: [Language: [NamePattern]]
    /// Files matching these globs are test code: findings there get `testSeverity`.
    public var testPaths: [String]
    public var testSeverity: Severity?
    private var namePatterns: [NamePattern]
    private var contextPatterns: [NamePattern]
    private var excludedPatterns: [NamePattern]
    private var contextGlobs: [Glob]
    private var testGlobs: [Glob]
    /// The first segment of every sink call (`jwt`, `jsonwebtoken`, `@nestjs/jwt`), per language.
    private var sinkHeads: [Language: Set<Substring>]

    /// Reads the rule's `match` object (the caller calls `finish()` on it afterwards).
    init(_ reader: JSONObjectReader) throws(JSONSchemaError) {
        sinks = try Self.sinks(try reader.object("sinks"))
        sinkHeads = sinks.mapValues { Set($0.map { Self.head(of: $0.call) }) }
        secretNames = try reader.stringArray("secretNames")
        guard !secretNames.isEmpty else { throw reader.error("list at least one secret name pattern", key: "secretNames") }
        namePatterns = try Self.namePatterns(secretNames, reader: reader, key: "secretNames")
        contextNames = try reader.optionalStringArray("contextNames") ?? []
        contextPatterns = try Self.namePatterns(contextNames, reader: reader, key: "contextNames")
        excludedNames = try reader.optionalStringArray("excludedNames") ?? []
        excludedPatterns = try Self.namePatterns(excludedNames, reader: reader, key: "excludedNames")
        contextModules = reader.contains("contextModules") ? try Self.modules(reader, key: "contextModules") : [:]
        contextPaths = try reader.optionalStringArray("contextPaths") ?? []
        contextGlobs = try ForbiddenEnvMatch.globs(contextPaths, reader: reader, key: "contextPaths")
        envReaders = try ForbiddenEnvMatch.patternsPerLanguage(reader, key: "envReaders") ?? [:]
        testPaths = try reader.optionalStringArray("testPaths") ?? []
        testGlobs = try ForbiddenEnvMatch.globs(testPaths, reader: reader, key: "testPaths")
        testSeverity = try reader.optionalEnumValue("testSeverity", Severity.self)
    }

    private static func namePatterns(_ names: [String], reader: JSONObjectReader, key: String) throws(JSONSchemaError) -> [NamePattern] {
        var patterns: [NamePattern] = []
        for (index, name) in names.enumerated() {
            let normalised = SecretValues.normalised(name)
            guard !normalised.isEmpty, normalised != "*" else {
                throw reader.error("a secret name pattern needs a name (\"*secret*\")", key: key).at(reader.path(of: key, index: index))
            }
            patterns.append(NamePattern(normalised))
        }
        return patterns
    }

    private static func modules(_ reader: JSONObjectReader, key: String) throws(JSONSchemaError) -> [Language: [String]] {
        do {
            return try RuleLoader.perLanguage(reader, key: key)
        } catch let error as JSONSchemaError {
            throw error
        } catch {
            throw reader.error("\(error)", key: key)
        }
    }

    /// Whether the file is about JWTs: it imports a context module or its path matches.
    func isJWTContext(_ facts: FileFacts, path: String) -> Bool {
        if contextGlobs.contains(where: { $0.matches(path) }) { return true }
        guard let modules = contextModules[facts.language], !modules.isEmpty else { return false }
        return facts.imports.contains { fact in
            !fact.isRelative && modules.contains { Evaluator.isModule(fact.module, within: $0, separator: facts.language == .python ? "." : "/") }
        }
    }

    private static func sinks(_ reader: JSONObjectReader) throws(JSONSchemaError) -> [Language: [Sink]] {
        var result: [Language: [Sink]] = [:]
        for language in Language.allCases {
            guard let nodes = try reader.optionalArray(language.rawValue) else { continue }
            var list: [Sink] = []
            for (index, node) in nodes.enumerated() {
                let item = try JSONObjectReader(node, path: reader.path(of: language.rawValue, index: index))
                let sink = Sink(call: try item.string("call"), argument: try item.optionalInt("argument"),
                                keyword: try item.optionalString("keyword"), property: try item.optionalString("property"),
                                chained: try item.optionalString("chained"))
                if sink.call.isEmpty { throw item.error("the call must not be empty", key: "call") }
                if let argument = sink.argument, argument < 0 { throw item.error("argument indices start at 0", key: "argument") }
                if sink.argument == nil, sink.keyword == nil { throw item.error("a sink needs \"argument\" and/or \"keyword\"") }
                if sink.property?.isEmpty == true { throw item.error("the property must not be empty", key: "property") }
                if sink.chained?.isEmpty == true { throw item.error("the chained method must not be empty", key: "chained") }
                try item.finish()
                list.append(sink)
            }
            result[language] = list
        }
        try reader.finish()
        guard !result.isEmpty else { throw reader.error("list sinks under \"python\" and/or \"typescript\"") }
        return result
    }

    // MARK: - Evaluation

    /// One literal that ends up as a secret.
    struct Detection {
        /// Where to report it: the sink call, or the literal.
        var range: ByteRange
        /// The literal's content (inside the quotes) and its value.
        var content: ByteRange
        var value: String
        /// Why it is a secret (the message's `{context}`).
        var context: String
        /// The literal, when it reached a sink through a constant defined elsewhere.
        var definition: ByteRange?
    }

    func evaluate(_ facts: FileFacts, path: String, rule: Rule, isTestCode: Bool = false) -> [RuleHit] {
        let detections = self.detections(facts, path: path)
        guard !detections.isEmpty else { return [] }
        // Test paths are matched only for files with findings.
        let isTest = isTestCode || testGlobs.contains(where: { $0.matches(path) })
        let severity = isTest ? (testSeverity ?? rule.severity) : rule.severity
        return detections.map { detection in
            var hit = Evaluator.hit(rule, range: detection.range,
                                    values: ["secret": SecretMask.mask(detection.value), "context": detection.context])
            hit.severity = severity
            hit.secretRanges = [detection.content]
            if let defined = detection.definition {
                hit.related = [RuleHit.Related(range: defined, message: "secret defined here")]
            }
            return hit
        }
    }

    /// The secret literals of a file as masking sees them: content ranges and values, whatever
    /// the rule's settings (it runs even when the rule is disabled).
    public func secretLiterals(_ facts: FileFacts, path: String) -> [(content: ByteRange, value: String)] {
        detections(facts, path: path).map { ($0.content, $0.value) }
    }

    /// Every literal of the file that ends up as a secret, sink findings first.
    func detections(_ facts: FileFacts, path: String) -> [Detection] {
        var found: [Detection] = []
        var reachedSink: Set<Int> = []
        let sinks = self.sinks[facts.language] ?? []
        let heads = sinkHeads[facts.language] ?? []
        if !sinks.isEmpty {
            for call in facts.calls {
                // Cheap rejection first: most calls are unresolved or resolve to other modules.
                guard let qualified = call.qualifiedName, heads.contains(Self.head(of: qualified)) else { continue }
                for sink in sinks where Self.isSink(call, sink) {
                    // At a sink, a literal is the key whatever it looks like.
                    guard let secret = secretArgument(of: call, sink: sink, values: facts.values),
                          SecretValues.isSinkSecret(secret.value) else { continue }
                    let name = sink.chained.map { "\(sink.call)().\($0)" } ?? sink.call
                    var definition: ByteRange?
                    if let defined = secret.definition, !(call.range.start <= defined.start && defined.end <= call.range.end) {
                        definition = defined
                    }
                    found.append(Detection(range: call.range, content: secret.content, value: secret.value,
                                           context: "used as the key of \(name)", definition: definition))
                    reachedSink.insert(secret.content.start)
                }
            }
        }
        var jwtContext: Bool?
        for literal in facts.values.literals where !reachedSink.contains(literal.contentRange.start) {
            guard !literal.isCollectionElement, !literal.isComparisonOperand,
                  let context = context(of: literal, language: facts.language, isJWTContext: {
                      if let known = jwtContext { return known }
                      let known = isJWTContext(facts, path: path)
                      jwtContext = known
                      return known
                  }) else { continue }
            found.append(Detection(range: literal.range, content: literal.contentRange, value: literal.value, context: context))
        }
        return found
    }

    /// `jwt` for `jwt.encode`, `jose` for `jose.SignJWT().sign`.
    static func head(of qualified: String) -> Substring {
        let utf8 = qualified.utf8
        guard let dot = utf8.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "(") }) else {
            return Substring(qualified)
        }
        return qualified[..<dot]
    }

    /// Whether `call` is the sink: its qualified name is the sink's call, or a method called on an
    /// instance (`PyJWT().encode` for `jwt.PyJWT.encode`, chained or through a value bound to
    /// it); with `chained`, the method called on the call's result chain
    /// (`SignJWT(c).setProtectedHeader(h).sign`, or `b.sign(k)` for `const b = new SignJWT(c)`).
    static func isSink(_ call: CallFact, _ sink: Sink) -> Bool {
        guard let qualified = call.qualifiedName else { return false }
        guard let chained = sink.chained else {
            return qualified == sink.call || equalsWithoutCalls(qualified, sink.call)
        }
        return qualified.hasPrefix(sink.call + "()") && qualified.hasSuffix("." + chained)
    }

    /// Whether `qualified` with every `()` removed spells `name`, without building a string.
    static func equalsWithoutCalls(_ qualified: String, _ name: String) -> Bool {
        let a = qualified.utf8, b = name.utf8
        guard a.count > b.count, a.contains(UInt8(ascii: "(")) else { return false }
        var i = a.startIndex, j = b.startIndex
        while i != a.endIndex {
            if a[i] == UInt8(ascii: "(") {
                let next = a.index(after: i)
                guard next != a.endIndex, a[next] == UInt8(ascii: ")") else { return false }
                i = a.index(after: next)
                continue
            }
            guard j != b.endIndex, a[i] == b[j] else { return false }
            i = a.index(after: i)
            j = b.index(after: j)
        }
        return j == b.endIndex
    }

    private struct Secret {
        var value: String
        var content: ByteRange
        /// The literal, when it was found through a constant.
        var definition: ByteRange?
    }

    /// The literal the sink's key argument is, wraps, or names through a constant.
    private func secretArgument(of call: CallFact, sink: Sink, values: ValueFacts) -> Secret? {
        var argument = call.argument(keyword: sink.keyword, position: sink.argument)
        if let property = sink.property, let options = argument {
            // `{ secretOrKey: 'k' }` in place, or an object built before (`opts = {...}; f(opts)`).
            if let name = options.name, options.properties.isEmpty,
               let constant = values.constant(named: name + "." + property, at: call.range.start) {
                return Secret(value: constant.value, content: constant.contentRange, definition: constant.range)
            }
            argument = options.property(property)
        }
        guard let argument else { return nil }
        if let value = argument.stringValue, let content = argument.stringRange {
            return Secret(value: value, content: content)
        }
        if let name = argument.name, let constant = values.constant(named: name, at: call.range.start) {
            return Secret(value: constant.value, content: constant.contentRange, definition: constant.range)
        }
        return nil
    }

    /// Why a recorded literal is a secret (the message's `{context}`), or nil when it is not.
    ///
    /// Without a sink, the evidence is a JWT secret's name. Where the code declares the secret
    /// (the default of a JWT secret setting, a settings-class field, the value a function named
    /// like the secret returns) the value only has to be more than a placeholder; a literal merely
    /// assigned to a secret-named variable or key must also look like a secret (not prose, not a
    /// setting's name), since such names are common in code that is not about keys at all.
    private func context(of literal: StringLiteralFact, language: Language, isJWTContext: () -> Bool) -> String? {
        let target = literal.target
        func isSecretName(_ name: String) -> Bool { self.isSecretName(name, isJWTContext: isJWTContext) }
        if let read = literal.envDefault, isEnvReader(read, language: language), isSecretName(read.name) {
            let names = [read.name] + (target.map { [$0.name] } ?? [])
            return SecretValues.isDeclaredSecret(literal.value, names: names) ? "as the default of \(read.name)" : nil
        }
        if let target, SecretValues.isPlainName(target.name), isSecretName(target.name) {
            let names = [target.name] + (literal.envDefault.map { [$0.name] } ?? [])
            switch target.kind {
            case .classField:
                return SecretValues.isDeclaredSecret(literal.value, names: names) ? "as the default of setting \(target.name)" : nil
            case .returnValue:
                return SecretValues.isDeclaredSecret(literal.value, names: names) ? "returned by \(target.name)()" : nil
            default:
                guard SecretValues.isSecret(literal.value, names: names), !isSecretNamedName(literal.value) else { return nil }
                return "assigned to \(target.name)"
            }
        }
        return SecretValues.isLiteralJWT(literal.value) ? "(a literal JWT)" : nil
    }

    private func isEnvReader(_ read: EnvDefault, language: Language) -> Bool {
        guard let readers = envReaders[language] else { return false }
        return readers.contains { $0.matches(read.reader) || read.qualifiedReader.map($0.matches) == true }
    }

    /// Whether a value assigned to a secret-named target is itself the name of one
    /// (`SECRET_KEY = 'aws_secret_access_key'`, `{'AWS_SECRET_ACCESS_KEY': 'secret_key'}`).
    /// A compound name about secrets counts even when it is not one of this rule's names
    /// (`aws_secret_access_key` names an AWS setting).
    private func isSecretNamedName(_ value: String) -> Bool {
        guard SecretValues.isCompoundName(value) else { return false }
        let normalised = SecretValues.normalised(value)
        return namePatterns.contains { $0.matches(normalised) }
            || ["secret", "key", "password", "token"].contains { normalised.contains($0) }
    }

    /// Whether a target or setting name is a JWT secret's name (or, in a file about JWTs, a
    /// generic secret's), not excluded, and not a reference to a secret (`JWT_SECRET_PATH`,
    /// `jwtSecretName`, `SECRET_KEY_ID`).
    func isSecretName(_ name: String, isJWTContext: () -> Bool = { false }) -> Bool {
        let normalised = SecretValues.normalised(name)
        guard !excludedPatterns.contains(where: { $0.matches(normalised) }), !SecretValues.isReferenceName(name) else { return false }
        if namePatterns.contains(where: { $0.matches(normalised) }) { return true }
        return !contextPatterns.isEmpty && contextPatterns.contains(where: { $0.matches(normalised) }) && isJWTContext()
    }
}

extension HardcodedSecretMatch {
    /// A sink's call, a secret name (the context names only with a context module or path), or
    /// the start of a literal JWT (`eyJ`).
    func requirement(for language: Language) -> TextRequirement {
        var requirement = TextRequirement.names(namePatterns.map(\.pattern)).or(.anyText(["eyJ"]))
        if let sinks = sinks[language], !sinks.isEmpty { requirement = requirement.or(.all([sinks.map(\.call)])) }
        for pattern in contextPatterns {
            let name = TextRequirement.name(pattern.pattern)
            if let modules = contextModules[language], !modules.isEmpty, let group = TextRequirement.group(modules) {
                requirement.clauses += name.clauses.map { TextRequirement.Clause(groups: $0.groups + [group]) }
            }
            if !contextGlobs.isEmpty {
                requirement.clauses += name.clauses.map { TextRequirement.Clause(groups: $0.groups, paths: contextGlobs) }
            }
        }
        return requirement
    }
}

extension HardcodedSecretMatch {
    /// The match with more secret names (a configuration's `secretSettings`: their literal
    /// defaults and values are secrets too).
    public func adding(secretNames more: [String]) -> HardcodedSecretMatch {
        var match = self
        for name in more where !secretNames.contains(name) {
            let normalised = SecretValues.normalised(name)
            guard !normalised.isEmpty else { continue }
            match.secretNames.append(name)
            match.namePatterns.append(NamePattern(normalised))
        }
        return match
    }
}
