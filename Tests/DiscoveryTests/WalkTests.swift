import Glibc
import Model
import Testing

@testable import Discovery

@Suite struct WalkTests {
    @Test func takesOnlySourceExtensions() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("a.py", "b.pyi", "c.ts", "d.tsx", "e.mts", "f.cts", "g.js", "h.jsx", "i.mjs", "j.cjs",
                       "types.d.ts", "README.md", "x.pyc", "Makefile", "py", "notes.py.txt", "sub/k.py")
        let result = discover(tree)
        #expect(result.paths == ["a.py", "b.pyi", "c.ts", "d.tsx", "e.mts", "f.cts", "g.js", "h.jsx", "i.mjs",
                                 "j.cjs", "sub/k.py", "types.d.ts"])
        #expect(result.diagnostics.isEmpty)
        #expect(result.root == tree.root)
        let byPath = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0) })
        #expect(byPath["a.py"]?.language == .python)
        #expect(byPath["types.d.ts"]?.language == .typescript)
        #expect(byPath["c.ts"]?.allowsJSX == false)
        #expect(byPath["d.tsx"]?.allowsJSX == true)
        #expect(byPath["sub/k.py"]?.diskPath == tree.path("sub/k.py"))
    }

    @Test func skipsDefaultDirectoryNamesAtAnyDepth() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        for name in DiscoveryOptions.defaultSkippedDirectoryNames {
            try tree.files("\(name)/a.py", "pkg/\(name)/b.ts")
        }
        try tree.files("src/a.py", "builder/b.py", "pkg/c.py", "build.py")
        #expect(discover(tree).paths == ["build.py", "builder/b.py", "pkg/c.py", "src/a.py"])
        let custom = discover(tree) { $0.skippedDirectoryNames = ["pkg"] }
        #expect(custom.paths.contains("node_modules/a.py"))
        #expect(!custom.paths.contains("pkg/c.py"))
    }

    /// `dist` and `build` may hold the project's own code: skipping them is said (once per
    /// directory), unless .gitignore already marks them as generated; the others stay silent.
    @Test func skippingDistOrBuildIsANote() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("dist/a.js", "pkg/build/b.py", "node_modules/m/c.js", "web/dist/d.js", "src/e.py")
        try tree.file(".gitignore", contents: "web/dist/\n")
        let result = discover(tree)
        #expect(result.paths == ["src/e.py"])
        #expect(result.diagnostics.map { "\($0.path) \($0.level)" } == ["dist note", "pkg/build note"])
        #expect(result.diagnostics.allSatisfy { $0.message.contains("skipped by default") })
    }

    @Test func aRootNamedLikeASkippedDirectoryIsStillWalked() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("build/a.py", "build/build/b.py", "build/lib/c.py")
        let result = discover(tree, ["build"])
        #expect(result.paths == ["a.py", "lib/c.py"])
        #expect(result.root == tree.path("build"))
    }

    @Test func outputIsSortedByBytesAndDeterministic() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        let names = ["b.py", "B.py", "a-b.py", "a_b.py", "a.b.py", "é.py", "z/a.py", "a/z.py", "a-/x.py", "a0.py",
                     "ab/x.py"]
        for name in names.reversed() { try tree.files(name) }
        let first = discover(tree)
        let expected = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(first.paths == expected)
        #expect(discover(tree).files == first.files)
    }

    @Test func includesAndExcludesMatchReportedPaths() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("src/a.py", "src/b.ts", "src/tests/t.py", "tests/u.py", "src/legacy/old.py",
                       "lib/legacy/keep.py", "lib/x.js")
        let python = try globs("*.py"), tests = try globs("tests", "/src/legacy/")
        let underSource = try globs("src/**"), typeScript = try globs("*.ts")
        #expect(discover(tree) { $0.includes = python }.paths
            == ["lib/legacy/keep.py", "src/a.py", "src/legacy/old.py", "src/tests/t.py", "tests/u.py"])
        #expect(discover(tree) { $0.excludes = tests }.paths
            == ["lib/legacy/keep.py", "lib/x.js", "src/a.py", "src/b.ts"])
        #expect(discover(tree) {
            $0.includes = underSource
            $0.excludes = typeScript
        }.paths == ["src/a.py", "src/legacy/old.py", "src/tests/t.py"])
    }

    @Test func excludedDirectoriesAreNotEntered() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("a/x.py", "big/b/c.py", "d/big/e.py")
        let listed = Listed()
        var options = DiscoveryOptions(paths: ["."], excludes: try globs("big/"), workingDirectory: tree.root)
        options.useGitignore = true
        let result = Discovery.discover(options, willList: { listed.append($0) })
        #expect(result.paths == ["a/x.py"])
        #expect(listed.paths == [tree.root, tree.path("a"), tree.path("d")])
    }

    @Test func filesOverTheSizeLimitAreReported() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.file("small.py", contents: "1234567890")
        try tree.file("big.py", contents: "12345678901")
        let result = discover(tree) { $0.maxFileSize = 10 }
        #expect(result.paths == ["small.py"])
        #expect(result.messages == ["big.py: warning: file is 11 bytes, over the limit of 10 bytes; not scanned"])
    }

    @Test func namesThatAreNotUTF8AreReported() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("ok.py")
        var raw = Array(tree.root.utf8) + Array("/bad".utf8) + [0xFF] + Array(".py".utf8) + [0]
        let fd = raw.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(fd >= 0)
        close(fd)
        let result = discover(tree)
        #expect(result.paths == ["ok.py"])
        #expect(result.messages == ["bad\u{FFFD}.py: warning: file name is not valid UTF-8; not scanned"])
    }

    @Test func aLargeTreeIsWalkedCompletely() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        for directory in 0..<50 {
            for file in 0..<100 {
                try tree.files("d\(directory)/sub/f\(file).\(file % 2 == 0 ? "py" : "ts")")
            }
        }
        let result = discover(tree)
        #expect(result.files.count == 5_000)
        #expect(Set(result.paths).count == 5_000)
        #expect(result.diagnostics.isEmpty)
    }
}

/// Collects directory paths from the `willList` seam, which runs synchronously inside `discover`.
final class Listed {
    private(set) var paths: [String] = []
    func append(_ path: String) { paths.append(path) }
}
