import Foundation
import Testing

/// The hook of `.pre-commit-hooks.yaml` under the real pre-commit framework (from PyPI): it checks
/// what pre-commit passes. `language: swift` would build the package again, so the test runs the
/// same hook definition as a `repo: local` hook with `language: system` and the built binary.
@Suite(.serialized) struct PreCommitTests {
    /// `pre-commit` on PATH; without it the tests are skipped outside CI (said on stderr), and
    /// fail under `CI=true` (`.ci/run` installs it).
    static let preCommit: String? = {
        let run = try? Tool.run([], rawCommand: ["/usr/bin/env", "pre-commit", "--version"])
        if run?.status == 0 { return "pre-commit" }
        let consequence = Specifications.isCI ? "these tests FAIL under CI=true" : "these tests are skipped (pip install pre-commit)"
        FileHandle.standardError.write(Data("ssotguard tests: pre-commit is not installed: \(consequence)\n".utf8))
        return nil
    }()

    static let available = preCommit != nil || Specifications.isCI

    /// The hook's keys as our `.pre-commit-hooks.yaml` states them (a flat list of `key: value`).
    static func hookDefinition() throws -> [String: String] {
        let text = try String(contentsOf: Tool.repository.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        var keys: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            var entry = line.trimmingCharacters(in: .whitespaces)
            if entry.hasPrefix("- ") { entry.removeFirst(2) }
            guard let colon = entry.firstIndex(of: ":") else { continue }
            keys[String(entry[..<colon])] = entry[entry.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return keys
    }

    /// A repository with a committed `import jwt` (app/legacy.py), a clean file, and a
    /// `.pre-commit-config.yaml` running our hook definition with the built binary.
    static func repository() throws -> TempTree {
        let hook = try hookDefinition()
        #expect(hook["language"] == "swift")
        let entry = try #require(hook["entry"])
        #expect(entry.hasPrefix("ssotguard "))
        let tree = try TempTree()
        try tree.write("app/legacy.py", "import jwt\n")
        try tree.write("app/clean.py", "x = 1\n")
        var config = "repos:\n- repo: local\n  hooks:\n  - id: \(hook["id"] ?? "ssotguard")\n    name: ssotguard\n"
        config += "    entry: \(Tool.binary) \(entry.dropFirst("ssotguard ".count))\n    language: system\n"
        for key in ["pass_filenames", "files", "require_serial", "always_run", "types", "types_or"] {
            if let value = hook[key] { config += "    \(key): \(value)\n" }
        }
        try tree.write(".pre-commit-config.yaml", config)
        try git(["init", "-q", "-b", "main"], tree)
        try git(["add", "-A"], tree)
        try git(["commit", "-q", "-m", "start"], tree)
        return tree
    }

    @discardableResult
    static func git(_ arguments: [String], _ tree: TempTree) throws -> Tool.Run {
        let run = try Tool.run([], in: tree.root, environment: environment(tree),
                               rawCommand: ["/usr/bin/env", "git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"] + arguments)
        #expect(run.status == 0, "git \(arguments): \(run.stderr)")
        return run
    }

    static func environment(_ tree: TempTree) -> [String: String] {
        ["PRE_COMMIT_HOME": tree.root.appendingPathComponent(".pre-commit-home").path, "NO_COLOR": "1",
         "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
         "GIT_COMMITTER_EMAIL": "t@example.invalid"]
    }

    static func preCommitRun(_ arguments: [String], _ tree: TempTree) throws -> Tool.Run {
        try Tool.run([], in: tree.root, environment: environment(tree),
                     rawCommand: ["/usr/bin/env", "pre-commit", "run", "--color", "never"] + arguments)
    }

    /// `--all-files` and `--files` check the files pre-commit passes: a committed `import jwt`
    /// fails the hook (it passed silently when the hook scanned only staged files).
    @Test(.enabled(if: available, "needs pre-commit (pip install pre-commit)"))
    func allFilesAndNamedFilesAreChecked() throws {
        try #require(Self.preCommit != nil, "pre-commit is not installed")
        let tree = try Self.repository()
        defer { tree.remove() }
        let all = try Self.preCommitRun(["--all-files"], tree)
        #expect(all.status == 1, "\(all.stdout)\(all.stderr)")
        #expect(all.stdout.contains("Failed"))
        #expect(all.stdout.contains("app/legacy.py:1:1: error[jwt-direct-import]"))
        let named = try Self.preCommitRun(["--files", "app/legacy.py"], tree)
        #expect(named.status == 1)
        #expect(named.stdout.contains("app/legacy.py:1:1: error[jwt-direct-import]"))
        let clean = try Self.preCommitRun(["--files", "app/clean.py"], tree)
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("Passed"))
    }

    /// On a commit pre-commit passes the staged files, and ssotguard reads their staged content:
    /// a staged `import jwt` blocks the commit even when the working tree no longer has it, and an
    /// unstaged one does not.
    @Test(.enabled(if: available, "needs pre-commit (pip install pre-commit)"))
    func aCommitChecksTheStagedContent() throws {
        try #require(Self.preCommit != nil, "pre-commit is not installed")
        let tree = try Self.repository()
        defer { tree.remove() }
        let install = try Tool.run([], in: tree.root, environment: Self.environment(tree),
                                   rawCommand: ["/usr/bin/env", "pre-commit", "install"])
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        // Staged: a violation; working tree: fixed again. The commit must be refused.
        try tree.write("app/new.py", "import jwt\n")
        try Self.git(["add", "app/new.py"], tree)
        try tree.write("app/new.py", "x = 2\n")
        let blocked = try Tool.run([], in: tree.root, environment: Self.environment(tree),
                                   rawCommand: ["/usr/bin/env", "git", "commit", "-m", "add new"])
        #expect(blocked.status != 0, "the commit went through: \(blocked.stdout)\(blocked.stderr)")
        #expect((blocked.stdout + blocked.stderr).contains("app/new.py:1:1: error[jwt-direct-import]"))
        // Staged: clean; working tree: a violation not staged. The commit goes through.
        try tree.write("app/new.py", "x = 3\n")
        try Self.git(["add", "app/new.py"], tree)
        try tree.write("app/new.py", "import jwt\n")
        let committed = try Tool.run([], in: tree.root, environment: Self.environment(tree),
                                     rawCommand: ["/usr/bin/env", "git", "commit", "-m", "add new"])
        #expect(committed.status == 0, "\(committed.stdout)\(committed.stderr)")
    }
}
