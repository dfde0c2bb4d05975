import Model
import Testing

/// `pattern` matches every path in `yes` and none in `no` (as files, with ancestor matching).
private func check(_ pattern: String, yes: [String], no: [String],
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let glob = try Glob(pattern)
    for path in yes {
        #expect(glob.matches(path), "\(pattern) should match \(path)", sourceLocation: sourceLocation)
    }
    for path in no {
        #expect(!glob.matches(path), "\(pattern) should not match \(path)", sourceLocation: sourceLocation)
    }
}

@Suite struct GlobSyntaxTests {
    @Test func literalsMatchWholeSegments() throws {
        try check("a.py", yes: ["a.py", "x/a.py", "x/y/a.py"], no: ["ba.py", "a.pyc", "a.p", "x/ba.py"])
    }

    @Test func starStaysInsideOneSegment() throws {
        try check("*.py", yes: ["a.py", ".py", "x/.hidden.py", "d/e/f.py"], no: ["a.pyi", "a.py.txt"])
        try check("src/*.py", yes: ["src/a.py", "x/src/a.py"], no: ["src/sub/a.py", "src.py", "srca.py"])
        try check("a*b*c", yes: ["abc", "aXbYc", "abbbcc", "x/abc"], no: ["acb", "ab", "a/b/c"])
    }

    @Test func questionMarkMatchesOneScalar() throws {
        try check("?.py", yes: ["a.py", "é.py", "日.py", "x/😀.py"], no: [".py", "ab.py"])
        try check("a?c", yes: ["abc", "aéc"], no: ["ac", "a/c", "abbc"])
        // `?` after a star must not split a multi-byte scalar.
        try check("*?é", yes: ["xé", "éé"], no: ["é"])
    }

    @Test func bracketExpressions() throws {
        try check("[abc].py", yes: ["a.py", "c.py"], no: ["d.py", "ab.py"])
        try check("[a-c]x", yes: ["ax", "bx", "cx"], no: ["dx", "-x"])
        try check("[!a-c]x", yes: ["dx", "éx"], no: ["ax", "cx"])
        try check("[^a]x", yes: ["bx"], no: ["ax"])
        try check("[é-ë]", yes: ["é", "ê", "ë"], no: ["e", "ì"])
        try check("[a-]", yes: ["a", "-"], no: ["b"])
        try check("[\\]]", yes: ["]"], no: ["\\"])
    }

    @Test func escapesAreLiteral() throws {
        try check("\\*.py", yes: ["*.py"], no: ["a.py"])
        try check("a\\?", yes: ["a?"], no: ["ab"])
        try check("\\[x]", yes: ["[x]"], no: ["x"])
        try check("\\#x", yes: ["#x"], no: ["x"])
    }

    @Test func doubleStarSpansSegments() throws {
        try check("a/**/b", yes: ["a/b", "a/x/b", "a/x/y/z/b", "r/a/x/b", "a/b/c.py"], no: ["a/xb", "ab", "b/a"])
        try check("**/x", yes: ["x", "a/x", "a/b/x", "a/x/f.py"], no: ["xa", "a/xa"])
        try check("/x/**", yes: ["x/a", "x/a/b", "x"], no: ["y/x/a"])
        try check("**", yes: ["a", "a/b/c"], no: [])
        // Only a whole segment of exactly two stars spans segments.
        try check("a**b", yes: ["ab", "aXXb"], no: ["a/b", "a/x/b"])
        try check("***/b", yes: ["a/b", "x/a/b"], no: ["b"])
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(throws: GlobError(pattern: "", message: "empty pattern")) { try Glob("") }
        #expect(throws: GlobError(pattern: "/", message: "empty pattern")) { try Glob("/") }
        #expect(throws: GlobError(pattern: "a[bc", message: "unclosed '[' at byte 2")) { try Glob("a[bc") }
        #expect(throws: GlobError(pattern: "[a/b]", message: "unclosed '[' at byte 1")) { try Glob("[a/b]") }
        #expect(throws: GlobError(pattern: "x[]", message: "empty bracket expression at byte 2")) {
            try Glob("x[]")
        }
        #expect(throws: GlobError(pattern: "[!]", message: "empty bracket expression at byte 1")) {
            try Glob("[!]")
        }
        #expect(throws: GlobError(pattern: "ab\\", message: "trailing backslash escapes nothing")) {
            try Glob("ab\\")
        }
        #expect(throws: GlobError(pattern: "[z-a]", message: "reversed range in bracket expression at byte 1")) {
            try Glob("[z-a]")
        }
        let error = GlobError(pattern: "a[", message: "unclosed '[' at byte 2")
        #expect(error.description == "invalid glob 'a[': unclosed '[' at byte 2")
    }
}

@Suite struct GlobSemanticsTests {
    @Test func unanchoredPatternsMatchAtAnyDepth() throws {
        try check("auth_service/core/x.py", yes: ["auth_service/core/x.py", "repo/auth_service/core/x.py"],
                  no: ["repo/auth_service/core/y.py", "xauth_service/core/x.py", "auth_service/x.py"])
    }

    @Test func leadingSlashAnchorsAtTheRoot() throws {
        try check("/src/a.py", yes: ["src/a.py"], no: ["x/src/a.py"])
        let glob = try Glob("src/a.py", anchored: true)
        #expect(glob.isAnchored)
        #expect(glob.matches("src/a.py"))
        #expect(!glob.matches("x/src/a.py"))
        #expect(try !Glob("src/a.py").isAnchored)
    }

    @Test func directoriesMatchEverythingBelowThem() throws {
        try check("tests", yes: ["tests", "tests/a.py", "pkg/tests/b/c.py"], no: ["tests.py", "pkg/testsx/a.py"])
        try check("src/sub", yes: ["src/sub/a.py", "x/src/sub/b/c.py"], no: ["src/subx/a.py"])
    }

    @Test func trailingSlashMeansDirectoriesOnly() throws {
        let glob = try Glob("build/")
        #expect(glob.isDirectoryOnly)
        #expect(!glob.matches("build"))
        #expect(glob.matches("build", isDirectory: true))
        #expect(glob.matches("build/a.py"))
        #expect(glob.matches("x/build/a.py"))
        #expect(!glob.matches("x/build"))
        #expect(glob.matches("x/build/sub", isDirectory: true))
    }

    @Test func exactMatchingIgnoresAncestors() throws {
        let glob = try Glob("tests")
        #expect(glob.matchesExactly("pkg/tests", isDirectory: true))
        #expect(glob.matchesExactly("tests", isDirectory: false))
        #expect(!glob.matchesExactly("tests/a.py", isDirectory: false))
        let dirs = try Glob("out/")
        #expect(dirs.matchesExactly("a/out", isDirectory: true))
        #expect(!dirs.matchesExactly("a/out", isDirectory: false))
        #expect(!dirs.matchesExactly("a/out/x", isDirectory: true))
    }

    @Test func pathsWithRepeatedSlashesSplitCleanly() throws {
        try check("a/b", yes: ["a//b", "a/b/"], no: [])
        try check("a//b", yes: ["a/b"], no: [])
    }

    @Test func pathologicalPatternsStayFast() throws {
        // Exponential backtracking would never finish on these.
        let stars = try Glob(String(repeating: "*a", count: 30) + "*b")
        #expect(!stars.matches(String(repeating: "a", count: 2_000)))
        let deep = try Glob(Array(repeating: "**/a", count: 20).joined(separator: "/") + "/b")
        #expect(!deep.matches(Array(repeating: "a", count: 400).joined(separator: "/")))
        #expect(deep.matches(Array(repeating: "a", count: 400).joined(separator: "/") + "/b"))
    }

    @Test func equalPatternsAreEqualValues() throws {
        #expect(try Glob("a/*.py") == Glob("a/*.py"))
        #expect(try Glob("a") != Glob("a", anchored: true))
        #expect(try Set([Glob("x"), Glob("x"), Glob("y")]).count == 2)
    }
}
