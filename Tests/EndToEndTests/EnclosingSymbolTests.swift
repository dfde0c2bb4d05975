import Foundation
import Testing

/// The baseline identity includes the enclosing function: the same code in two functions is two
/// identities, and reordering functions keeps them.
@Suite struct EnclosingSymbolTests {
    @Test func identicalCodeInTwoFunctionsAndReorderedFunctions() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        let first = "def a(t, k):\n    return jwt.decode(t, k)\n"
        let second = "def b(t, k):\n    return jwt.decode(t, k)\n"
        try tree.write("m.py", "import jwt\n\n" + first + "\n" + second)
        func fingerprints() throws -> [String: String] {
            let report = try Tool.json(try Tool.run(["scan", ".", "--format", "json"], in: tree.root).stdout)
            var result: [String: String] = [:]
            for finding in report["findings"] as? [[String: Any]] ?? [] where finding["ruleId"] as? String == "jwt-direct-call" {
                result["\(finding["line"] ?? 0)"] = finding["fingerprint"] as? String
            }
            return result
        }
        let before = try fingerprints()
        #expect(before.count == 2)
        #expect(before["4"]?.hasSuffix(":1") == true)
        #expect(before["7"]?.hasSuffix(":1") == true)  // not ":2": another function, another identity
        try tree.write("m.py", "import jwt\n\n" + second + "\n" + first)
        let after = try fingerprints()
        #expect(Set(after.values) == Set(before.values))
        #expect(after["4"] == before["7"])
    }
}
