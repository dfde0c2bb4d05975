import Foundation
import Model
import Testing
@testable import Pipeline

/// Structural near-copies across files are grouped (fixtures/jwt-monorepo/EXPECTED.md).
@Suite struct FixtureGroupingTests {
    @Test func aRenamedCopyGroupsWithTheOriginalByShape() async throws {
        var options = ScanOptions()
        options.paths = [FixtureScanTests.fixtures.appendingPathComponent("jwt-monorepo").path]
        let result = try await Pipeline.run(options)
        let duplicates = result.findings.filter { $0.ruleID == "jwt-duplicate-implementation" }
        let copy = try #require(duplicates.first { $0.path.hasSuffix("websocket_core/ws_token_gate.py") && $0.message.contains("check_ws_token") })
        #expect(copy.relatedLocations.contains { $0.path.hasSuffix("services/auth/token_validator.py") && $0.location.line == 44 })
        // Grouped by name across languages too: revoke_token twice in one file.
        let revoke = duplicates.filter { $0.path.hasSuffix("auth/revocation.py") && $0.message.contains(".revoke_token") }
        #expect(revoke.count == 2)
        #expect(revoke.allSatisfy { $0.relatedLocations.count == 1 })
    }
}
