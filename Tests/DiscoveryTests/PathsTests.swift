import Model
import Testing

@testable import Discovery

/// Command-line PATHs: which root reported paths are relative to, file PATHs, missing PATHs.
@Suite struct PathsTests {
    @Test func oneDirectoryPathIsTheRoot() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("app/src/a.py", "app/b.ts")
        let result = discover(tree, ["app/"])
        #expect(result.root == tree.path("app"))
        #expect(result.paths == ["b.ts", "src/a.py"])
        #expect(result.files.map(\.diskPath) == [tree.path("app/b.ts"), tree.path("app/src/a.py")])
        let absolute = discover(tree, [tree.path("app/src/../src")])
        #expect(absolute.root == tree.path("app/src"))
        #expect(absolute.paths == ["a.py"])
    }

    @Test func severalPathsAreRelativeToTheWorkingDirectory() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("src/a.py", "lib/b.py", "other/c.ts", "node_modules/pkg/d.js", "skip/e.py")
        let result = discover(tree, ["./src", "lib/b.py", "other", "node_modules/pkg/d.js"])
        #expect(result.root == tree.root)
        #expect(result.paths == ["lib/b.py", "node_modules/pkg/d.js", "other/c.ts", "src/a.py"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func aSingleFilePathIsRelativeToTheWorkingDirectory() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("pkg/a.py")
        let result = discover(tree, ["pkg/a.py"])
        #expect(result.root == tree.root)
        #expect(result.paths == ["pkg/a.py"])
        #expect(result.files.first?.diskPath == tree.path("pkg/a.py"))
    }

    @Test func pathsOutsideTheWorkingDirectoryKeepTheirGivenForm() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("work/a.py", "common/b.py", "common/sub/c.py", "elsewhere/d.py")
        let result = discover(tree, [".", "../common/./sub/..", tree.path("elsewhere/d.py")]) {
            $0.workingDirectory = tree.path("work")
        }
        #expect(result.root == tree.path("work"))
        #expect(result.paths == ["../common/b.py", "../common/sub/c.py", tree.path("elsewhere/d.py"), "a.py"])
    }

    @Test func overlappingPathsDoNotDuplicateFiles() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("src/a.py", "b.py")
        let result = discover(tree, [".", "src", "src/a.py", "b.py"])
        #expect(result.paths == ["b.py", "src/a.py"])
    }

    @Test func filePathsBypassIgnoresButNotGlobs() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("gen/a.py", "gen/b.py", "gen/c.py", "notes.txt")
        try tree.file(".gitignore", contents: "gen/\n")
        let excludes = try globs("b.py"), includes = try globs("gen/[ab].py")
        let result = discover(tree, ["gen/a.py", "gen/b.py", "gen/c.py", "notes.txt"]) {
            $0.excludes = excludes
            $0.includes = includes
        }
        #expect(result.paths == ["gen/a.py"])
        #expect(result.messages == [
            "gen/b.py: note: not scanned: matches an --exclude pattern",
            "gen/c.py: note: not scanned: matches no --include pattern",
            "notes.txt: note: not scanned: not a Python or TypeScript/JavaScript file name",
        ])
    }

    @Test func missingPathsAreErrorsAndTheRestIsScanned() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("src/a.py", "file.py")
        let result = discover(tree, ["nope", "src", "file.py/inside.py"])
        #expect(result.missingPaths == ["nope", "file.py/inside.py"])
        #expect(result.paths == ["src/a.py"])
        #expect(result.messages == [
            "file.py/inside.py: error: Not a directory",
            "nope: error: No such file or directory",
        ])
        let alone = discover(tree, ["nope"])
        #expect(alone.root == tree.root)
        #expect(alone.files.isEmpty)
        #expect(alone.missingPaths == ["nope"])
    }

    @Test func lexicalPathArithmetic() {
        #expect(PathNames.normalize("./a//b/./c/../d/") == "a/b/d")
        #expect(PathNames.normalize("../../a/..") == "../..")
        #expect(PathNames.normalize("/../a/./") == "/a")
        #expect(PathNames.normalize("a/..") == ".")
        #expect(PathNames.absolute("x/../y", base: "/r") == "/r/y")
        #expect(PathNames.absolute("/abs", base: "/r") == "/abs")
        #expect(PathNames.relative("/r/a/b", to: "/r") == "a/b")
        #expect(PathNames.relative("/r", to: "/r") == "")
        #expect(PathNames.relative("/rx/a", to: "/r") == nil)
        #expect(PathNames.relative("/a", to: "/") == "a")
        #expect(PathNames.join("", "a") == "a")
        #expect(PathNames.join("/", "a") == "/a")
        #expect(PathNames.lastSegment("/a/b.py") == "b.py")
    }
}

/// The root `.gitignore` applied by the walker.
@Suite struct GitignoreWalkTests {
    @Test func gitignoreRulesShapeTheWalk() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.file(".gitignore", contents: """
            # generated code
            *.gen.py
            !keep.gen.py
            /anchored.py
            logs/
            secret/
            !secret/allowed.py
            docs/*
            !docs/keep.py
            src/**/fixtures
            \\#odd.py
            broken[
            """)
        try tree.files("a.py", "x.gen.py", "keep.gen.py", "sub/keep.gen.py", "anchored.py", "sub/anchored.py",
                       "logs/a.py", "sub/logs/b.py", "secret/allowed.py", "docs/other.py", "docs/keep.py",
                       "src/m/fixtures/f.py", "src/fixtures/g.py", "fixtures/h.py", "#odd.py")
        let result = discover(tree)
        #expect(result.paths == ["a.py", "docs/keep.py", "fixtures/h.py", "keep.gen.py", "sub/anchored.py",
                                 "sub/keep.gen.py"])
        #expect(result.messages == [
            ".gitignore:12: warning: ignoring invalid pattern 'broken[': unclosed '[' at byte 7",
        ])

        let unignored = discover(tree) { $0.useGitignore = false }
        #expect(unignored.paths.count == 15)
        #expect(unignored.diagnostics.isEmpty)
    }

    @Test func eachDirectoryPathUsesItsOwnGitignore() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("one/a.py", "one/b.py", "two/a.py", "two/b.py", "c.py")
        try tree.file("one/.gitignore", contents: "a.py\n")
        try tree.file("two/.gitignore", contents: "b.py\n[\n")
        try tree.file(".gitignore", contents: "*.py\n")
        let result = discover(tree, ["one", "two"])
        #expect(result.paths == ["one/b.py", "two/a.py"])
        #expect(result.messages == ["two/.gitignore:2: warning: ignoring invalid pattern '[': unclosed '[' at byte 1"])
    }
}
