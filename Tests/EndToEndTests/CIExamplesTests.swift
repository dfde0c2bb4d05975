import Foundation
import Testing

/// The CI examples in `examples/` are files a team pastes: every ssotguard command they run is a
/// real command with valid options (each is run here), and the GitHub workflow has what code
/// scanning and pull requests need. The workflow is parsed as YAML with Python's PyYAML (which
/// the pre-commit framework `.ci/run` installs brings along).
@Suite struct CIExamplesTests {
    static let examples = Tool.repository.appendingPathComponent("examples")

    /// The YAML file as JSON, through PyYAML; nil (with a note) when PyYAML is missing outside CI.
    static func yaml(_ file: URL) throws -> [String: Any]? {
        let run = try Tool.run([], rawCommand: ["/usr/bin/env", "python3", "-c",
                                                "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", file.path])
        guard run.status == 0 else {
            #expect(!Specifications.isCI, "PyYAML is needed under CI=true: \(run.stderr)")
            return nil
        }
        return try Tool.json(run.stdout)
    }

    /// The `ssotguard ...` command lines of a shell text (continuation lines joined).
    static func commands(in script: String) -> [String] {
        script.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
            .filter { $0.hasPrefix("ssotguard ") }
    }

    /// Runs each command in a small repository with a configuration naming a baseline: valid
    /// commands exit 0 or 1 (findings), never 2 (broken) or 64 (usage).
    static func expectRunnable(_ commands: [String], from file: String) throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/a.py", "import jwt\n")
        try tree.write(".ssotguard.json", #"{ "version": 1, "baseline": ".ssotguard-baseline.json" }"#)
        #expect(try Tool.run(["scan", ".", "--write-baseline", ".ssotguard-baseline.json"], in: tree.root).status == 0)
        try tree.write("app/b.py", "import jose\n")
        for command in commands {
            let arguments = command.split(separator: " ").dropFirst().map(String.init)
            let run = try Tool.run(arguments, in: tree.root)
            #expect([0, 1].contains(run.status), "\(file): `\(command)` exited \(run.status): \(run.stderr)")
        }
    }

    @Test func theGitHubWorkflowRunsRealCommandsWithWhatCodeScanningNeeds() throws {
        let file = Self.examples.appendingPathComponent("github-actions/ssotguard.yml")
        guard let workflow = try Self.yaml(file) else { return }
        let permissions = try #require(workflow["permissions"] as? [String: String])
        #expect(permissions["security-events"] == "write" && permissions["actions"] == "read" && permissions["contents"] == "read")
        let job = try #require((workflow["jobs"] as? [String: Any])?["ssotguard"] as? [String: Any])
        let steps = try #require(job["steps"] as? [[String: Any]])
        let runs = steps.compactMap { $0["run"] as? String }
        let commands = runs.flatMap(Self.commands)
        #expect(commands.count >= 2)
        #expect(runs.contains { $0.contains("swift build -c release --static-swift-stdlib") })
        // The build is cached on the manifest and sources.
        let caches = steps.filter { ($0["uses"] as? String)?.hasPrefix("actions/cache@") == true }
        #expect(caches.contains { step in
            let with = step["with"] as? [String: Any]
            return (with?["path"] as? String) == ".ssotguard-src/.build" && ((with?["key"] as? String) ?? "").contains("Package.swift")
        })
        // Upload, summary and comment run also when the scan failed the job (new violations).
        for name in ["Upload SARIF", "Job summary", "Pull-request comment"] {
            let step = try #require(steps.first { $0["name"] as? String == name }, "\(name)")
            #expect((step["if"] as? String)?.hasPrefix("always()") == true, "\(name)")
        }
        let upload = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        #expect((upload["with"] as? [String: Any])?["sarif_file"] as? String == "ssotguard.sarif")
        try Self.expectRunnable(commands, from: "ssotguard.yml")
    }

    @Test func theGitLabAndShellSnippetsRunRealCommands() throws {
        let gitlab = Self.examples.appendingPathComponent("gitlab-ci/ssotguard.gitlab-ci.yml")
        if let parsed = try Self.yaml(gitlab) {
            let script = try #require((parsed["ssotguard"] as? [String: Any])?["script"] as? [String])
            let commands = script.flatMap(Self.commands)
            #expect(commands.count == 2)
            try Self.expectRunnable(commands, from: "gitlab")
        }
        let shell = try String(contentsOf: Self.examples.appendingPathComponent("any-ci/ssotguard.sh"), encoding: .utf8)
        let commands = Self.commands(in: shell)
        #expect(commands.count == 2)
        try Self.expectRunnable(commands, from: "ssotguard.sh")
    }
}
