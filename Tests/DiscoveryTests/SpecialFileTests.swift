import Glibc
import Model
import Testing

@testable import Discovery

/// Symlinks, FIFOs and directories that cannot be read.
@Suite struct SpecialFileTests {
    @Test func symlinksOutsideTheRootAreNotFollowed() throws {
        let outside = try TempTree()
        defer { outside.remove() }
        try outside.files("lib/a.py", "b.py")
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("src/main.py")
        try tree.symlink("vendor", to: outside.path("lib"))
        try tree.symlink("src/ext.py", to: outside.path("b.py"))
        try tree.symlink("escape", to: "..")
        try tree.symlink("README", to: outside.path("b.py"))
        let result = discover(tree)
        #expect(result.paths == ["src/main.py"])
        #expect(result.messages == [
            "escape: note: not followed: symlink points outside the scanned root",
            "src/ext.py: note: not followed: symlink points outside the scanned root",
            "vendor: note: not followed: symlink points outside the scanned root",
        ])
    }

    @Test func symlinkCyclesTerminate() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("a/x.py", "a/b/y.py")
        try tree.symlink("a/loop", to: "..")
        try tree.symlink("a/b/up", to: "../..")
        try tree.symlink("self", to: ".")
        let result = discover(tree)
        #expect(result.paths == ["a/b/y.py", "a/x.py"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func aFileReachedTwiceIsTakenOnceFirstVisitWins() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("lib/real.py", "z/real.ts")
        try tree.symlink("z_link.py", to: "lib/real.py")
        try tree.symlink("a_link.ts", to: "z/real.ts")
        try tree.symlink("lib/alias", to: "../z")
        let result = discover(tree)
        // Sorted DFS order: `a_link.ts` comes before `z/real.ts`, `lib/real.py` before `z_link.py`,
        // and `lib/alias` reaches `z` before the walk gets to `z` itself.
        #expect(result.paths == ["a_link.ts", "lib/real.py"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func symlinkedDirectoriesInsideTheRootAreFollowed() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("pkgs/core/a.py")
        try tree.symlink("core", to: "pkgs/core")
        #expect(discover(tree).paths == ["core/a.py"])
    }

    @Test func brokenSymlinksAreWarnedAbout() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("ok.py")
        try tree.symlink("dangling.py", to: "nowhere.py")
        try tree.symlink("ignored/dangling.py", to: "nowhere.py")
        try tree.symlink("me", to: "me")
        try tree.file(".gitignore", contents: "ignored/\n")
        let result = discover(tree)
        #expect(result.paths == ["ok.py"])
        #expect(result.messages == [
            "dangling.py: warning: broken symlink: No such file or directory",
            "me: warning: broken symlink: Too many levels of symbolic links",
        ])
    }

    @Test func fifosAreNotOpened() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("a.py")
        try tree.fifo("pipe.py")
        try tree.fifo("pipe")
        try tree.fifo(".gitignore")
        let result = discover(tree)
        #expect(result.paths == ["a.py"])
        #expect(result.messages == [
            ".gitignore: warning: not a regular file; not read",
            "pipe.py: note: not a regular file; not scanned",
        ])
        let named = discover(tree, ["pipe.py"])
        #expect(named.paths.isEmpty)
        #expect(named.messages == ["pipe.py: note: not a regular file; not scanned"])
    }

    @Test func aDirectoryRemovedBeforeListingIsReported() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("a.py", "gone/b.py", "later/c.py")
        let result = Discovery.discover(DiscoveryOptions(workingDirectory: tree.root)) { directory in
            if directory == tree.path("gone") { rmdirTree(directory) }
        }
        #expect(result.paths == ["a.py", "later/c.py"])
        #expect(result.messages == ["gone: warning: cannot read directory: No such file or directory"])
    }

    @Test func aDirectoryReplacedByAFileBeforeListingIsReported() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("a.py", "swapped/b.py")
        let result = Discovery.discover(DiscoveryOptions(workingDirectory: tree.root)) { directory in
            guard directory == tree.path("swapped") else { return }
            rmdirTree(directory)
            try? tree.files("swapped")
        }
        #expect(result.paths == ["a.py"])
        #expect(result.messages == ["swapped: warning: cannot read directory: Not a directory"])
    }
}

/// Removes a directory and its files (no subdirectories) behind the walker's back.
func rmdirTree(_ directory: String) {
    if case .success(let listing) = FileSystem.list(directory) {
        for entry in listing.entries { unlink(directory + "/" + entry.name) }
    }
    rmdir(directory)
}
