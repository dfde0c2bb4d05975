import Model
import Testing
@testable import Baselines

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func knownVectors(_ input: String, _ digest: String) {
        #expect(SHA256.hex(input) == digest)
    }
}

@Suite struct FingerprintTests {
    static func finding(_ text: String, line: Int, symbol: String? = nil, path: String = "a.py") -> Finding {
        var finding = Finding(ruleID: "jwt-direct-call", severity: .error, message: "m", path: path, range: ByteRange(0, 1),
                              location: SourceLocation(line: line, column: 1, endLine: line, endColumn: 2), snippet: Snippet(line: text, column: 1, endColumn: 2))
        finding.matchedText = Fingerprints.normalize(text)
        finding.enclosingSymbol = symbol
        return finding
    }

    @Test func identityIgnoresLinesAndWhitespaceButCountsOccurrences() {
        let before = Fingerprints.assign([Self.finding("jwt.decode(t,  k)", line: 3), Self.finding("jwt.decode(t, k)", line: 9)])
        let after = Fingerprints.assign([Self.finding("jwt.decode(t, k)", line: 5), Self.finding("jwt.decode(t,\n k)", line: 12)])
        #expect(before.map(\.fingerprint) == after.map(\.fingerprint))
        #expect(before[0].fingerprint.hasSuffix(":1"))
        #expect(before[1].fingerprint.hasSuffix(":2"))
        #expect(before[0].fingerprint.dropLast(2) == before[1].fingerprint.dropLast(2))
    }

    @Test func symbolPathAndTextTellFindingsApart() {
        let all = Fingerprints.assign([Self.finding("x()", line: 1, symbol: "A.f"), Self.finding("x()", line: 1, symbol: "B.f"),
                                       Self.finding("x()", line: 1, path: "b.py"), Self.finding("y()", line: 1)])
        #expect(Set(all.map(\.fingerprint)).count == 4)
    }

    @Test func normalizeFoldsWhitespace() {
        #expect(Fingerprints.normalize("  from jwt import (\n    decode,\t encode )  ") == "from jwt import ( decode, encode )")
    }
}
