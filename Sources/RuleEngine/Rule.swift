import Model

/// What a rule looks for. Each kind has its own `match` fields in rule files.
public enum RuleKind: String, Sendable, CaseIterable {
    /// Imports of listed modules outside the allowed paths.
    case forbiddenImport = "forbidden-import"
    /// Calls (resolved through import bindings) of listed operations outside the allowed paths.
    case forbiddenCall = "forbidden-call"
    /// Functions outside the allowed paths that perform a token operation themselves (evidence, not names).
    case duplicateImplementation = "duplicate-implementation"
    /// Functions that split a token on `.` and base64-decode a segment.
    case manualDecode = "manual-decode"
    /// String literals that end up as secrets (sink arguments, secret-named values, env defaults,
    /// literal JWTs).
    case hardcodedSecret = "hardcoded-secret"
    /// Reads of listed settings (environment variables, config attributes) outside the allowed paths.
    case forbiddenEnv = "forbidden-env"
    /// Calls whose arguments make them unsafe (verification off, `none` algorithm, ...).
    case insecureCall = "insecure-call"
    /// Exception handlers and outage branches that validate a token without the auth service.
    case localFallback = "local-fallback"
    /// Tokens appended to a URL's query string.
    case urlToken = "url-token"
    /// ssotguard's own rules about inline suppressions (`suppression-invalid`,
    /// `suppression-unused`): no `match`; reported by `Suppressions.apply`, skipped by the evaluator.
    case meta
}

/// The kind-specific part of a rule.
public enum RuleMatch: Sendable, Equatable {
    /// Module names per language; a module matches itself and its submodules (`jwt` matches
    /// `jwt.algorithms`, `jose` matches `jose/jwt/verify`), never a longer name (`jwt_validator`).
    /// With `allowImportNames`, an import that brings in only names matching them is left out;
    /// with `onlyImportNames`, only such imports are reported (see `ForbiddenImportMatch`).
    case forbiddenImport(ForbiddenImportMatch)
    /// Qualified call names per language; `*` matches any run of characters.
    case forbiddenCall(calls: [Language: [NamePattern]])
    case duplicateImplementation(DuplicateImplementationMatch)
    case manualDecode(ManualDecodeMatch)
    case hardcodedSecret(HardcodedSecretMatch)
    case forbiddenEnv(ForbiddenEnvMatch)
    case insecureCall(InsecureCallMatch)
    case localFallback(LocalFallbackMatch)
    case urlToken(URLTokenMatch)
    /// Nothing to match: see `RuleKind.meta`.
    case meta
}

/// A snippet a rule must flag (violating) or leave alone (compliant); run by one generic test.
public struct RuleExample: Sendable, Equatable {
    public var language: Language
    public var code: String
    /// Path the snippet is scanned at (default `example.py` / `example.ts`), to show allowed paths.
    public var path: String?
    /// Where the rule file writes it (`line:column: at "path"`), for `rules --check`.
    public var location: String?

    public init(language: Language, code: String, path: String? = nil) {
        self.language = language
        self.code = code
        self.path = path
    }

    /// The path the example is evaluated at.
    public var effectivePath: String { path ?? (language == .python ? "example.py" : "example.ts") }
}

/// One rule: data loaded from a rule file.
public struct Rule: Sendable, Equatable {
    public var id: RuleID
    /// Former ids that suppressions and baselines still accept.
    public var aliases: [RuleID]
    public var kind: RuleKind
    public var severity: Severity
    public var summary: String
    public var why: String
    public var instead: String
    /// Finding message; `{module}`, `{call}` and `{rule}` are replaced. Default per kind.
    public var message: String?
    public var match: RuleMatch
    /// Glob patterns (as written) of the modules that own the operation: exempt from the rule.
    public var allowedPaths: [String]
    public var allowedGlobs: [Glob]
    public var violatingExamples: [RuleExample]
    public var compliantExamples: [RuleExample]
    /// The pack the rule came from.
    public var pack: String
    /// GitHub's `security-severity` score, `"0.1"`–`"10.0"` (default by severity, see
    /// `defaultSecuritySeverity`).
    public var securitySeverity: String
    /// How often findings are true positives (default `high`).
    public var precision: RulePrecision
    /// CWE ids (`CWE-347`): SARIF tags `external/cwe/cwe-347`.
    public var cwe: [String]
    /// Another pack whose SSOT paths, when a configuration sets them (`packs.<name>.allowedPaths`),
    /// replace this rule's too: a security rule about where lifetimes live shares the jwt pack's
    /// SSOT.
    public var allowedPathsOf: String?
    /// The texts as written, with `{ssot}` where they name the SSOT: `describeSSOT` fills it (the
    /// pack's `ssot` name, or the configured SSOT paths).
    public var templates: Templates

    public struct Templates: Sendable, Equatable {
        public var summary: String
        public var why: String
        public var instead: String
        public var message: String?
    }

    /// What `{ssot}` says when neither the pack nor the configuration names the SSOT.
    public static let defaultSSOT = "the single source of truth"

    /// Fills `{ssot}` in the summary, why, instead and message with `description`.
    public mutating func describeSSOT(_ description: String) {
        func filled(_ text: String) -> String { text.replacing("{ssot}", with: description) }
        summary = filled(templates.summary)
        why = filled(templates.why)
        instead = filled(templates.instead)
        message = templates.message.map(filled)
    }

    /// How `{ssot}` names configured SSOT paths: `` `core/jwt.py` ``, `` `a` and `b` ``,
    /// `` `a`, `b` and `c` ``, `` `a`, `b` and 3 more SSOT paths ``.
    public static func describe(ssot paths: [String]) -> String {
        let quoted = paths.map { "`\($0)`" }
        guard quoted.count > 1 else { return quoted.first ?? defaultSSOT }
        if quoted.count > 3 { return quoted.prefix(2).joined(separator: ", ") + " and \(quoted.count - 2) more SSOT paths" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }

    public init(id: RuleID, aliases: [RuleID] = [], kind: RuleKind, severity: Severity, summary: String, why: String,
                instead: String, message: String? = nil, match: RuleMatch, allowedPaths: [String], allowedGlobs: [Glob],
                violatingExamples: [RuleExample] = [], compliantExamples: [RuleExample] = [], pack: String,
                securitySeverity: String? = nil, precision: RulePrecision = .high, cwe: [String] = []) {
        self.cwe = cwe
        self.id = id
        self.aliases = aliases
        self.kind = kind
        self.severity = severity
        self.summary = summary
        self.why = why
        self.instead = instead
        self.message = message
        self.match = match
        self.allowedPaths = allowedPaths
        self.allowedGlobs = allowedGlobs
        self.violatingExamples = violatingExamples
        self.compliantExamples = compliantExamples
        self.pack = pack
        self.securitySeverity = securitySeverity ?? Rule.defaultSecuritySeverity(severity)
        self.precision = precision
        templates = Templates(summary: summary, why: why, instead: instead, message: message)
    }

    /// The `security-severity` of a rule that sets none: 7.5 (high) for errors, 5.0 (medium) for
    /// warnings, 3.0 (low) for info.
    public static func defaultSecuritySeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "7.5"
        case .warning: return "5.0"
        case .info: return "3.0"
        }
    }

    /// Whether `path` (relative to the scan root) is one of the rule's allowed SSOT modules.
    public func allows(path: String) -> Bool {
        allowedGlobs.contains { $0.matches(path) }
    }
}

/// A named group of rules from one rule file.
public struct RulePack: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var rules: [Rule]
    /// Where it was loaded from: a file path, or `built-in:<name>`.
    public var source: String
    /// How its rules' texts name the SSOT (`{ssot}`) until a configuration gives its paths.
    public var ssot = Rule.defaultSSOT
    /// What the pack counts as test code (its top-level `testCode`), added to the other packs'.
    public var testCode: TestCode

    public init(name: String, description: String?, rules: [Rule], source: String, testCode: TestCode = TestCode()) {
        self.name = name
        self.description = description
        self.rules = rules
        self.source = source
        self.testCode = testCode
    }
}
