import Testing
@testable import Lexing

/// Deep nesting, huge input and random bytes: the lexer must neither crash nor hang.
@Suite struct TypeScriptLexerRobustnessTests {
    /// Token ranges are in bounds, non-empty, in order and non-overlapping;
    /// problems point into the file; string values can be computed.
    private func checkInvariants(_ bytes: [UInt8], jsx: Bool, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        bytes.withUnsafeBytes { buffer in
            let result = TypeScriptLexer.tokenize(buffer, jsx: jsx)
            var previousEnd: Int32 = 0
            var ok = true
            for token in result.tokens {
                if token.start < previousEnd || token.end < token.start || Int(token.end) > bytes.count { ok = false }
                if token.start == token.end { ok = false }
                previousEnd = token.end
                _ = TypeScriptLexer.stringValue(of: token, in: buffer)
            }
            #expect(ok, "bad token ranges for \(bytes.prefix(200))", sourceLocation: sourceLocation)
            #expect(result.problems.allSatisfy { $0.offset >= 0 && $0.offset <= bytes.count }, sourceLocation: sourceLocation)
        }
    }

    @Test func tenThousandNestedParenthesesAndBraces() {
        let depth = 10_000
        let parens = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
        #expect(TSLex.lex(parens).tokens.count == 2 * depth + 1)
        let braces = String(repeating: "{", count: depth) + String(repeating: "}", count: depth)
        #expect(TSLex.lex(braces, jsx: true).tokens.count == 2 * depth)
        let unclosed = String(repeating: "[{(", count: depth)
        #expect(TSLex.lex(unclosed, jsx: true).problems.isEmpty)
    }

    @Test func thousandNestedTemplates() {
        let depth = 1_000
        let source = String(repeating: "`${", count: depth) + "a" + String(repeating: "}`", count: depth)
        let result = TSLex.lex(source)
        #expect(result.problems.isEmpty)
        #expect(result.tokens.count == 2 * depth + 1)
        #expect(result.tokens.first?.kind == .templateHead)
        #expect(result.tokens.last?.kind == .templateTail)
        let unclosed = TSLex.lex(String(repeating: "`${", count: depth))
        #expect(unclosed.problems.count == depth)
    }

    @Test func thousandNestedJSXElementsAndExpressions() {
        let depth = 1_000
        let elements = "x = " + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let result = TSLex.lex(elements, jsx: true)
        #expect(result.problems.isEmpty)
        #expect(result.tokens.count == 2 + depth * 3 + depth * 4)
        let mixed = "x = " + String(repeating: "<a>{`${", count: depth) + "1"
            + String(repeating: "}`}</a>", count: depth) + " / 2"
        let mixedResult = TSLex.lex(mixed, jsx: true)
        #expect(mixedResult.problems.isEmpty)
        #expect(mixedResult.tokens.suffix(2).map(\.kind) == [.operator, .number])
        // Never closed: each retry re-lexes the rest, so the retries are capped.
        let unclosed = TSLex.lex(String(repeating: "<a>{", count: depth), jsx: true)
        #expect(unclosed.problems.count == TypeScriptLexer.maxJSXRetries)
    }

    @Test func twentyMegabyteMinifiedLine() {
        let chunk = Array(#"var a=require("jsonwebtoken"),b=`k${a.x}`;a.sign({x:1/2},b,/x[/]y/g)&&<i c={d}>t</i>;"#.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20_000_000 + chunk.count)
        while bytes.count < 20_000_000 { bytes += chunk }
        let result = bytes.withUnsafeBytes { TypeScriptLexer.tokenize($0, jsx: true) }
        let perChunk = chunk.withUnsafeBytes { TypeScriptLexer.tokenize($0, jsx: true) }.tokens.count
        #expect(result.problems.isEmpty)
        #expect(perChunk == 47)
        #expect(result.tokens.count == bytes.count / chunk.count * perChunk)
    }

    /// Lines that start a regex and never close it: each byte is scanned a bounded number of times.
    @Test func pathologicalRegexLines() {
        let source = "x = " + String(repeating: "/[ =", count: 200_000)
        checkInvariants(Array(source.utf8), jsx: true)
        let slashes = "x = " + String(repeating: "=/\\", count: 200_000)
        checkInvariants(Array(slashes.utf8), jsx: false)
    }

    @Test func randomBytesNeverCrash() {
        for seed in 0..<300 {
            var random = SplitMix64(seed: UInt64(seed))
            let length = Int(random.next() % 3_000)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            checkInvariants(bytes, jsx: seed % 2 == 0)
        }
    }

    /// Random mixes of the bytes that switch lexer modes find the corner cases plain noise misses.
    @Test func randomSyntaxSoupNeverCrashes() {
        let alphabet = Array("`${}()[]<>/\\'\"*=!?.,:;#\n\r \tab1x0e_-+&|<></>{`}".utf8) + [0xE2, 0x80, 0xA8, 0xEF, 0xBB, 0xBF, 0, 0xFF]
        for seed in 0..<1_000 {
            var random = SplitMix64(seed: UInt64(seed) &+ 1_000_003)
            let length = Int(random.next() % 400)
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            checkInvariants(bytes, jsx: true)
            checkInvariants(bytes, jsx: false)
        }
    }

    @Test func truncatedFilesNeverCrash() {
        let source = Array(#"#!/bin/node\n/* c */ const a = <A b="1" c={`x${ {d:/e[/]/g} }`}>Don't {f}</A>; 'g\'h' 0x1n"#.utf8)
        for cut in 0...source.count {
            checkInvariants(Array(source[..<cut]), jsx: true)
            checkInvariants(Array(source[..<cut]), jsx: false)
        }
    }

    /// A small deterministic generator (SplitMix64), so fuzz failures reproduce.
    private struct SplitMix64 {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
