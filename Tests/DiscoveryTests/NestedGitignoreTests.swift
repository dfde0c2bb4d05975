import Model
import Testing
@testable import Discovery

/// `.gitignore` files below the root apply to their directory, the deepest matching rule deciding
/// (git's precedence), and the root's directory exclusions still stop the walk.
@Suite struct NestedGitignoreTests {
    @Test func nestedFilesIgnoreAndReincludeInTheirDirectory() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("api/a.py", "frontend/src/app.ts", "frontend/.next/server/chunk.js", "frontend/coverage/x.js",
                       "frontend/src/gen/client.gen.ts", "frontend/src/keep.gen.ts", "other/x.gen.ts", "logs/debug.py")
        try tree.file(".gitignore", contents: "logs/\n*.gen.ts\n")
        try tree.file("frontend/.gitignore", contents: ".next/\ncoverage\n!keep.gen.ts\n")
        let result = discover(tree)
        #expect(result.paths == ["api/a.py", "frontend/src/app.ts", "frontend/src/keep.gen.ts"])
        #expect(result.diagnostics.isEmpty)
        // --no-ignore turns every .gitignore off.
        let all = discover(tree) { $0.useGitignore = false }
        #expect(all.paths.contains("frontend/.next/server/chunk.js"))
        #expect(all.paths.contains("logs/debug.py"))
    }

    @Test func aNestedFileSpeaksOnlyAboutItsOwnDirectory() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("a/x.py", "b/x.py", "b/sub/y.py")
        try tree.file("a/.gitignore", contents: "x.py\n/sub\n")
        try tree.file("b/sub/.gitignore", contents: "*.py\n")
        #expect(discover(tree).paths == ["b/x.py"])
    }
}
