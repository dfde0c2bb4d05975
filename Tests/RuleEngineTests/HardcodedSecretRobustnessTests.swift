import Model
import Testing
@testable import RuleEngine

/// The secret rules evaluate any token soup without trapping (odd literals, half-built calls).
@Suite struct HardcodedSecretRobustnessTests {
    static let pieces = [
        "jwt", ".", "encode", "sign", "(", ")", ",", "'eyJ.eyJ.'", "'eyJhbGciOiJIUzI1NiJ9.eyJ9.x'", "\"\"", "'k3y-valu3'",
        "JWT_SECRET", "=", "||", "??", "or", "process", "env", "os", "getenv", "[", "]", "{", "}", ":", "secret",
        "\n", "import jwt\n", "import jwt from 'jsonwebtoken';\n", "'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.'",
    ]

    @Test(arguments: [Language.python, .typescript])
    func randomSoupsEvaluate(_ language: Language) {
        var seed: UInt64 = language == .python ? 7 : 11
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let rules = RuleExamplesTests.rules.filter { $0.id == "jwt-hardcoded-secret" || $0.id == "jwt-secret-config" }
        for _ in 0..<300 {
            var code = ""
            for _ in 0..<(1 + next(60)) { code += Self.pieces[next(Self.pieces.count)] + " " }
            for rule in rules {
                for hit in Snippet.hits(code, language, path: "x", rule: rule) {
                    #expect(hit.range.end <= code.utf8.count)
                }
            }
        }
    }
}
