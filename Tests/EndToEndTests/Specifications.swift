import Foundation
import Testing

/// Specification data the tests check against (`Tests/Specifications`), and the external tools
/// some tests need.
enum Specifications {
    static let directory = Tool.repository.appendingPathComponent("Tests/Specifications")
    static let sarifSchema = directory.appendingPathComponent("sarif-schema-2.1.0.json")

    /// Whether CI runs the tests (`CI=true`): a missing tool is then a failure, not a skip.
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether `python3 -c "import <module>"` works; when it does not, says so on stderr (tests
    /// that need it are skipped outside CI and fail under CI).
    static func pythonHas(_ module: String) -> Bool {
        let run = try? Tool.run([], rawCommand: ["/usr/bin/env", "python3", "-c", "import \(module)"])
        if run?.status == 0 { return true }
        let consequence = isCI ? "tests that need it FAIL under CI=true" : "tests that need it are skipped (pip install \(module))"
        FileHandle.standardError.write(Data("ssotguard tests: python3 module '\(module)' is missing: \(consequence)\n".utf8))
        return false
    }
}
