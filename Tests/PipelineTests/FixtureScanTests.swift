import Foundation
import Model
import Testing
@testable import Pipeline

/// The scan of each fixture tree finds exactly the findings its files announce inline.
@Suite struct FixtureScanTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures")

    @Test func jwtMonorepoFindsExactlyTheAnnotatedFindings() async throws {
        let root = Self.fixtures.appendingPathComponent("jwt-monorepo")
        let expectations = try FixtureExpectations(root: root)
        var options = ScanOptions()
        options.paths = [root.path]
        let result = try await Pipeline.run(options)

        var actual: [FixtureExpectations.Key: Int] = [:]
        for finding in result.findings {
            actual[.init(path: finding.path, line: finding.location.line, rule: finding.ruleID.rawValue), default: 0] += 1
        }
        let missing = expectations.expected.filter { actual[$0.key, default: 0] < $0.value }.keys.sorted()
        let unexpected = actual.filter { expectations.expected[$0.key, default: 0] < $0.value }.keys.sorted()
        #expect(missing.isEmpty, "expected but not found:\n\(missing.map(\.description).joined(separator: "\n"))")
        #expect(unexpected.isEmpty, "found but not annotated:\n\(unexpected.map(\.description).joined(separator: "\n"))")
        let firedWhereOK = expectations.mustNotFire.filter { actual[$0] != nil }.sorted()
        #expect(firedWhereOK.isEmpty, "fired where annotated ok:\n\(firedWhereOK.map(\.description).joined(separator: "\n"))")
        #expect(expectations.expected.count > 20)
        #expect(result.diagnostics.filter { $0.level != .note }.isEmpty, "\(result.diagnostics)")
    }
}
