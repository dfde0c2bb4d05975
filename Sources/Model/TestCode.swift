/// What counts as test code: paths by convention (`tests/`, `__mocks__/`, `*.spec.ts`, ...) and
/// files that import a test framework (pytest, jest, ...).
///
/// Findings in test code are still findings (tests that mint tokens with a JWT library are part
/// of the migration), but some rules judge them differently (a hard-coded key in a test is a
/// warning) and plans give them their own phase.
public struct TestCode: Sendable, Equatable {
    /// Path globs (unanchored unless they start with `/`).
    public var paths: [Glob]
    /// Modules whose import makes a file test code, per language; a module matches itself and
    /// its submodules (`pytest` matches `pytest.mark`, `@testing-library` matches
    /// `@testing-library/react`).
    public var frameworks: [Language: [String]]

    public init(paths: [Glob] = [], frameworks: [Language: [String]] = [:]) {
        self.paths = paths
        self.frameworks = frameworks
    }

    /// Both lists together.
    public func merging(_ other: TestCode) -> TestCode {
        var merged = self
        for glob in other.paths where !merged.paths.contains(glob) { merged.paths.append(glob) }
        for (language, modules) in other.frameworks {
            for module in modules where !(merged.frameworks[language] ?? []).contains(module) {
                merged.frameworks[language, default: []].append(module)
            }
        }
        return merged
    }

    /// Whether the file at `path` (in `language`, importing `modules`) is test code.
    public func isTest<S: Sequence>(path: String, language: Language, importing modules: S) -> Bool where S.Element == String {
        if paths.contains(where: { $0.matches(path) }) { return true }
        guard let frameworks = frameworks[language], !frameworks.isEmpty else { return false }
        let separator: UInt8 = language == .python ? UInt8(ascii: ".") : UInt8(ascii: "/")
        for module in modules {
            for framework in frameworks where module.hasPrefix(framework) {
                let rest = module.utf8.dropFirst(framework.utf8.count)
                if rest.isEmpty || rest.first == separator { return true }
            }
        }
        return false
    }
}
