import Foundation
import Testing

/// Issue 5 acceptance: a temporary git repository built from fixtures/jwt-monorepo, a baseline,
/// and the edits CI must tell apart.
@Suite struct BaselineTests {
    static var canRunGit: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/git") }

    func repository() throws -> (TempTree, URL) {
        let tree = try TempTree()
        let repo = tree.root.appendingPathComponent("repo")
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("fixtures/jwt-monorepo"), to: repo)
        for command in [["init", "-q", "-b", "main"], ["add", "-A"],
                        ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "fixture"]] {
            #expect(try git(command, in: repo) == 0)
        }
        return (tree, repo)
    }

    @discardableResult
    func git(_ arguments: [String], in directory: URL) throws -> Int32 {
        try Tool.run([], rawCommand: ["/usr/bin/git", "-C", directory.path] + arguments).status
    }

    func edit(_ repo: URL, _ path: String, _ change: (String) -> String) throws {
        let url = repo.appendingPathComponent(path)
        try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
    }

    func scan(_ repo: URL, _ arguments: [String]) throws -> (status: Int32, report: [String: Any], stderr: String) {
        let run = try Tool.run(["scan", "."] + arguments + ["--format", "json"], in: repo)
        return (run.status, (try? Tool.json(run.stdout)) ?? [:], run.stderr)
    }

    static let file = "netra_backend/app/services/key_manager.py"
    /// A file whose only finding is one import (its removal fixes exactly one finding).
    static let importOnly = "netra_backend/app/legacy/legacy_auth.py"
    static let importOnlyLine = "\nfrom jwt import *  # noqa: F401,F403\n"

    @Test(.enabled(if: canRunGit)) func baselineSurvivesEditsAndCatchesNewViolations() throws {
        let (tree, repo) = try repository()
        defer { tree.remove() }
        // The first baseline accepts today's findings: a summary of what was written, exit 0.
        let written = try Tool.run(["scan", ".", "--write-baseline", "ssotguard-baseline.json"], in: repo)
        #expect(written.status == 0)
        #expect(written.stdout.hasPrefix("Wrote baseline ssotguard-baseline.json: "), "\(written.stdout)")
        #expect(written.stdout.contains("  jwt-direct-import  ") && !written.stdout.contains("error[jwt"))
        #expect(try Tool.run(["scan", ".", "--baseline", "ssotguard-baseline.json"], in: repo).stdout.hasPrefix("No new findings ("))
        let baselineText = try String(contentsOf: repo.appendingPathComponent("ssotguard-baseline.json"), encoding: .utf8)
        let entryLines = baselineText.split(separator: "\n").filter { $0.hasPrefix("    {") }
        #expect(entryLines.count > 100)
        #expect(!baselineText.contains("\"line\""))
        #expect(try scan(repo, ["--baseline", "ssotguard-baseline.json"]).status == 0)

        // A line inserted above a known violation: every finding is still unchanged.
        try edit(repo, Self.file) { "# a new comment at the top\n\n" + $0 }
        var result = try scan(repo, ["--baseline", "ssotguard-baseline.json"])
        #expect(result.status == 0)
        var baseline = try #require(result.report["baseline"] as? [String: Any])
        #expect(baseline["new"] as? Int == 0)
        #expect((baseline["fixed"] as? [Any])?.count == 0)

        // A second identical violation in the same file is new.
        try edit(repo, Self.file) { $0 + "\nimport jwt\n" }
        result = try scan(repo, ["--baseline", "ssotguard-baseline.json"])
        #expect(result.status == 1)
        baseline = try #require(result.report["baseline"] as? [String: Any])
        #expect(baseline["new"] as? Int == 1)
        let new = (result.report["findings"] as? [[String: Any]] ?? []).filter { $0["baselineState"] as? String == "new" }
        #expect(new.map { $0["path"] as? String } == [Self.file])
        // The ratchet refuses to take it in...
        let refused = try Tool.run(["scan", ".", "--write-baseline", "ssotguard-baseline.json"], in: repo)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("1 finding is not in ssotguard-baseline.json and was not added"))
        #expect(try scan(repo, ["--baseline", "ssotguard-baseline.json"]).status == 1)

        // ...and once the violation is gone and another fixed, the fix is reported and the run passes.
        try edit(repo, Self.file) { String($0.dropLast("\nimport jwt\n".count)) }
        try edit(repo, Self.importOnly) { $0.replacingOccurrences(of: Self.importOnlyLine, with: "\n") }
        result = try scan(repo, ["--baseline", "ssotguard-baseline.json"])
        #expect(result.status == 0)
        baseline = try #require(result.report["baseline"] as? [String: Any])
        let fixed = try #require(baseline["fixed"] as? [[String: Any]])
        #expect(fixed.map { $0["rule"] as? String } == ["jwt-direct-import"])
        #expect(fixed.map { $0["path"] as? String } == [Self.importOnly])
        // Writing the baseline now drops the fixed entry.
        #expect(try Tool.run(["scan", ".", "--write-baseline", "ssotguard-baseline.json"], in: repo).status == 1)
        let after = try String(contentsOf: repo.appendingPathComponent("ssotguard-baseline.json"), encoding: .utf8)
        #expect(after.split(separator: "\n").filter { $0.hasPrefix("    {") }.count == entryLines.count - 1)
        #expect(try scan(repo, ["--baseline", "ssotguard-baseline.json", "--fail-on", "any"]).status == 1)
        #expect(try scan(repo, ["--baseline", "ssotguard-baseline.json", "--fail-on", "none"]).status == 0)
    }

    @Test(.enabled(if: canRunGit)) func stagedScanReadsTheIndexNotTheWorkingTree() throws {
        let (tree, repo) = try repository()
        defer { tree.remove() }
        try tree.write("repo/netra_backend/app/api/new_endpoint.py", "import jwt\n")
        try git(["add", "netra_backend/app/api/new_endpoint.py"], in: repo)
        try tree.write("repo/netra_backend/app/api/new_endpoint.py", "import os\n")  // working tree differs
        try edit(repo, Self.file) { $0 + "\nimport jose\n" }  // unstaged: must not be read
        let result = try scan(repo, ["--staged"])
        #expect(result.status == 1)
        let findings = result.report["findings"] as? [[String: Any]] ?? []
        #expect(findings.map { "\($0["path"] ?? ""):\($0["line"] ?? 0)" } == ["netra_backend/app/api/new_endpoint.py:1"])
        #expect((result.report["summary"] as? [String: Any])?["filesScanned"] as? Int == 1)

        let changed = try scan(repo, ["--changed-since", "HEAD"])
        let paths = Set((changed.report["findings"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths == [Self.file])  // the staged file's working-tree text is clean
    }

    /// `--staged FILE...` (what the pre-commit hook runs): a staged file is read from the index,
    /// a file that is not staged from disk, a missing one is an error; paths are relative to the
    /// working directory.
    @Test(.enabled(if: canRunGit)) func stagedWithFilesReadsStagedContentElseTheDisk() throws {
        let (tree, repo) = try repository()
        defer { tree.remove() }
        try tree.write("repo/netra_backend/app/api/new_endpoint.py", "import jwt\n")
        try git(["add", "netra_backend/app/api/new_endpoint.py"], in: repo)
        try tree.write("repo/netra_backend/app/api/new_endpoint.py", "import os\n")  // working tree differs
        let run = try Tool.run(["scan", "--staged", "netra_backend/app/api/new_endpoint.py", Self.importOnly, "--format", "json"],
                               in: repo)
        #expect(run.status == 1)
        let findings = try Tool.json(run.stdout)["findings"] as? [[String: Any]] ?? []
        #expect(findings.map { "\($0["path"] ?? ""):\($0["line"] ?? 0)" }
                == ["netra_backend/app/api/new_endpoint.py:1", "\(Self.importOnly):13"])
        let missing = try Tool.run(["scan", "--staged", "nope.py"], in: repo)
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.contains("nope.py: error: No such file or directory"))
        // From a subdirectory, paths stay relative to where it runs.
        let sub = try Tool.run(["scan", "--staged", "api/new_endpoint.py", "--format", "json"],
                               in: repo.appendingPathComponent("netra_backend/app"))
        let subFindings = try Tool.json(sub.stdout)["findings"] as? [[String: Any]] ?? []
        #expect(subFindings.compactMap { $0["path"] as? String } == ["api/new_endpoint.py"])
    }

    @Test func foreignCorruptAndUnknownVersionBaselinesAreToolErrors() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import jwt\n")
        try tree.write("sarif.json", "{\"version\": \"2.1.0\", \"runs\": []}")
        try tree.write("v9.json", "{\"kind\": \"ssotguard-baseline\", \"version\": 9, \"entries\": []}")
        try tree.write("broken.json", "{\"kind\": \"ssotguard-baseline\", \"version\": 1, \"entries\": [}")
        for (file, message) in [("sarif.json", "this is a SARIF log, not an ssotguard baseline"),
                                ("v9.json", "unsupported baseline version 9"), ("broken.json", "broken.json:1:"),
                                ("missing.json", "cannot read the baseline: No such file or directory")] {
            let run = try Tool.run(["scan", ".", "--baseline", file], in: tree.root)
            #expect(run.status == 2, "\(file)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
        let overwrite = try Tool.run(["scan", ".", "--write-baseline", "sarif.json"], in: tree.root)
        #expect(overwrite.status == 2)
        #expect(try String(contentsOf: tree.root.appendingPathComponent("sarif.json"), encoding: .utf8).contains("runs"))
    }

    @Test func notInAGitRepositoryIsSaidClearly() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import jwt\n")
        let run = try Tool.run(["scan", "--staged"], in: tree.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("not inside a git repository"))
    }
}
