import Foundation
import Testing
@testable import Baselines

/// GitHub's line hash, checked against codeql-action's own test vectors.
@Suite struct PrimaryLocationLineHashTests {
    /// Every case of `Tests/Specifications/github-primaryLocationLineHash-vectors.json` (taken from
    /// github/codeql-action `src/fingerprints.test.ts`, test "hash"); expected[i] is line i + 1.
    static let vectors: [(String, [String])] = [
        ("",
         ["c129715d7a2bc9a3:1"]),
        (" a\nb\n  \t\tc\n d",
         ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"]),
        (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
         ["8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1"]),
        (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
         ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]),
        (" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
         ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]),
        (" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
         ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]),
        (" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
         ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]),
        (String(repeating: "Lorem ipsum dolor sit amet.\n", count: 10),
         ["a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"]),
    ]

    @Test(arguments: vectors)
    func codeqlActionVectors(_ input: String, _ expected: [String]) {
        #expect(PrimaryLocationLineHash.lineHashes(of: input) == expected)
    }

    /// The vectors file as published (copied into `Tests/Specifications`): the cases above must
    /// be all of it, unchanged.
    static let vectorsFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Specifications/github-primaryLocationLineHash-vectors.json")

    @Test func everyCaseOfThePublishedVectorsFile() throws {
        struct File: Decodable {
            struct Case: Decodable { let input: String; let expected: [String] }
            let cases: [Case]
        }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: Self.vectorsFile))
        #expect(file.cases.count == Self.vectors.count)
        for entry in file.cases {
            #expect(PrimaryLocationLineHash.lineHashes(of: entry.input) == entry.expected, "input \(entry.input.debugDescription)")
        }
    }

    @Test func bytesReadAsUTF8GiveTheSameHashesAsText() {
        let text = "import jwt  # 😀 日本 é\r\nx = 1\n"
        let fromBytes = Array(text.utf8).withUnsafeBytes { PrimaryLocationLineHash.lineHashes(utf8: $0) }
        #expect(fromBytes == PrimaryLocationLineHash.lineHashes(of: text))
        #expect(fromBytes.count == 3)
    }

    @Test func invalidUTF8IsReadAsReplacementCharacters() {
        let bytes: [UInt8] = Array("a = '".utf8) + [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80] + Array("'\nimport jwt\n".utf8)
        let hashes = bytes.withUnsafeBytes { PrimaryLocationLineHash.lineHashes(utf8: $0) }
        #expect(hashes == PrimaryLocationLineHash.lineHashes(of: String(decoding: bytes, as: UTF8.self)))
    }

    @Test func selectedLinesHaveTheirHashAndOccurrence() {
        let text = String(repeating: "Lorem ipsum dolor sit amet.\n", count: 10)
        let all = PrimaryLocationLineHash.lineHashes(of: text)
        let some = Array(text.utf8).withUnsafeBytes { PrimaryLocationLineHash.hashes(ofLines: [2, 5, 7, 11, 12], utf8: $0) }
        #expect(some == [2: all[1], 5: all[4], 7: all[6], 11: all[10]])
        #expect(some[5] == "a7f2ff13bc495cf2:5")
    }

    @Test func whitespaceDoesNotChangeAHashButContentDoes() {
        let hashes = PrimaryLocationLineHash.lineHashes(of: "a = jwt.decode(t)\nb\n")
        #expect(PrimaryLocationLineHash.lineHashes(of: "a=jwt.decode( t )\nb\n") == hashes)
        #expect(PrimaryLocationLineHash.lineHashes(of: "a = jwt.encode(t)\nb\n")[0] != hashes[0])
    }
}
