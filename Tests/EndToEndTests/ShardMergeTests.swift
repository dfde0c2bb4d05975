import Foundation
import Testing

/// `scan --shard K/N` and `merge`: the merged reports of all shards are, byte for byte and exit
/// code for exit code, what one scan of the whole tree gives, in every format.
@Suite struct ShardMergeTests {
    static let formats = ["json", "sarif", "text", "markdown", "github"]

    /// Scans `fixture` whole and in `count` shards, merges the shards (in reverse order) and
    /// compares every format. `extra` goes to every command (a baseline).
    static func expectMergeEqualsFullScan(_ fixture: String, shards count: Int, extra: [String] = [],
                                          in directory: URL? = nil) throws {
        let scratch = try TempTree()
        defer { scratch.remove() }
        var reports: [String] = []
        var shardTotal = 0
        for index in 1...count {
            let report = scratch.root.appendingPathComponent("shard-\(index).json").path
            let run = try Tool.run(["scan", fixture, "--shard", "\(index)/\(count)", "--format", "json", "--no-cache",
                                    "--output", report] + extra, in: directory)
            #expect([0, 1].contains(run.status), "\(run.stderr)")
            let json = try Tool.json(try String(contentsOfFile: report, encoding: .utf8))
            shardTotal += ((json["shard"] as? [String: Any])?["findings"] as? [Any])?.count ?? -1000
            reports.append(report)
        }
        for format in formats {
            let full = try Tool.run(["scan", fixture, "--format", format, "--no-cache"] + extra, in: directory)
            let merged = try Tool.run(["merge"] + reports.reversed() + ["--format", format] + extra, in: directory)
            #expect(merged.status == full.status, "\(fixture) \(count) shards, \(format): \(merged.stderr)")
            #expect(merged.stdout == full.stdout, "\(fixture) \(count) shards, \(format)")
            #expect(!full.stdout.isEmpty)
            if format == "json" {
                let findings = (try Tool.json(full.stdout)["findings"] as? [Any])?.count ?? 0
                #expect(findings > 10 && shardTotal == findings, "every finding is in exactly one shard")
            }
        }
    }

    @Test(arguments: ["fixtures/jwt-monorepo", "fixtures/acme-platform"], [2, 5])
    func mergedShardsAreTheFullScan(_ fixture: String, _ shards: Int) throws {
        try Self.expectMergeEqualsFullScan(fixture, shards: shards)
    }

    /// With a baseline: a shard compares only its own files' entries; the merge compares once, so
    /// new, unchanged and fixed come out as in one scan (and the exit code with them).
    @Test func mergedShardsCompareWithTheBaselineAsOneScan() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try FileManager.default.copyItem(at: Tool.repository.appendingPathComponent("fixtures/jwt-monorepo"),
                                         to: tree.root.appendingPathComponent("repo"))
        let repo = tree.root.appendingPathComponent("repo")
        let written = try Tool.run(["scan", ".", "--no-cache", "--write-baseline", "baseline.json", "--format", "json"], in: repo)
        #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent("baseline.json").path), "\(written.stderr)")
        // One finding fixed (a file deleted), one new (a file added).
        try FileManager.default.removeItem(at: repo.appendingPathComponent("netra_backend/app/legacy/partner_tokens.py"))
        try tree.write("repo/services/new_service.py", "import jwt\n")
        try Self.expectMergeEqualsFullScan(".", shards: 3, extra: ["--baseline", "baseline.json"], in: repo)
        let full = try Tool.json(try Tool.run(["scan", ".", "--no-cache", "--baseline", "baseline.json", "--format", "json"],
                                              in: repo).stdout)
        let baseline = try #require(full["baseline"] as? [String: Any])
        #expect((baseline["new"] as? Int) == 1)
        #expect(((baseline["fixed"] as? [Any])?.count ?? 0) > 0)
    }

    @Test func reportsThatDoNotMakeOneScanAreRefused() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        func shard(_ name: String, _ spec: String, _ extra: [String] = []) throws -> String {
            let path = tree.root.appendingPathComponent(name).path
            let run = try Tool.run(["scan", "fixtures/jwt-monorepo", "--shard", spec, "--format", "json", "--no-cache",
                                    "--output", path] + extra)
            #expect([0, 1].contains(run.status))
            return path
        }
        let one = try shard("one.json", "1/2")
        let two = try shard("two.json", "2/2")
        let ofThree = try shard("three.json", "2/3")
        try tree.write("pack.json", """
            { "version": 1, "pack": "mine", "rules": [ { "id": "no-os", "kind": "forbidden-import", "severity": "error",
              "summary": "s", "why": "w", "instead": "i", "match": { "modules": { "python": ["os"] } },
              "examples": { "violating": [ { "language": "python", "code": "import os\\n" } ] } } ] }
            """)
        let otherRules = try shard("other.json", "2/2", ["--rules", tree.root.appendingPathComponent("pack.json").path])
        let whole = tree.root.appendingPathComponent("whole.json").path
        _ = try Tool.run(["scan", "fixtures/jwt-monorepo", "--format", "json", "--no-cache", "--output", whole])
        let cases: [([String], String)] = [
            ([one], "missing shard 2/2"),
            ([one, one, two], "shard 1/2 is also"),
            ([one, ofThree], "but \(one) is one of 2 shards"),
            ([one, otherRules], "scanned with other rules or another configuration"),
            ([whole], "not a shard report"),
            ([tree.root.appendingPathComponent("absent.json").path], "cannot read the report"),
        ]
        for (reports, message) in cases {
            let run = try Tool.run(["merge"] + reports)
            #expect(run.status == 2, "\(reports)")
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        for arguments in [["merge"], ["merge", one, "--include", "x"], ["merge", one, "--shard", "1/2"],
                          ["scan", "--shard", "3/2"], ["scan", "--shard", "x"], ["scan", "--shard", "1/2", "--staged"]] {
            #expect(try Tool.run(arguments).status == 64, "\(arguments)")
        }
    }

    @Test func theShardOfAFileDependsOnlyOnItsPath() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        for index in 0..<40 { try tree.write("pkg/m\(index).py", "import jwt\n") }
        var owners: [String: String] = [:]
        for spec in ["1/3", "2/3", "3/3"] {
            let json = try Tool.json(try Tool.run(["scan", ".", "--shard", spec, "--format", "json", "--no-cache"], in: tree.root).stdout)
            for finding in json["findings"] as? [[String: Any]] ?? [] {
                let path = finding["path"] as? String ?? ""
                #expect(owners[path] == nil || owners[path] == spec)
                owners[path] = spec
            }
        }
        #expect(owners.count == 40)
        #expect(Set(owners.values).count == 3)
        // Adding files moves no other file between shards.
        for index in 40..<60 { try tree.write("pkg/m\(index).py", "import jwt\n") }
        let again = try Tool.json(try Tool.run(["scan", ".", "--shard", "2/3", "--format", "json", "--no-cache"], in: tree.root).stdout)
        let paths = Set((again["findings"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String })
        #expect(paths.filter { owners[$0] != nil } == Set(owners.filter { $0.value == "2/3" }.keys))
    }
}
