import Facts
import Model

/// The rules a scan runs, and the secret recognisers that masking runs on every file with
/// something to show, whatever the rules' settings.
///
/// A secret must be masked in every output even when the secret rule is disabled, filtered out
/// by its allowed paths, or not loaded: `jwt.encode(p, "<key>")` is also a direct-call finding,
/// and its line is shown. So recognition for masking does not depend on which rules run.
public struct RuleSet: Sendable {
    /// Set once: the prefilter is built from them.
    public let rules: [Rule]
    public var secretRecognizers: [HardcodedSecretMatch]
    /// What counts as test code (see `TestCode`).
    public var testCode: TestCode
    /// A hash of everything the rules were made from (packs and configuration as written), set
    /// by the pipeline when a scan caches or is a shard; what the scan cache and shard records key
    /// on. Nil otherwise, and for rules built in memory.
    public var digest: String?
    /// Which files the rules can fire in at all (see `Prefilter`).
    public let prefilter: Prefilter
    /// Whether files the prefilter rules out are skipped (`--no-prefilter` lexes and evaluates
    /// them too, to check that the prefilter is exact).
    public var usesPrefilter = true

    public init(rules: [Rule], secretRecognizers: [HardcodedSecretMatch], testCode: TestCode = TestCode()) {
        self.rules = rules
        prefilter = Prefilter(rules: rules)
        self.secretRecognizers = secretRecognizers
        self.testCode = testCode
    }

    /// `rules`, masking with their own secret rules and the built-in packs' (enabled or not), and
    /// the built-in packs' test-code conventions.
    public init(rules: [Rule], loaded: [Rule] = []) {
        let builtinPacks = (try? RuleLoader.builtinPacks()) ?? []
        let builtin = builtinPacks.flatMap(\.rules)
        self.init(rules: rules, secretRecognizers: Self.recognizers(in: rules + loaded + builtin),
                  testCode: builtinPacks.reduce(TestCode()) { $0.merging($1.testCode) })
    }

    /// Whether the file at `path` with `facts` is test code.
    public func isTestCode(path: String, facts: FileFacts) -> Bool {
        testCode.isTest(path: path, language: facts.language, importing: facts.imports.lazy.map(\.module))
    }

    /// The distinct secret matchers of `rules`.
    public static func recognizers(in rules: [Rule]) -> [HardcodedSecretMatch] {
        var found: [HardcodedSecretMatch] = []
        for rule in rules {
            if case .hardcodedSecret(let match) = rule.match, !found.contains(match) { found.append(match) }
        }
        return found
    }

    /// What masking hides in a file: the contents of its secret literals, and their values.
    public func secretLiterals(_ facts: FileFacts, path: String) -> [(content: ByteRange, value: String)] {
        secretRecognizers.flatMap { $0.secretLiterals(facts, path: path) }
    }
}
