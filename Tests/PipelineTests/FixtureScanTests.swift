import Foundation
import Model
import Testing
@testable import Pipeline

/// The scan of each fixture tree finds exactly the findings its files announce inline.
@Suite struct FixtureScanTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures")

    /// Scans a fixture tree (with its own `.ssotguard.json`, if any) and checks its annotations.
    static func scanMatchesAnnotations(_ tree: String) async throws -> ScanResult {
        let root = Self.fixtures.appendingPathComponent(tree)
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
        #expect(missing.isEmpty, "\(tree): expected but not found:\n\(missing.map(\.description).joined(separator: "\n"))")
        #expect(unexpected.isEmpty, "\(tree): found but not annotated:\n\(unexpected.map(\.description).joined(separator: "\n"))")
        let firedWhereOK = expectations.mustNotFire.filter { actual[$0] != nil }.sorted()
        #expect(firedWhereOK.isEmpty, "\(tree): fired where annotated ok:\n\(firedWhereOK.map(\.description).joined(separator: "\n"))")
        #expect(expectations.expected.count > 20)
        #expect(result.diagnostics.filter { $0.level != .note }.isEmpty, "\(result.diagnostics)")
        return result
    }

    @Test func jwtMonorepoFindsExactlyTheAnnotatedFindings() async throws {
        _ = try await Self.scanMatchesAnnotations("jwt-monorepo")
    }

    /// A second tree in another team's style (Django/DRF + NestJS/Vue/Svelte), with its SSOT
    /// configured in its own `.ssotguard.json` rather than the pack's default paths.
    @Test func acmePlatformFindsExactlyTheAnnotatedFindings() async throws {
        let result = try await Self.scanMatchesAnnotations("acme-platform")
        // Test code is recognised by path and imports relative to the scanned root: the secrets
        // in the nine test files are warnings, the others errors.
        let secrets = result.findings.filter { $0.ruleID.rawValue == "jwt-hardcoded-secret" }
        let inTests = secrets.filter(\.isTestCode)
        #expect(inTests.count == 8 && inTests.allSatisfy { $0.severity == .warning }, "\(inTests.map(\.path))")
        #expect(secrets.filter { !$0.isTestCode }.allSatisfy { $0.severity == .error })
        // The components' script blocks are scanned; their findings keep the file's own lines.
        #expect(result.findings.contains { $0.path.hasSuffix("LoginForm.vue") })
        #expect(result.findings.contains { $0.path.hasSuffix("Profile.svelte") })
    }
}
