import Foundation
import Testing

/// `ssotguard history` on the git repository built from fixtures/history (see its README).
@Suite struct HistoryTests {
    static var canRunGit: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/git") }

    /// Builds the fixture repository in a temp dir with scripts/make-history-fixture.
    func repository() throws -> TempTree {
        let tree = try TempTree()
        let script = Tool.repository.appendingPathComponent("scripts/make-history-fixture").path
        let run = try Tool.run([], rawCommand: ["/bin/bash", script, tree.root.appendingPathComponent("repo").path])
        #expect(run.status == 0, "\(run.stderr)")
        return tree
    }

    static let phases = ["phase-1.1", "phase-1.2", "phase-2.config", "phase-2.legacy", "phase-2.tests", "phase-2.utils",
                         "phase-2.remaining"]

    @Test(.enabled(if: canRunGit)) func exactCountsPerCommitAndPhase() throws {
        let tree = try repository()
        defer { tree.remove() }
        let repo = tree.root.appendingPathComponent("repo")
        let run = try Tool.run(["history", "--every", "1", "--format", "json"], in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        let samples = try #require(try Tool.json(run.stdout)["samples"] as? [[String: Any]])
        let table = samples.map { sample -> [Int] in
            let byPhase = sample["byPhase"] as? [String: Int] ?? [:]
            return Self.phases.map { byPhase[$0] ?? -1 } + [sample["total"] as? Int ?? -1]
        }
        // Columns: 1.1, 1.2, config, legacy, tests, utils, remaining, total (fixtures/history/README.md).
        #expect(table == [
            [5, 2, 0, 0, 2, 2, 0, 11],
            [2, 2, 0, 0, 2, 2, 0, 8],
            [2, 0, 0, 2, 2, 2, 0, 8],
            [2, 0, 0, 2, 0, 2, 0, 6],
            [1, 0, 0, 0, 0, 2, 0, 3],
        ])
        #expect(samples.map { $0["date"] as? String } == ["2025-09-10T09:00:00Z", "2025-09-15T17:30:00Z", "2025-09-17T11:00:00Z",
                                                         "2025-09-24T16:00:00Z", "2025-09-26T10:15:00Z"])
        // Unchanged blobs are answered from the cache: 22 file visits, 9 distinct (blob, path) pairs.
        #expect(run.stderr.contains("9 files scanned, 13 answered from the blob cache"))
    }

    @Test(.enabled(if: canRunGit)) func samplingAndDateRanges() throws {
        let tree = try repository()
        defer { tree.remove() }
        let repo = tree.root.appendingPathComponent("repo")
        func totals(_ arguments: [String]) throws -> [Int] {
            let run = try Tool.run(["history", "--format", "json"] + arguments, in: repo)
            #expect(run.status == 0, "\(run.stderr)")
            return (try Tool.json(run.stdout)["samples"] as? [[String: Any]] ?? []).map { $0["total"] as? Int ?? -1 }
        }
        #expect(try totals(["--every", "2"]) == [11, 8, 3])
        #expect(try totals(["--every", "week"]) == [11, 8, 3])  // weeks of Sep 8, 15 (last: 17th), 22 (last: 26th)
        #expect(try totals(["--every", "1", "--since", "2025-09-16", "--until", "2025-09-25"]) == [8, 6])
        let csv = try Tool.run(["history", "--every", "day"], in: repo)
        #expect(csv.stdout.split(separator: "\n").count == 6)
        #expect(csv.stdout.hasPrefix("commit,date,total,security,phase-1.1,phase-1.2,"))
    }

    @Test(.enabled(if: canRunGit)) func htmlIsSelfContainedAndEscapesPlanText() throws {
        let tree = try repository()
        defer { tree.remove() }
        let repo = tree.root.appendingPathComponent("repo")
        try tree.write("plan.json", """
            { "version": 1, "plan": "x", "title": "<script>alert('t')</script> & plan",
              "phases": [ { "id": "all", "title": "All <b>", "description": "d \\"q\\"", "due": "2025-09-20",
                            "match": [ {} ], "done": { "description": "none <left>" } } ] }
            """)
        let run = try Tool.run(["history", "--every", "1", "--format", "html", "--plan", tree.root.appendingPathComponent("plan.json").path],
                               in: repo)
        #expect(run.status == 0, "\(run.stderr)")
        let html = run.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; plan"))
        #expect(html.contains("All &lt;b&gt;"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("src="))
        #expect(html.contains("<svg"))
        #expect(html.contains("all due"))  // the due-date marker
    }

    @Test func outsideAGitRepositoryIsAClearError() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import jwt\n")
        let run = try Tool.run(["history"], in: tree.root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("not inside a git repository"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        #expect(try Tool.run(["history", "--every", "month"]).status == 64)
        #expect(try Tool.run(["history", "--since", "last tuesday"]).status == 64)
        #expect(try Tool.run(["history", "a", "b"]).status == 64)
    }
}
