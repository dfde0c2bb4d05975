import Facts
import JSONC
import Model

/// The `match` fields of a `forbidden-env` rule, and how it is evaluated.
///
/// Reports each read of a listed setting: a call to a reader with the name as its first string
/// argument (`os.getenv("X")`, `getattr(settings, "X")`, `this.configService.get<string>("X")`),
/// a subscript or member of a reader (`os.environ["X"]`, `process.env.X`, `import.meta.env.X`,
/// `const { X } = process.env`), with `attributeReads` any `anything.X`, and Python class-level
/// fields named like a setting (`JWT_SECRET_KEY: str` in a settings class).
public struct ForbiddenEnvMatch: Sendable, Equatable {
    /// Setting names as written; `*` matches any run of characters; case-sensitive.
    public var settings: [String]
    public var readers: [Language: [NamePattern]]
    public var attributeReads: Bool
    /// Patterns (normalised: lowercase, no `_`/`-`) of config paths that read a setting, matched
    /// against the read's receiver and member with the dots left out: `*jwt*secret*` matches
    /// `globalConfig.auth.jwtSecret` and `app_config.jwt.secret`.
    public var settingPaths: [String]
    private var settingPathPatterns: [NamePattern]
    private var settingNames: NameSet
    private var readerNames: [Language: NameSet]

    /// Reads the rule's `match` object (the caller calls `finish()` on it afterwards).
    init(_ reader: JSONObjectReader) throws(JSONSchemaError) {
        settings = try reader.stringArray("settings")
        guard !settings.isEmpty else { throw reader.error("list at least one setting name", key: "settings") }
        for (index, setting) in settings.enumerated() where setting.isEmpty || setting == "*"
            || setting.utf8.contains(where: { $0 <= 0x20 }) {
            throw reader.error("a setting pattern is a name without spaces (\"JWT_SECRET\", \"*_JWT_SECRET\")", key: "settings")
                .at(reader.path(of: "settings", index: index))
        }
        settingNames = NameSet(settings)
        guard let readers = try Self.patternsPerLanguage(reader, key: "readers") else {
            throw reader.error("missing required key \"readers\"")
        }
        self.readers = readers
        readerNames = readers.mapValues { NameSet($0.map(\.pattern)) }
        attributeReads = try reader.optionalBool("attributeReads") ?? false
        settingPaths = try reader.optionalStringArray("settingPaths") ?? []
        settingPathPatterns = settingPaths.map { NamePattern(SecretValues.normalised($0)) }
    }

    // MARK: - Loading helpers (shared with HardcodedSecretMatch)

    /// `{"python": [...], "typescript": [...]}` of non-empty names as patterns, or nil when absent.
    static func patternsPerLanguage(_ reader: JSONObjectReader, key: String) throws(JSONSchemaError) -> [Language: [NamePattern]]? {
        guard reader.contains(key) else {
            _ = reader.node(key)
            return nil
        }
        do {
            return try RuleLoader.perLanguage(reader, key: key).mapValues { $0.map(NamePattern.init) }
        } catch let error as JSONSchemaError {
            throw error
        } catch {
            throw reader.error("\(error)", key: key)
        }
    }

    /// Compiles path globs, naming the bad element's key path.
    static func globs(_ patterns: [String], reader: JSONObjectReader, key: String) throws(JSONSchemaError) -> [Glob] {
        var globs: [Glob] = []
        for (index, pattern) in patterns.enumerated() {
            do {
                globs.append(try Glob(pattern))
            } catch {
                throw reader.error(error.description, key: key).at(reader.path(of: key, index: index))
            }
        }
        return globs
    }

    // MARK: - Evaluation

    func evaluate(_ facts: FileFacts, rule: Rule) -> [RuleHit] {
        let readers = readerNames[facts.language] ?? NameSet([])
        let values = facts.values
        var hits: [RuleHit] = []
        func isReader(_ name: String, _ qualified: String?) -> Bool {
            readers.contains(name) || qualified.map(readers.contains) == true
        }
        func report(_ name: String, at range: ByteRange) {
            hits.append(Evaluator.hit(rule, range: range, values: ["setting": name]))
        }
        if !readers.isEmpty {
            // The setting name first: most calls have no string argument at all.
            for call in facts.calls {
                guard let name = Self.firstString(call.arguments), isSetting(name),
                      isReader(call.callee, call.qualifiedName) else { continue }
                report(name, at: call.range)
            }
        }
        let constants = attributeReads ? nameConstants(values) : []
        for read in values.settingReads where read.form == .attributePath && !settingPathPatterns.isEmpty {
            let path = SecretValues.normalised(read.receiver + read.name).replacing(".", with: "")
            if settingPathPatterns.contains(where: { $0.matches(path) }) { report(read.receiver + "." + read.name, at: read.range) }
        }
        for read in values.settingReads where read.form != .attributePath && isSetting(read.name) {
            if isReader(read.receiver, read.qualifiedReceiver) {
                report(read.name, at: read.range)
            } else if attributeReads, read.form == .attribute, !constants.contains(read.name),
                      !constants.contains(read.receiver + "." + read.name) {
                report(read.name, at: read.range)
            }
        }
        for field in values.fieldDeclarations where !Self.isEnum(field.classBases) {
            let isSettingsClass = field.classBases.contains { $0.hasSuffix("Settings") }
            guard isSetting(field.name) || (isSettingsClass && isSetting(field.name.uppercased())) else { continue }
            if let value = field.stringValue, SecretValues.normalised(value) == SecretValues.normalised(field.name) { continue }
            if let value = field.valueRange, hits.contains(where: { value.start <= $0.range.start && $0.range.end <= value.end }) {
                continue
            }
            report(field.name, at: field.range)
        }
        return hits
    }

    private func isSetting(_ name: String) -> Bool {
        settingNames.contains(name)
    }

    /// The first positional string argument (`os.getenv("X")` → `X`, `getattr(s, "X")` → `X`).
    private static func firstString(_ arguments: [ArgumentFact]) -> String? {
        for argument in arguments where argument.keyword == nil {
            if let value = argument.stringValue { return value }
        }
        return nil
    }

    /// Names that the file defines as class fields holding their own name (`JWT_SECRET =
    /// "JWT_SECRET"` in an enum or a keys class), and `Class.NAME` for members of Python enum
    /// classes: reading them reads a key name, not the setting.
    private func nameConstants(_ values: ValueFacts) -> Set<String> {
        var names: Set<String> = []
        for literal in values.literals {
            guard let target = literal.target, target.kind == .classField,
                  SecretValues.normalised(literal.value) == SecretValues.normalised(target.name) else { continue }
            names.insert(target.name)
        }
        for field in values.fieldDeclarations where Self.isEnum(field.classBases) {
            names.insert(field.className + "." + field.name)
        }
        return names
    }

    /// `Enum`, `enum.Enum`, `str, Enum`, `IntEnum`, `StrEnum`.
    static func isEnum(_ bases: [String]) -> Bool {
        bases.contains { $0.hasSuffix("Enum") }
    }
}

extension ForbiddenEnvMatch {
    /// Name patterns split for speed: names without `*` in a set, the others matched one by one.
    struct NameSet: Sendable, Equatable {
        private var exact: Set<String> = []
        private var patterns: [NamePattern] = []

        init(_ names: [String]) {
            for name in names {
                if name.utf8.contains(UInt8(ascii: "*")) {
                    patterns.append(NamePattern(name))
                } else {
                    exact.insert(name)
                }
            }
        }

        var isEmpty: Bool { exact.isEmpty && patterns.isEmpty }

        func contains(_ name: String) -> Bool {
            exact.contains(name) || patterns.contains { $0.matches(name) }
        }
    }
}

extension ForbiddenEnvMatch {
    /// A setting's name (also as a settings class field), or a setting path's pieces.
    func requirement(for language: Language) -> TextRequirement {
        TextRequirement.names(settings).or(.names(settingPaths))
    }
}

extension ForbiddenEnvMatch {
    /// The match with more setting names (a configuration's `secretSettings`).
    public func adding(settings more: [String]) -> ForbiddenEnvMatch {
        var match = self
        match.settings += more.filter { !settings.contains($0) }
        match.settingNames = NameSet(match.settings)
        return match
    }
}
