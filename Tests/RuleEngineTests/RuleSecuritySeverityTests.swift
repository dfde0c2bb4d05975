import Model
import Testing
@testable import RuleEngine

/// `securitySeverity` and `precision`: optional rule fields for code scanning, validated on load.
@Suite struct RuleSecuritySeverityTests {
    static func load(_ fields: String, severity: String = "warning") throws -> Rule {
        let rule = RuleLoaderTests.validRule.replacing("\"severity\": \"warning\",",
                                                       with: "\"severity\": \"\(severity)\",\(fields)")
        return try RuleLoader.load(text: RuleLoaderTests.pack(rule), source: "custom.json").rules[0]
    }

    static func error(_ fields: String) -> String? {
        do {
            _ = try load(fields)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func givenValuesAreKept() throws {
        let rule = try Self.load(#" "securitySeverity": "9.1", "precision": "very-high","#)
        #expect(rule.securitySeverity == "9.1")
        #expect(rule.precision == .veryHigh)
        #expect(rule.info.securitySeverity == "9.1")
        #expect(rule.info.precision == .veryHigh)
        #expect(rule.info.kind == "forbidden-call")
        #expect(rule.info.allowedPaths == ["app/crypto/**"])
    }

    @Test(arguments: [("error", "7.5"), ("warning", "5.0"), ("info", "3.0")])
    func defaultsFollowTheSeverity(_ severity: String, _ expected: String) throws {
        let rule = try Self.load("", severity: severity)
        #expect(rule.securitySeverity == expected)
        #expect(rule.precision == .high)
    }

    @Test(arguments: ["0.1", "1", "7.5", "9", "10", "10.0"])
    func scoresFromATenthToTenAreValid(_ score: String) {
        #expect(Rule.isValidSecuritySeverity(score))
    }

    @Test(arguments: ["", "0", "0.0", "10.1", "11", "7.55", "07.5", ".5", "5.", "-1", "high", "7,5", " 7.5"])
    func otherScoresAreInvalid(_ score: String) {
        #expect(!Rule.isValidSecuritySeverity(score))
    }

    @Test func badScoresAreErrorsAtTheirKeyPath() {
        let message = Self.error(#" "securitySeverity": "12","#)
        #expect(message?.contains("custom.json:") == true)
        #expect(message?.contains("at \"rules[0].securitySeverity\": expected a score from \"0.1\" to \"10.0\"") == true)
        #expect(Self.error(#" "securitySeverity": 7.5,"#)?.contains("at \"rules[0].securitySeverity\"") == true)
    }

    @Test func badPrecisionListsTheAllowedValues() {
        let message = Self.error(#" "precision": "exact","#)
        #expect(message?.contains("at \"rules[0].precision\"") == true)
        #expect(message?.contains("\"very-high\"") == true)
    }

    @Test func everyBuiltinRuleHasAValidScore() throws {
        for rule in try RuleLoader.combine(RuleLoader.builtinPacks()) {
            #expect(Rule.isValidSecuritySeverity(rule.securitySeverity), "\(rule.id)")
        }
    }
}
