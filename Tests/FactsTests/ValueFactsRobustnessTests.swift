import Model
import Testing
@testable import Facts

/// Value extraction survives any token soup (unbalanced brackets, stray `=`, `:` and strings).
@Suite struct ValueFactsRobustnessTests {
    /// A small deterministic generator (SplitMix64).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "x", "self", "this", "JWT_SECRET", "os", "environ", "process", "env", "class", "def", "enum", "function",
        "const", "return", "if", "else", "or", "||", "??", "?", ":", "=", "==", "(", ")", "[", "]", "{", "}", ".", ",",
        ";", "\n", "    ", "'k3y-value'", "\"JWT_SECRET\"", "`t${x}`", "f\"{a}\"", "=>", "Field", "encode", "new",
        "'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'", "#", "//", "in", "not", "default", "async", "@", "*", "**",
    ]

    @Test(arguments: [Language.python, .typescript])
    func randomTokenSoupsDoNotCrash(_ language: Language) {
        var generator = Generator(state: language == .python ? 1 : 2)
        for _ in 0..<400 {
            var code = ""
            for _ in 0..<Int.random(in: 1...80, using: &generator) {
                code += Self.pieces.randomElement(using: &generator)! + (Bool.random(using: &generator) ? " " : "")
            }
            let values = Extract.facts(code, language).values
            for literal in values.literals {
                #expect(literal.contentRange.start >= literal.range.start && literal.contentRange.end <= literal.range.end)
            }
            _ = values.constant(named: "x", at: code.utf8.count / 2)
            _ = values.constant(named: "self.x", at: 0)
        }
    }
}
