import Foundation
import Testing

@Suite struct ProgressCommandTests {
    /// A tree with violations in phase 1.1 (direct import) and the tests phase; a snapshot is
    /// taken, one violation fixed and one added, and progress reports exactly that.
    @Test func progressAgainstASnapshotCountsFixedAndNew() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/services/key_manager.py", "import jwt\n\ndef sign(p, k):\n    return jwt.encode(p, k)\n")
        try tree.write("app/api/users.py", "import jwt\n")
        try tree.write("tests/test_auth.py", "import jwt\n")
        let snapshot = tree.root.appendingPathComponent("snapshot.json").path
        #expect(try Tool.run(["scan", ".", "--format", "json", "--output", snapshot], in: tree.root).status == 1)
        try tree.write("app/api/users.py", "from auth_service.auth_core.unified_auth_interface import get_unified_auth\n")
        try tree.write("app/api/orders.py", "\n\nfrom jose import jwt\n")

        let run = try Tool.run(["progress", ".", "--baseline", snapshot, "--format", "json"], in: tree.root)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Tool.json(run.stdout)
        let phases = try #require(report["phases"] as? [[String: Any]])
        let one = try #require(phases.first { $0["id"] as? String == "phase-1.1" })
        #expect(one["open"] as? Int == 4)  // key_manager import + call + `sign` calling the library, orders import
        #expect(one["baseline"] as? Int == 4)
        #expect(one["fixed"] as? Int == 1)
        #expect(one["new"] as? Int == 1)
        #expect(one["complete"] as? Bool == false)
        let tests = try #require(phases.first { $0["id"] as? String == "phase-2.tests" })
        #expect(tests["open"] as? Int == 1)
        #expect(tests["fixed"] as? Int == 0)
        let config = try #require(phases.first { $0["id"] as? String == "phase-2.config" })
        #expect(config["complete"] as? Bool == true)

        let markdown = try Tool.run(["progress", ".", "--baseline", snapshot, "--format", "markdown"], in: tree.root)
        #expect(markdown.stdout.contains("| **Phase 1.1: direct JWT imports** (`phase-1.1`) | 2025-09-15 | 4 | 2 | 1 | 1 | 25% |"))
    }

    @Test func foreignOrCorruptBaselinesAreToolErrors() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import os\n")
        try tree.write("foreign.json", "{\"runs\": []}")
        try tree.write("corrupt.json", "{\"version\": 1, \"tool\": {}, \"findings\": [")
        let foreign = try Tool.run(["progress", ".", "--baseline", "foreign.json"], in: tree.root)
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("foreign.json: not an ssotguard baseline or JSON report"))
        let corrupt = try Tool.run(["progress", ".", "--baseline", "corrupt.json"], in: tree.root)
        #expect(corrupt.status == 2)
        #expect(corrupt.stderr.contains("corrupt.json:1:"))
        let missing = try Tool.run(["progress", ".", "--baseline", "nope.json"], in: tree.root)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json: cannot read the baseline file: No such file or directory"))
    }

    @Test func everyFindingCarriesItsPhaseInJSON() throws {
        let run = try Tool.run(["scan", "fixtures/jwt-monorepo", "--format", "json"])
        let findings = try #require(try Tool.json(run.stdout)["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { ($0["phase"] as? String)?.isEmpty == false && $0["phaseTitle"] is String })
    }
}
