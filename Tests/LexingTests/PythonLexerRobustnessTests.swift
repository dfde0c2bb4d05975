import Testing
@testable import Lexing

@Suite struct PythonLexerRobustnessTests {
    @Test func tenThousandNestedParentheses() {
        let open = String(repeating: "(", count: 10_000)
        let unclosed = PyLex.lex(open)
        #expect(unclosed.tokens.count == 10_001)
        #expect(unclosed.tokens.last?.kind == .newline)
        let balanced = PyLex.lex("x = " + open + "\n1\n" + String(repeating: ")", count: 10_000) + "\ny\n")
        #expect(balanced.tokens.filter { $0.kind == .newline }.count == 2)
        let mixed = PyLex.lex(String(repeating: "[{(", count: 10_000) + String(repeating: ")}]", count: 10_000))
        #expect(mixed.tokens.count == 60_001)
        Invariants.check(mixed, count: 60_000)
    }

    @Test func twentyMegabytesOnOneLine() {
        let unit = Array("x = f(a, 'b', 1.5) + c[0]; ".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20_000_000 + unit.count)
        while bytes.count < 20_000_000 { bytes += unit }
        let result = PyLex.lex(bytes: bytes)
        #expect(result.tokens.count == bytes.count / unit.count * 16 + 1)
        #expect(result.problems.isEmpty)

        var string: [UInt8] = [UInt8(ascii: "'")]
        string += [UInt8](repeating: UInt8(ascii: "a"), count: 20_000_000)
        string.append(UInt8(ascii: "'"))
        #expect(PyLex.lex(bytes: string).tokens.map(\.kind) == [.string, .newline])
    }

    @Test func fuzzedBytesNeverBreakTheInvariants() {
        for seed in 0..<1_500 {
            var random = SplitMix64(seed: UInt64(seed))
            let bytes = Fuzz.source(using: &random, length: Int(random.next() % 600))
            let result = PyLex.lex(bytes: bytes)
            Invariants.check(result, count: bytes.count, bytes: bytes)
        }
    }

    @Test func pureRandomBytesAndNULs() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<300 {
            let bytes = (0..<Int(random.next() % 400)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            Invariants.check(PyLex.lex(bytes: bytes), count: bytes.count, bytes: bytes)
        }
        let nuls = [UInt8](repeating: 0, count: 64)
        Invariants.check(PyLex.lex(bytes: nuls), count: 64, bytes: nuls)
    }

    @Test func everyPrefixOfAProgramLexes() {
        let program = Array("""
            class A:
                def f(self, x: int = 1) -> str:
                    s = rf'''{x!r:>{w}} \\{{ }}''' + f"{d["k"]:{'x'}}" + b'\\x00'  # c
                    return (s,
                        t"{x}")
            """.utf8)
        for end in 0...program.count {
            let bytes = Array(program[..<end])
            Invariants.check(PyLex.lex(bytes: bytes), count: bytes.count, bytes: bytes)
        }
    }
}

/// Deterministic pseudo-random numbers (SplitMix64), so failures reproduce.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random inputs biased towards the bytes that steer the Python lexer.
enum Fuzz {
    static let fragments: [[UInt8]] = [
        "f\"", "f'", "rf\"", "t'''", "\"\"\"", "'''", "\"", "'", "{", "}", "{{", "}}", "(", ")", "[", "]",
        "!r", ":", ":>{", "\\", "\\\n", "\n", "\r\n", "\r", "    ", "\t", "\u{0C}", "#", "x", "import",
        "jwt", "1.5e-3", "0x", "...", "->", "=", "**=", "\\N{", " ", "é",
    ].map { Array($0.utf8) }

    static func source(using random: inout SplitMix64, length: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < length {
            if random.next() % 4 == 0 {
                bytes.append(UInt8(truncatingIfNeeded: random.next()))
            } else {
                bytes += fragments[Int(random.next() % UInt64(fragments.count))]
            }
        }
        return bytes
    }
}

/// What must hold for any input: ranges in order, in bounds and non-overlapping, blocks balanced,
/// problems in bounds, and string values computable.
enum Invariants {
    static func check(
        _ result: LexResult, count: Int, bytes: [UInt8]? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        var previousEnd = 0
        var indents = 0
        for token in result.tokens {
            let ok = token.start >= previousEnd && token.start <= token.end && Int(token.end) <= count
            if !ok {
                Issue.record("bad range \(token) after \(previousEnd) in \(count) bytes", sourceLocation: sourceLocation)
                return
            }
            previousEnd = Int(token.end)
            if token.kind == .indent { indents += 1 }
            if token.kind == .dedent { indents -= 1 }
            #expect(indents >= 0, sourceLocation: sourceLocation)
        }
        #expect(indents == 0, sourceLocation: sourceLocation)
        #expect(result.problems.allSatisfy { $0.offset >= 0 && $0.offset <= count }, sourceLocation: sourceLocation)
        if let bytes {
            bytes.withUnsafeBytes { buffer in
                for token in result.tokens where token.kind == .string {
                    _ = PythonLexer.stringValue(of: token, in: buffer)
                }
            }
        }
    }
}
