import Foundation
import Model
import Testing
@testable import Pipeline

/// Every finding of each fixture tree lands in the phase its PHASES.txt expects.
@Suite struct FixturePhaseTests {
    @Test(arguments: ["jwt-monorepo", "acme-platform"])
    func everyFixtureFindingHasTheExpectedPhase(_ tree: String) async throws {
        let root = FixtureScanTests.fixtures.appendingPathComponent(tree)
        let table = try String(contentsOf: root.appendingPathComponent("PHASES.txt"), encoding: .utf8)
        var expected: [String: String] = [:]  // "rule path" → phase
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t").map(String.init)
            try #require(fields.count == 3, "bad line: \(line)")
            expected["\(fields[1]) \(fields[2])"] = fields[0]
        }
        var options = ScanOptions()
        options.paths = [root.path]
        let result = try await Pipeline.run(options)
        var seen: Set<String> = []
        for finding in result.findings {
            let key = "\(finding.ruleID) \(finding.path)"
            seen.insert(key)
            #expect(finding.phase == expected[key], "\(tree): \(finding.path):\(finding.location.line) \(finding.ruleID)")
            #expect(finding.phaseTitle?.isEmpty == false)
        }
        #expect(seen == Set(expected.keys), "\(tree): PHASES.txt lists (rule, file) pairs with no finding")
        #expect(Set(expected.values).count >= 6)
    }
}
