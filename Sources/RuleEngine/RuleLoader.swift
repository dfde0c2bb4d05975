import JSONC
import Model

/// A rule file that cannot be used: the message names the file, the line and column, and the key
/// path (`rules/jwt.json:14:9: at "rules[1].match.calls.python[3]": expected a string`).
public struct RuleLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// Loads and validates rule packs: from the files embedded in the binary (`rules/*.json` at
/// build time) or from user files. Unknown keys, duplicate ids and bad globs are errors.
public enum RuleLoader {
    public static let formatVersion = 1

    /// The packs compiled into the binary.
    public static func builtinPacks() throws(RuleLoadError) -> [RulePack] {
        var packs: [RulePack] = []
        for (name, text) in BuiltinRules.files {
            packs.append(try load(text: text, source: "built-in:rules/\(name)"))
        }
        return packs
    }

    /// The texts of the built-in packs, as compiled in (what a digest of the rules hashes).
    public static var builtinTexts: [String] { BuiltinRules.files.map(\.text) }

    /// Loads a rule file from disk.
    public static func load(file: String) throws(RuleLoadError) -> RulePack {
        switch JSONC.readFile(file) {
        case .success(let bytes): return try load(bytes: bytes, source: file)
        case .failure(let error): throw RuleLoadError("\(file): cannot read rule file: \(error.reason)")
        }
    }

    public static func load(text: String, source: String) throws(RuleLoadError) -> RulePack {
        try load(bytes: Array(text.utf8), source: source)
    }

    public static func load(bytes: [UInt8], source: String) throws(RuleLoadError) -> RulePack {
        do {
            let root = try JSONC.parse(bytes)
            return try pack(root, source: source)
        } catch let error as JSONSyntaxError {
            throw RuleLoadError("\(source):\(error.description)")
        } catch let error as JSONSchemaError {
            throw RuleLoadError("\(source):\(error.description)")
        } catch let error as RuleLoadError {
            throw error
        } catch {
            throw RuleLoadError("\(source): \(error)")
        }
    }

    /// All rules of `packs`, checking that no id (or alias) is used twice.
    public static func combine(_ packs: [RulePack]) throws(RuleLoadError) -> [Rule] {
        var owner: [RuleID: String] = [:]
        var rules: [Rule] = []
        for pack in packs {
            for rule in pack.rules {
                for id in [rule.id] + rule.aliases {
                    if let first = owner[id] {
                        throw RuleLoadError("\(pack.source): duplicate rule id \"\(id)\" (also in \(first))")
                    }
                    owner[id] = pack.source
                }
                rules.append(rule)
            }
        }
        return rules
    }

    // MARK: - Schema

    private static func pack(_ root: JSONNode, source: String) throws -> RulePack {
        let file = try JSONObjectReader(root)
        let version = try file.int("version")
        guard version == formatVersion else {
            throw file.error("unsupported rule file version \(version); this ssotguard reads version \(formatVersion)",
                             key: "version")
        }
        _ = try file.optionalString("$schema")  // for editors
        let name = try file.string("pack")
        let description = try file.optionalString("description")
        let testCode = try file.optionalObject("testCode").map { reader throws in try self.testCode(reader) } ?? TestCode()
        let ssot = try file.optionalString("ssot") ?? Rule.defaultSSOT
        var rules: [Rule] = []
        var seen: Set<RuleID> = []
        let readers = try file.objects("rules")
        for reader in readers {
            var rule = try self.rule(reader, pack: name)
            rule.describeSSOT(ssot)
            guard seen.insert(rule.id).inserted else {
                throw reader.error("duplicate rule id \"\(rule.id)\"", key: "id")
            }
            rules.append(rule)
        }
        try resolveLibraryCalls(&rules, readers: readers)
        try file.finish()
        var pack = RulePack(name: name, description: description, rules: rules, source: source, testCode: testCode)
        pack.ssot = ssot
        return pack
    }

    /// A duplicate-implementation rule's `"libraryCalls": "rule-id"` takes the calls of that
    /// `forbidden-call` rule of the pack: one list of token operations, two rules.
    private static func resolveLibraryCalls(_ rules: inout [Rule], readers: [JSONObjectReader]) throws {
        for index in rules.indices {
            guard case .duplicateImplementation(var match) = rules[index].match, let id = match.libraryCallsRule else { continue }
            guard case .forbiddenCall(let calls)? = rules.first(where: { $0.id.rawValue == id })?.match else {
                let known = rules.filter { $0.kind == .forbiddenCall }.map { "\"\($0.id)\"" }.joined(separator: ", ")
                throw readers[index].error("\"libraryCalls\" names \"\(id)\", which is no forbidden-call rule of this pack"
                                           + (known.isEmpty ? "" : " (there is \(known))"), key: "match")
            }
            match.libraryCalls = calls
            rules[index].match = .duplicateImplementation(match)
        }
    }

    /// `{"paths": [globs], "frameworks": {"python": [...], "typescript": [...]}}`.
    static func testCode(_ reader: JSONObjectReader) throws -> TestCode {
        var globs: [Glob] = []
        for (index, pattern) in (try reader.optionalStringArray("paths") ?? []).enumerated() {
            do {
                globs.append(try Glob(pattern))
            } catch {
                throw reader.error(error.description, key: "paths").at(reader.path(of: "paths", index: index))
            }
        }
        let frameworks = reader.contains("frameworks") ? try perLanguage(reader, key: "frameworks") : [:]
        try reader.finish()
        return TestCode(paths: globs, frameworks: frameworks)
    }

    private static func rule(_ reader: JSONObjectReader, pack: String) throws -> Rule {
        let idText = try reader.string("id")
        guard RuleID.isValid(idText) else {
            throw reader.error("rule ids are lowercase kebab-case (e.g. \"jwt-direct-import\"), got \"\(idText)\"", key: "id")
        }
        let aliases = try (reader.optionalStringArray("aliases") ?? []).map { RuleID($0) }
        let kind = try reader.enumValue("kind", RuleKind.self)
        let severity = try reader.enumValue("severity", Severity.self)
        let securitySeverity = try reader.optionalString("securitySeverity")
        if let securitySeverity, !Rule.isValidSecuritySeverity(securitySeverity) {
            throw reader.error("expected a score from \"0.1\" to \"10.0\" as a string with at most one decimal "
                               + "(e.g. \"7.5\"), got \"\(securitySeverity)\"", key: "securitySeverity")
        }
        let precision = try reader.optionalEnumValue("precision", RulePrecision.self) ?? .high
        let cwe = try reader.optionalStringArray("cwe") ?? []
        if let bad = cwe.firstIndex(where: { !Rule.isValidCWE($0) }) {
            throw reader.error("write a CWE id as \"CWE-\" and its number (e.g. \"CWE-347\"), got \"\(cwe[bad])\"", key: "cwe")
                .at(reader.path(of: "cwe", index: bad))
        }
        let match: RuleMatch
        if kind == .meta {
            // No `match` (finish() reports one as an unknown key) and no allowedPaths.
            guard Suppressions.metaRuleIDs.contains(RuleID(idText)) else {
                throw reader.error("kind \"meta\" is reserved for ssotguard's own rules ("
                                   + Suppressions.metaRuleIDs.map(\.rawValue).joined(separator: ", ") + ")", key: "kind")
            }
            if reader.contains("allowedPaths") {
                throw reader.error("meta rules apply to every file and take no allowedPaths", key: "allowedPaths")
            }
            match = .meta
        } else {
            let matchReader = try reader.object("match")
            match = try self.match(matchReader, kind: kind)
            try matchReader.finish()
        }
        let allowedPaths = try reader.optionalStringArray("allowedPaths") ?? []
        var globs: [Glob] = []
        for (index, pattern) in allowedPaths.enumerated() {
            do {
                globs.append(try Glob(pattern))
            } catch {
                throw reader.error(error.description, key: "allowedPaths").at(reader.path(of: "allowedPaths", index: index))
            }
        }
        let allowedPathsOf = try reader.optionalString("allowedPathsOf")
        if allowedPathsOf != nil, allowedPaths.isEmpty {
            throw reader.error("\"allowedPathsOf\" names the pack whose configured SSOT paths replace this rule's \"allowedPaths\": give the defaults too", key: "allowedPathsOf")
        }
        let examples = try reader.object("examples")
        let violating = try examples.objects("violating").map(example)
        let compliant = try (examples.optionalObjects("compliant") ?? []).map(example)
        guard !violating.isEmpty else {
            throw examples.error("a rule needs at least one violating example", key: "violating")
        }
        try examples.finish()
        let rule = Rule(id: RuleID(idText), aliases: aliases, kind: kind, severity: severity,
                        summary: try reader.string("summary"), why: try reader.string("why"),
                        instead: try reader.string("instead"), message: try reader.optionalString("message"),
                        match: match, allowedPaths: allowedPaths, allowedGlobs: globs,
                        violatingExamples: violating, compliantExamples: compliant, pack: pack,
                        securitySeverity: securitySeverity, precision: precision, cwe: cwe)
        var result = rule
        result.allowedPathsOf = allowedPathsOf
        try reader.finish()
        return result
    }

    private static func match(_ reader: JSONObjectReader, kind: RuleKind) throws -> RuleMatch {
        switch kind {
        case .forbiddenImport:
            return .forbiddenImport(try ForbiddenImportMatch(reader))
        case .forbiddenCall:
            let calls = try perLanguage(reader, key: "calls")
            return .forbiddenCall(calls: calls.mapValues { $0.map(NamePattern.init) })
        case .duplicateImplementation:
            return .duplicateImplementation(try DuplicateImplementationMatch(reader))
        case .manualDecode:
            return .manualDecode(try ManualDecodeMatch(reader))
        case .hardcodedSecret:
            return .hardcodedSecret(try HardcodedSecretMatch(reader))
        case .forbiddenEnv:
            return .forbiddenEnv(try ForbiddenEnvMatch(reader))
        case .insecureCall:
            return .insecureCall(try InsecureCallMatch(reader))
        case .localFallback:
            return .localFallback(try LocalFallbackMatch(reader))
        case .urlToken:
            return .urlToken(try URLTokenMatch(reader))
        case .meta:
            return .meta
        }
    }

    /// `{"python": [...], "typescript": [...]}`: non-empty strings, at least one language.
    public static func perLanguage(_ parent: JSONObjectReader, key: String) throws -> [Language: [String]] {
        let reader = try parent.object(key)
        var result: [Language: [String]] = [:]
        for language in Language.allCases {
            guard let names = try reader.optionalStringArray(language.rawValue) else { continue }
            if let empty = names.firstIndex(where: \.isEmpty) {
                throw reader.error("names must not be empty", key: language.rawValue)
                    .at(reader.path(of: language.rawValue, index: empty))
            }
            result[language] = names
        }
        try reader.finish()
        guard !result.isEmpty else {
            throw reader.error("list names under \"python\" and/or \"typescript\"")
        }
        return result
    }

    private static func example(_ reader: JSONObjectReader) throws -> RuleExample {
        var example = RuleExample(language: try reader.enumValue("language", Language.self),
                                  code: try reader.string("code"), path: try reader.optionalString("path"))
        let place = reader.error("")
        example.location = "\(place.position): \(place.pathDescription)"
        try reader.finish()
        return example
    }
}

extension JSONSchemaError {
    /// The same error at another key path (e.g. pointing into an array element).
    func at(_ path: String) -> JSONSchemaError {
        var copy = self
        copy.path = path
        return copy
    }
}
