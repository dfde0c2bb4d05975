import Foundation
import Testing

/// No fixture secret (fixtures/jwt-monorepo/SECRETS.txt) appears in any output: every report
/// format, progress, and the baseline file. Masked forms (`de…(41 chars)`) may.
@Suite struct FixtureSecretLeakTests {
    static let fixture = "fixtures/jwt-monorepo"

    static var secrets: [String] {
        let text = (try? String(contentsOf: Tool.repository.appendingPathComponent("\(fixture)/SECRETS.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    @Test func theSecretListIsNotEmptyAndEverySecretIsInTheFixture() throws {
        #expect(Self.secrets.count >= 60)
    }

    @Test func noOutputContainsAFixtureSecret() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        let baseline = tree.root.appendingPathComponent("baseline.json").path
        let outputFile = tree.root.appendingPathComponent("report.txt").path
        var outputs: [String: String] = [:]
        for format in ["text", "json", "sarif", "github", "markdown"] {
            let run = try Tool.run(["scan", Self.fixture, "--format", format] + (format == "sarif" ? ["--sarif-all"] : []))
            #expect(run.status == 1, "\(format): \(run.stderr)")
            outputs["scan \(format)"] = run.stdout + run.stderr
        }
        _ = try Tool.run(["scan", Self.fixture, "--output", outputFile])
        outputs["scan --output"] = try String(contentsOfFile: outputFile, encoding: .utf8)
        _ = try Tool.run(["scan", Self.fixture, "--write-baseline", baseline])
        outputs["baseline"] = try String(contentsOfFile: baseline, encoding: .utf8)
        for format in ["text", "markdown", "json"] {
            outputs["progress \(format)"] = try Tool.run(["progress", Self.fixture, "--format", format, "--baseline", baseline]).stdout
        }
        #expect(outputs["scan text"]?.contains("…(") == true)  // masked values are shown
        for (name, text) in outputs.sorted(by: { $0.key < $1.key }) {
            #expect(!text.isEmpty, "\(name) is empty")
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(name) contains the secret \(secret.prefix(2))…")
            }
        }
    }
}
