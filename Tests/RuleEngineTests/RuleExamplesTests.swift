import Facts
import Lexing
import Model
import Testing
@testable import RuleEngine

/// Runs every rule's embedded examples: the one generic test STYLE.md asks for.
/// Violating examples must be flagged, and stay silent inside a comment and inside a string;
/// after a line of multi-byte text they move one line down at the same column. Compliant
/// examples must not be flagged.
@Suite struct RuleExamplesTests {
    static let rules: [Rule] = (try? RuleLoader.combine(RuleLoader.builtinPacks())) ?? []

    struct Case: CustomTestStringConvertible, Sendable {
        let rule: Rule
        let example: RuleExample
        let index: Int
        var testDescription: String { "\(rule.id) #\(index) (\(example.language.rawValue))" }
    }

    static let violating = rules.flatMap { rule in
        rule.violatingExamples.enumerated().map { Case(rule: rule, example: $1, index: $0) }
    }
    /// Meta-rules' violating examples are comments: commented out they stay comments (and stay
    /// flagged), so the comment variant does not apply to them. The string variant does: a
    /// directive inside a string is no directive.
    static let violatingCode = violating.filter { $0.rule.kind != .meta }
    static let compliant = rules.flatMap { rule in
        rule.compliantExamples.enumerated().map { Case(rule: rule, example: $1, index: $0) }
    }

    @Test func builtinRulesLoad() throws {
        let rules = try RuleLoader.combine(RuleLoader.builtinPacks())
        #expect(rules.map(\.id.rawValue) == ["jwt-direct-import", "jwt-exception-import", "jwt-direct-call", "jwt-duplicate-implementation", "jwt-manual-decode", "jwt-hardcoded-secret", "jwt-secret-config",
                                          "jwt-unverified-signature", "jwt-none-algorithm", "jwt-algorithm-not-pinned", "jwt-sensitive-claims", "jwt-local-fallback",
                                          "jwt-lifetime-outside-ssot", "jwt-in-url", "jwt-in-web-storage", "jwt-ws-close-internal-error",
                                          "suppression-invalid", "suppression-unused"])
        #expect(!Self.violating.isEmpty)
    }

    @Test(arguments: violating)
    func violatingExampleIsFlagged(_ item: Case) {
        let hits = Snippet.hits(item.example.code, item.example.language, path: item.example.effectivePath, rule: item.rule)
        #expect(!hits.isEmpty, "expected \(item.rule.id) in:\n\(item.example.code)")
    }

    @Test(arguments: violatingCode)
    func violatingExampleInsideCommentIsSilent(_ item: Case) {
        let code = Snippet.commentedOut(item.example.code, item.example.language)
        #expect(Snippet.hits(code, item.example.language, path: item.example.effectivePath, rule: item.rule).isEmpty,
                "flagged inside a comment:\n\(code)")
    }

    @Test(arguments: violating)
    func violatingExampleInsideStringIsSilent(_ item: Case) {
        let code = Snippet.quoted(item.example.code, item.example.language)
        #expect(Snippet.hits(code, item.example.language, path: item.example.effectivePath, rule: item.rule).isEmpty,
                "flagged inside a string:\n\(code)")
    }

    @Test(arguments: violating)
    func violatingExampleMovesOneLineAfterMultibyteText(_ item: Case) {
        let language = item.example.language
        let path = item.example.effectivePath
        let before = Snippet.locations(item.example.code, language, path: path, rule: item.rule)
        let prefix = language == .python ? "# Überprüfung — 認証 ✓\n" : "// Überprüfung — 認証 ✓\n"
        let after = Snippet.locations(prefix + item.example.code, language, path: path, rule: item.rule)
        let shifted: [[Int]] = after.map { [$0.line - 1, $0.column, $0.endLine - 1, $0.endColumn] }
        let original: [[Int]] = before.map { [$0.line, $0.column, $0.endLine, $0.endColumn] }
        #expect(shifted == original)
        #expect(!original.isEmpty)
    }

    @Test(arguments: compliant)
    func compliantExampleIsSilent(_ item: Case) {
        let hits = Snippet.hits(item.example.code, item.example.language, path: item.example.effectivePath, rule: item.rule)
        #expect(hits.isEmpty, "unexpected \(item.rule.id) in:\n\(item.example.code)")
    }
}

/// Lexes, extracts and evaluates a snippet with one rule (a meta-rule: with all rules and the
/// suppression stage).
enum Snippet {
    static func hits(_ code: String, _ language: Language, path: String, rule: Rule) -> [RuleHit] {
        var code = code
        return code.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            let tokens = Lexer.tokenize(bytes, language: language, jsx: language == .typescript).tokens
            let facts = FactExtractor.extract(tokens: tokens, bytes: bytes, language: language)
            let isTestCode = RuleSet(rules: []).isTestCode(path: path, facts: facts)
            guard rule.kind == .meta else { return Evaluator.evaluate(facts, path: path, rules: [rule], isTestCode: isTestCode) }
            // Meta-rules report on suppressions of the other rules: run them all, then the suppressions.
            let all = RuleExamplesTests.rules
            let hits = Evaluator.evaluate(facts, path: path, rules: all)
            return Suppressions.apply(hits, comments: facts.comments, bytes: bytes, lines: LineIndex(bytes), rules: all)
                .filter { $0.ruleID == rule.id }
        }
    }

    static func locations(_ code: String, _ language: Language, path: String, rule: Rule) -> [Model.SourceLocation] {
        let found = hits(code, language, path: path, rule: rule)
        var code = code
        return code.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            let index = LineIndex(bytes)
            return found.map { index.location(of: $0.range, in: bytes) }
        }
    }

    static func commentedOut(_ code: String, _ language: Language) -> String {
        let marker = language == .python ? "# " : "// "
        return code.split(separator: "\n", omittingEmptySubsequences: false).map { marker + $0 }.joined(separator: "\n")
    }

    /// The code as one single-quoted string literal assigned to a name.
    static func quoted(_ code: String, _ language: Language) -> String {
        var literal = ""
        for scalar in code.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "'": literal += "\\'"
            case "\n": literal += "\\n"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return language == .python ? "snippet = '\(literal)'\n" : "const snippet = '\(literal)';\n"
    }
}
