import Foundation
import Testing

/// The scan cache from the command line: where it goes by default, `--cache-dir`, `--no-cache`.
@Suite struct ScanCacheCommandTests {
    @Test func theCacheGoesNextToTheConfigurationElseIntoTheWorkingDirectory() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/a.py", "import jwt\n")
        let cold = try Tool.run(["scan", "app", "--format", "json"], in: tree.root)
        #expect(cold.status == 1)
        let cache = tree.root.appendingPathComponent(".ssotguard-cache")
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent(".gitignore").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("v1").path).count == 1)
        let warm = try Tool.run(["scan", "app", "--format", "json"], in: tree.root)
        #expect(warm.stdout == cold.stdout && warm.status == cold.status)

        // With a configuration file, next to it, whatever the working directory.
        try tree.write("project/.ssotguard.json", #"{ "version": 1 }"#)
        try tree.write("project/src/b.py", "import jose\n")
        let nested = tree.root.appendingPathComponent("project/src")
        #expect(try Tool.run(["scan", "."], in: nested).status == 1)
        #expect(FileManager.default.fileExists(atPath: tree.root.appendingPathComponent("project/.ssotguard-cache/v1").path))
        #expect(!FileManager.default.fileExists(atPath: nested.appendingPathComponent(".ssotguard-cache").path))
    }

    @Test func noCacheWritesNothingAndCacheDirChoosesThePlace() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/a.py", "import jwt\n")
        #expect(try Tool.run(["scan", "app", "--no-cache"], in: tree.root).status == 1)
        #expect(!FileManager.default.fileExists(atPath: tree.root.appendingPathComponent(".ssotguard-cache").path))
        #expect(try Tool.run(["scan", "app", "--cache-dir", "elsewhere/c"], in: tree.root).status == 1)
        #expect(FileManager.default.fileExists(atPath: tree.root.appendingPathComponent("elsewhere/c/v1").path))
        #expect(!FileManager.default.fileExists(atPath: tree.root.appendingPathComponent(".ssotguard-cache").path))
        #expect(try Tool.run(["scan", "app", "--cache-dir"], in: tree.root).status == 64)
    }

    /// A cache directory that cannot be written costs the cache, not the scan.
    @Test func anUnwritableCacheIsAWarningNotAFailure() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("app/a.py", "import jwt\n")
        try tree.write("blocked", "a file where the cache directory would go\n")
        let run = try Tool.run(["scan", "app", "--cache-dir", "blocked/cache"], in: tree.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("warning: cannot write the scan cache"))
        #expect(run.stdout.contains("jwt-direct-import"))
    }
}
