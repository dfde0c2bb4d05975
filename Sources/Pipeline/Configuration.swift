import Foundation
import JSONC
import Model
import RuleEngine

/// `.ssotguard.json`: a project's settings, found from the scanned root upward. JSON with
/// comments, validated with key-path errors like rule files. Command-line options add to it
/// (`--rules`, `--include`, `--exclude`) or override it (`--plan`, `--baseline`).
public struct Configuration: Equatable, Sendable {
    public static let fileName = ".ssotguard.json"
    public static let formatVersion = 1

    /// Overrides for one rule.
    public struct RuleSettings: Equatable, Sendable {
        public var severity: Severity?
        public var enabled: Bool?
        public var allowedPaths: [String]?
    }

    /// The file it came from (nil: no configuration file).
    public var file: String?
    /// Extra rule packs, resolved against the configuration file's directory.
    public var rulePacks: [String] = []
    public var noBuiltinRules = false
    /// Per pack: SSOT paths replacing the `allowedPaths` of its rules that have any.
    public var packAllowedPaths: [String: [String]] = [:]
    /// Packs switched off (`"packs": {"jwt-security": {"enabled": false}}`).
    public var disabledPacks: Set<String> = []
    /// Per pack: calls that count as delegating to its SSOT (`packs.<name>.delegates`), added to
    /// its duplicate-implementation rules' own.
    public var packDelegates: [String: [Language: [String]]] = [:]
    /// Per pack: settings that hold its secret (`packs.<name>.secretSettings`), added to its
    /// secret-setting and hard-coded-secret rules.
    public var packSecretSettings: [String: [String]] = [:]
    public var ruleSettings: [String: RuleSettings] = [:]
    public var plan: String?
    public var includes: [String] = []
    public var excludes: [String] = []
    public var baseline: String?
    /// More test-code conventions (`testPaths`, `testFrameworks`), added to the packs'.
    public var testCode: TestCode?
    /// Where settings are written (`line:column: at "path"`), by key path (`rules.x`,
    /// `packs.jwt`, `rulePacks[0]`, `plan`, `baseline`), for errors found after loading: an
    /// unknown rule id or pack, a file that cannot be read.
    public var locations: [String: String] = [:]

    public init() {}

    /// The nearest `.ssotguard.json` at or above `path` (a file's directory for a file), if any.
    public static func find(from path: String) -> String? {
        var directory = URL(fileURLWithPath: path).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            directory.deleteLastPathComponent()
        }
        while true {
            let candidate = directory.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    /// `root` relative to the directory of the configuration `file`, with a trailing `/`, or ""
    /// when it is not below it (see `ScanOptions.rulePathPrefix`).
    static func prefix(of root: String, underDirectoryOf file: String) -> String {
        let root = URL(fileURLWithPath: root).standardizedFileURL.path
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
        guard root.hasPrefix(directory + "/") else { return "" }
        return String(root.dropFirst(directory.count + 1)) + "/"
    }

    public static func load(file: String) throws(PipelineError) -> Configuration {
        let bytes: [UInt8]
        switch JSONC.readFile(file) {
        case .success(let read): bytes = read
        case .failure(let error): throw .configuration("\(file): cannot read the configuration: \(error.reason)")
        }
        do {
            return try parse(try JSONC.parse(bytes), file: file)
        } catch let error as JSONSyntaxError {
            throw .configuration("\(file):\(error.description)")
        } catch let error as JSONSchemaError {
            throw .configuration("\(file):\(error.description)")
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .configuration("\(file): \(error)")
        }
    }

    private static func parse(_ root: JSONNode, file: String) throws -> Configuration {
        let reader = try JSONObjectReader(root)
        let version = try reader.int("version")
        guard version == formatVersion else {
            throw reader.error("unsupported configuration version \(version); this ssotguard reads version \(formatVersion)", key: "version")
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : base.appendingPathComponent(path).path }
        var configuration = Configuration()
        configuration.file = file
        _ = try reader.optionalString("$schema")  // for editors (see `init`)
        func locate(_ error: JSONSchemaError) -> String { "\(error.position): \(error.pathDescription)" }
        configuration.rulePacks = try (reader.optionalStringArray("rulePacks") ?? []).map(resolve)
        if case .array(let elements)? = reader.node("rulePacks")?.value {
            for (index, element) in elements.enumerated() {
                let path = JSONKeyPath.appending(index: index, to: "rulePacks")
                configuration.locations[path] = locate(element.schemaError("", at: path))
            }
        }
        for key in ["plan", "baseline"] where reader.contains(key) { configuration.locations[key] = locate(reader.error("", key: key)) }
        configuration.noBuiltinRules = try reader.optionalBool("noBuiltinRules") ?? false
        configuration.plan = try reader.optionalString("plan").map(resolve)
        configuration.baseline = try reader.optionalString("baseline").map(resolve)
        configuration.includes = try reader.optionalStringArray("include") ?? []
        configuration.excludes = try reader.optionalStringArray("exclude") ?? []
        for (key, patterns) in [("include", configuration.includes), ("exclude", configuration.excludes)] {
            try checkGlobs(patterns, reader: reader, key: key)
        }
        let testPaths = try reader.optionalStringArray("testPaths")
        try checkGlobs(testPaths ?? [], reader: reader, key: "testPaths")
        let testFrameworks = reader.contains("testFrameworks") ? try RuleLoader.perLanguage(reader, key: "testFrameworks") : nil
        if testPaths != nil || testFrameworks != nil {
            configuration.testCode = TestCode(paths: (testPaths ?? []).compactMap { try? Glob($0) },
                                              frameworks: testFrameworks ?? [:])
        }
        if let packs = try reader.optionalObject("packs") {
            for name in packs.keys {
                configuration.locations[JSONKeyPath.appending(key: name, to: "packs")] = locate(packs.error("", key: name))
                let pack = try packs.object(name)
                let enabled = try pack.optionalBool("enabled")
                if enabled == false { configuration.disabledPacks.insert(name) }
                // `ssot` is the pack's SSOT paths; `allowedPaths` is its older name.
                if pack.contains("ssot"), pack.contains("allowedPaths") {
                    throw pack.error("say \"ssot\" or \"allowedPaths\" (its older name), not both", key: "allowedPaths")
                }
                let ssotKey = pack.contains("allowedPaths") ? "allowedPaths" : "ssot"
                if let paths = try pack.optionalStringArray(ssotKey) {
                    try checkGlobs(paths, reader: pack, key: ssotKey)
                    configuration.packAllowedPaths[name] = paths
                }
                if pack.contains("delegates") {
                    configuration.packDelegates[name] = try RuleLoader.perLanguage(pack, key: "delegates")
                }
                if let settings = try pack.optionalStringArray("secretSettings") {
                    configuration.packSecretSettings[name] = settings
                }
                if let paths = try pack.optionalStringArray("testPaths") {
                    try checkGlobs(paths, reader: pack, key: "testPaths")
                    var testCode = configuration.testCode ?? TestCode()
                    testCode = testCode.merging(TestCode(paths: paths.compactMap { try? Glob($0) }, frameworks: [:]))
                    configuration.testCode = testCode
                }
                if enabled == nil, pack.keys.isEmpty {
                    throw pack.error("say what to set: \"ssot\", \"delegates\", \"secretSettings\", \"testPaths\" or \"enabled\"")
                }
                try pack.finish()
            }
            try packs.finish()
        }
        if let rules = try reader.optionalObject("rules") {
            for id in rules.keys {
                configuration.locations[JSONKeyPath.appending(key: id, to: "rules")] = locate(rules.error("", key: id))
                let rule = try rules.object(id)
                let paths = try rule.optionalStringArray("allowedPaths")
                try checkGlobs(paths ?? [], reader: rule, key: "allowedPaths")
                configuration.ruleSettings[id] = RuleSettings(severity: try rule.optionalEnumValue("severity", Severity.self),
                                                              enabled: try rule.optionalBool("enabled"), allowedPaths: paths)
                try rule.finish()
            }
            try rules.finish()
        }
        try reader.finish()
        return configuration
    }

    /// `rule` with the pack's configured delegates and secret settings added.
    func adding(to match: RuleMatch, pack: String) -> RuleMatch {
        switch match {
        case .duplicateImplementation(var duplicate):
            for (language, calls) in packDelegates[pack] ?? [:] {
                duplicate.delegates[language, default: []] += calls.map(NamePattern.init)
            }
            return .duplicateImplementation(duplicate)
        case .forbiddenEnv(let env):
            guard let settings = packSecretSettings[pack] else { return match }
            return .forbiddenEnv(env.adding(settings: settings))
        case .hardcodedSecret(let secret):
            guard let settings = packSecretSettings[pack] else { return match }
            return .hardcodedSecret(secret.adding(secretNames: settings))
        default:
            return match
        }
    }

    /// `jwt` of the location key `packs.jwt` (or `packs["x-y"]`).
    static func packName(ofLocation key: String) -> String? {
        if key.hasPrefix("packs."), !key.dropFirst(6).contains(".") { return String(key.dropFirst(6)) }
        if key.hasPrefix("packs[\""), key.hasSuffix("\"]") { return String(key.dropFirst(7).dropLast(2)) }
        return nil
    }

    /// `file:line:column: at "path": message` for a setting at `path` (see `locations`).
    public func located(_ path: String, _ message: String) -> String {
        let place = locations[path] ?? "at \"\(path)\""
        return "\(file ?? Self.fileName):\(locations[path] == nil ? " " : "")\(place): \(message)"
    }

    private static func checkGlobs(_ patterns: [String], reader: JSONObjectReader, key: String) throws {
        for (index, pattern) in patterns.enumerated() {
            do {
                _ = try Glob(pattern)
            } catch {
                var failure = reader.error(error.description, key: key)
                failure.path = reader.path(of: key, index: index)
                throw failure
            }
        }
    }

    /// Applies rule and pack settings to loaded rules; unknown rule ids or packs are errors.
    public func apply(to rules: [Rule]) throws(PipelineError) -> [Rule] {
        let known = Set(rules.flatMap { [$0.id.rawValue] + $0.aliases.map(\.rawValue) })
        for id in ruleSettings.keys.sorted() where !known.contains(id) {
            throw .configuration(located(JSONKeyPath.appending(key: id, to: "rules"), "unknown rule id \"\(id)\""
                                         + Suggestion.hint(for: id, among: rules.map(\.id.rawValue).sorted())))
        }
        let packs = Set(rules.map(\.pack))
        let configuredPacks = Set(packAllowedPaths.keys).union(disabledPacks).union(packDelegates.keys).union(packSecretSettings.keys)
            .union(locations.keys.filter { $0.hasPrefix("packs") }.compactMap { Self.packName(ofLocation: $0) })
        for name in configuredPacks.sorted() where !packs.contains(name) {
            throw .configuration(located(JSONKeyPath.appending(key: name, to: "packs"), "unknown rule pack \"\(name)\""
                                         + Suggestion.hint(for: name, among: packs.sorted())))
        }
        var result: [Rule] = []
        for var rule in rules {
            let settings = ([rule.id.rawValue] + rule.aliases.map(\.rawValue)).compactMap { ruleSettings[$0] }.first
            if settings?.enabled == false || (disabledPacks.contains(rule.pack) && settings?.enabled != true) { continue }
            if !rule.allowedPaths.isEmpty,
               let paths = packAllowedPaths[rule.pack] ?? rule.allowedPathsOf.flatMap({ packAllowedPaths[$0] }) {
                rule.setAllowedPaths(paths)
                rule.describeSSOT(Rule.describe(ssot: paths))
            }
            rule.match = adding(to: rule.match, pack: rule.pack)
            if let paths = settings?.allowedPaths { rule.setAllowedPaths(paths) }
            if let severity = settings?.severity { rule.severity = severity }
            result.append(rule)
        }
        return result
    }
}

extension Rule {
    /// Replaces the SSOT paths (already validated as globs).
    mutating func setAllowedPaths(_ paths: [String]) {
        allowedPaths = paths
        allowedGlobs = paths.compactMap { try? Glob($0) }
    }
}
