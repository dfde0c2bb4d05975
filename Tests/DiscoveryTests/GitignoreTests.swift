import Model
import Testing

@testable import Discovery

/// A `.gitignore` parsed from `lines`.
private func gitignore(_ lines: String...) -> Gitignore {
    Gitignore(contents: Array(lines.joined(separator: "\n").utf8), path: ".gitignore")
}

@Suite struct GitignoreTests {
    @Test func plainNamesMatchAtAnyDepth() {
        let rules = gitignore("secret.py", "*.gen.ts")
        #expect(rules.isIgnored("secret.py", isDirectory: false))
        #expect(rules.isIgnored("a/b/secret.py", isDirectory: false))
        #expect(rules.isIgnored("a/secret.py", isDirectory: true))
        #expect(rules.isIgnored("x/api.gen.ts", isDirectory: false))
        #expect(!rules.isIgnored("secret.pyi", isDirectory: false))
        // A rule matches the path asked about, not its descendants: the walker prunes directories.
        #expect(!rules.isIgnored("secret.py/inner.py", isDirectory: false))
    }

    @Test func slashAtStartOrMiddleAnchors() {
        let rules = gitignore("/top.py", "src/gen.py", "**/deep/x.py")
        #expect(rules.isIgnored("top.py", isDirectory: false))
        #expect(!rules.isIgnored("sub/top.py", isDirectory: false))
        #expect(rules.isIgnored("src/gen.py", isDirectory: false))
        #expect(!rules.isIgnored("pkg/src/gen.py", isDirectory: false))
        #expect(rules.isIgnored("deep/x.py", isDirectory: false))
        #expect(rules.isIgnored("a/b/deep/x.py", isDirectory: false))
    }

    @Test func trailingSlashMeansDirectoriesOnlyAndDoesNotAnchor() {
        let rules = gitignore("out/", "gen/")
        #expect(rules.isIgnored("out", isDirectory: true))
        #expect(rules.isIgnored("pkg/out", isDirectory: true))
        #expect(!rules.isIgnored("out", isDirectory: false))
        #expect(!rules.isIgnored("pkg/gen", isDirectory: false))
    }

    @Test func doubleStarForms() {
        let rules = gitignore("a/**/b.py", "logs/**", "**/cache")
        #expect(rules.isIgnored("a/b.py", isDirectory: false))
        #expect(rules.isIgnored("a/x/y/b.py", isDirectory: false))
        #expect(!rules.isIgnored("z/a/b.py", isDirectory: false))
        // `logs/**` is everything inside `logs`, not `logs` itself.
        #expect(!rules.isIgnored("logs", isDirectory: true))
        #expect(rules.isIgnored("logs/x.py", isDirectory: false))
        #expect(rules.isIgnored("logs/a/b", isDirectory: true))
        #expect(rules.isIgnored("cache", isDirectory: true))
        #expect(rules.isIgnored("p/q/cache", isDirectory: false))
    }

    @Test func negationAndLastMatchWins() {
        let rules = gitignore("*.py", "!keep.py", "keep.py", "!*.test.py", "!docs/")
        #expect(rules.isIgnored("a.py", isDirectory: false))
        #expect(rules.isIgnored("keep.py", isDirectory: false))
        #expect(!rules.isIgnored("a.test.py", isDirectory: false))
        #expect(!rules.isIgnored("docs", isDirectory: true))
        #expect(rules.isIgnored("docs/a.py", isDirectory: false))
    }

    @Test func globSyntaxInPatterns() {
        let rules = gitignore("file?.py", "[ab]*.ts", "[!x]y.js")
        #expect(rules.isIgnored("file1.py", isDirectory: false))
        #expect(!rules.isIgnored("file10.py", isDirectory: false))
        #expect(rules.isIgnored("a_thing.ts", isDirectory: false))
        #expect(!rules.isIgnored("c_thing.ts", isDirectory: false))
        #expect(rules.isIgnored("ay.js", isDirectory: false))
        #expect(!rules.isIgnored("xy.js", isDirectory: false))
    }

    @Test func commentsBlanksAndEscapes() {
        let rules = gitignore("# a comment", "", "   ", "\\#hash.py", "\\!bang.py", "  # not a comment.py")
        #expect(rules.rules.count == 3)
        #expect(rules.isIgnored("#hash.py", isDirectory: false))
        #expect(rules.isIgnored("!bang.py", isDirectory: false))
        #expect(!rules.isIgnored("bang.py", isDirectory: false))
        #expect(rules.isIgnored("  # not a comment.py", isDirectory: false))
    }

    @Test func trailingSpacesTrimmedUnlessEscaped() {
        let rules = gitignore("plain.py   ", "space\\ ", "two\\\\  ")
        #expect(rules.isIgnored("plain.py", isDirectory: false))
        #expect(rules.isIgnored("space ", isDirectory: false))
        #expect(!rules.isIgnored("space", isDirectory: false))
        // An escaped backslash does not escape the space after it.
        #expect(rules.isIgnored("two\\", isDirectory: false))
    }

    @Test func crlfLinesAndByteOrderMark() {
        let rules = Gitignore(contents: [0xEF, 0xBB, 0xBF] + Array("a.py\r\n!b.py\r\nc.py\r\n".utf8),
                              path: ".gitignore")
        #expect(rules.isIgnored("a.py", isDirectory: false))
        #expect(rules.isIgnored("c.py", isDirectory: false))
        #expect(rules.rules.map(\.isNegated) == [false, true, false])
    }

    @Test func badLinesBecomeWarningsNamingTheLine() {
        let rules = gitignore("ok.py", "broken[", "[]", "also_ok.py")
        #expect(rules.rules.map(\.line) == [1, 4])
        #expect(rules.diagnostics.map(\.formatted) == [
            ".gitignore:2: warning: ignoring invalid pattern 'broken[': unclosed '[' at byte 7",
            ".gitignore:3: warning: ignoring invalid pattern '[]': empty bracket expression at byte 1",
        ])
        #expect(rules.isIgnored("also_ok.py", isDirectory: false))
    }

    @Test func linesReduceToPatterns() {
        #expect(Gitignore.pattern(of: "!/a/b/") == .init(text: "/a/b", isNegated: true, isDirectoryOnly: true))
        #expect(Gitignore.pattern(of: "#x") == nil)
        #expect(Gitignore.pattern(of: "!") == nil)
        #expect(Gitignore.pattern(of: "/") == nil)
        #expect(Gitignore.pattern(of: "a/").map(\.isAnchored) == false)
        #expect(Gitignore.pattern(of: "a/b").map(\.isAnchored) == true)
    }
}
