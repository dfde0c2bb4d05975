import Model
import Testing
@testable import Discovery

@Suite struct TreeSelectionTests {
    @Test func appliesTheWalkersFiltersToListedPaths() throws {
        var options = DiscoveryOptions()
        options.excludes = [try Glob("legacy")]
        let selected = Discovery.select(
            paths: ["b.py", "a.ts", "README.md", "node_modules/x/index.js", "src/gen/out.py", "src/keep.py",
                    "src/legacy/old.py", "pkg/build/b.py", "docs/conf.py", "src/debug.log.py"],
            gitignore: Array("gen/\n*.log.py\n/docs\n".utf8), options: options)
        #expect(selected.map(\.path) == ["a.ts", "b.py", "src/keep.py"])
        #expect(selected.map(\.language) == [.typescript, .python, .python])
    }

    @Test func noIgnoreAndIncludes() throws {
        var options = DiscoveryOptions()
        options.useGitignore = false
        options.includes = [try Glob("*.py")]
        let selected = Discovery.select(paths: ["a.py", "gen/b.py", "c.ts"], gitignore: Array("gen/\n".utf8), options: options)
        #expect(selected.map(\.path) == ["a.py", "gen/b.py"])
    }
}
