import Foundation
import Testing

/// The command line as users and scripts see it: help, version, exit codes, errors.
@Suite struct CommandLineTests {
    @Test func versionPrintsNameAndVersion() throws {
        let run = try Tool.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "ssotguard 0.1.0\n")
    }

    @Test(arguments: [(["--help"], "help-main.txt"), (["scan", "--help"], "help-scan.txt"),
                      (["rules", "--help"], "help-rules.txt"), (["help", "scan"], "help-scan.txt"),
                      (["progress", "--help"], "help-progress.txt"), (["history", "--help"], "help-history.txt"),
                      (["config", "--help"], "help-config.txt"), (["init", "--help"], "help-init.txt"),
                      (["merge", "--help"], "help-merge.txt")])
    func helpTextIsExactly(_ arguments: [String], _ expectedFile: String) throws {
        let expected = try String(contentsOf: Tool.repository.appendingPathComponent("Tests/EndToEndTests/Expected/\(expectedFile)"),
                                  encoding: .utf8)
        let run = try Tool.run(arguments)
        #expect(run.status == 0)
        #expect(run.stdout == expected)
    }

    @Test(arguments: [["scan", "--bogus"], ["scan", "--format", "xml"], ["scan", "--format"], ["frobnicate"],
                      ["scan", "--max-file-size", "-3"], ["scan", "--no-ignore=yes"], ["rules", "extra"]])
    func usageErrorsExit64WithAHint(_ arguments: [String]) throws {
        let run = try Tool.run(arguments)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("ssotguard: error: "))
        #expect(run.stderr.contains("--help"))
    }

    /// Typos get the nearest command, option or value; `help` of an unknown command is a usage
    /// error, not the main help.
    @Test(arguments: [(["scna"], "unknown command 'scna'; did you mean 'scan'?"),
                      (["progres", "--help"], "unknown command 'progres'; did you mean 'progress'?"),
                      (["help", "bogus"], "unknown command 'bogus'"),
                      (["help", "merg"], "unknown command 'merg'; did you mean 'merge'?"),
                      (["scan", "--exclud", "x"], "unknown option '--exclud'; did you mean '--exclude'?"),
                      (["scan", "--no-cach"], "unknown option '--no-cach'; did you mean '--no-cache'?"),
                      (["scan", "--format", "jsn"], "did you mean 'json'?"),
                      (["merge", "r.json", "--formt", "json"], "unknown option '--formt'; did you mean '--format'?"),
                      (["rules", "--fromat", "json"], "unknown option '--fromat'; did you mean '--format'?"),
                      (["history", "--evry", "2"], "unknown option '--evry'; did you mean '--every'?"),
                      (["progress", "--baselin", "b.json"], "unknown option '--baselin'; did you mean '--baseline'?")])
    func typosGetTheNearestName(_ arguments: [String], _ message: String) throws {
        let run = try Tool.run(arguments)
        #expect(run.status == 64, "\(arguments)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// Every option a command's help lists is one its parser knows (the suggestions come from the
    /// help, so the two must agree).
    @Test(arguments: ["scan", "merge", "rules", "progress", "history", "config", "init"])
    func everyListedOptionIsKnown(_ command: String) throws {
        let help = try Tool.run([command, "--help"]).stdout
        var options: [String] = []
        for line in help.split(separator: "\n") where line.hasPrefix("  -") {
            for word in line.split(separator: " ").prefix(3) {
                let name = word.hasSuffix(",") ? String(word.dropLast()) : String(word)
                if name.hasPrefix("-") { options.append(name) } else { break }
            }
        }
        #expect(options.count >= 3, "\(command)")
        let tree = try TempTree()
        defer { tree.remove() }
        for option in options where option != "-h" && option != "--help" {
            let run = try Tool.run([command, option], in: tree.root)
            #expect(!run.stderr.contains("unknown option"), "\(command) \(option): \(run.stderr)")
        }
    }

    @Test func rulesAsJSONAreVersioned() throws {
        let json = try Tool.json(try Tool.run(["rules", "--format", "json"]).stdout)
        #expect(json["version"] as? Int == 1)
        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(rules.count >= 18 && rules.allSatisfy { $0["id"] is String && $0["pack"] is String })
    }

    /// A PATH that does not exist makes the scan incomplete: the error is printed, and no report
    /// (a partial or empty one would read as a pass), in every command and format.
    @Test func aMissingPathPrintsTheErrorOnly() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import jwt\n")
        for arguments in [["scan", "a.py", "does-not-exist", "--format", "json"], ["scan", "/nonexistent"],
                          ["scan", "does-not-exist", "--format", "sarif"], ["progress", "/nonexistent"],
                          ["progress", "does-not-exist", "--format", "markdown"]] {
            let run = try Tool.run(arguments, in: tree.root)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments): \(run.stdout)")
            #expect(run.stderr.contains("exist"), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("No findings"))
        }
    }

    @Test func failOnSeverityControlsTheExitCode() throws {
        let fixture = "fixtures/jwt-monorepo"
        #expect(try Tool.run(["scan", fixture]).status == 1)
        #expect(try Tool.run(["scan", fixture, "--fail-on-severity", "none"]).status == 0)
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("clean.py", "import os\n")
        #expect(try Tool.run(["scan", tree.root.path]).status == 0)
    }

    @Test func scanIsTheDefaultCommand() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.ts", "import jwt from 'jsonwebtoken';\n")
        let run = try Tool.run(["--format", "json"], in: tree.root)
        #expect(run.status == 1)
        #expect(try Tool.json(run.stdout)["findings"] as? [Any] != nil)
    }
}

/// The README's rule table is generated from the rule files, never hand-edited.
@Suite struct ReadmeTests {
    @Test func ruleTableMatchesTheRuleFiles() throws {
        let readme = try String(contentsOf: Tool.repository.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- rules:start"), let end = readme.range(of: "<!-- rules:end -->") else {
            Issue.record("README has no rule table markers")
            return
        }
        let afterMarker = readme[start.upperBound...]
        let tableStart = afterMarker.index(after: afterMarker.firstIndex(of: "\n")!)
        let table = String(readme[tableStart..<end.lowerBound])
        let run = try Tool.run(["rules", "--format", "markdown"])
        #expect(run.status == 0)
        #expect(table == run.stdout, "regenerate with: swift run ssotguard rules --format markdown")
    }
}

@Suite struct OutputTests {
    @Test func outputFileGetsTheReportAndStdoutStaysEmpty() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("src/a.py", "import jwt\n")
        let report = tree.root.appendingPathComponent("report.json").path
        let run = try Tool.run(["scan", "src", "--format", "json", "--output", report], in: tree.root)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let json = try Tool.json(try String(contentsOfFile: report, encoding: .utf8))
        #expect((json["findings"] as? [[String: Any]])?.first?["path"] as? String == "a.py")
        let unwritable = try Tool.run(["scan", "src", "--output", "/nonexistent/dir/r.txt"], in: tree.root)
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write /nonexistent/dir/r.txt"))
    }

    /// Colour needs a terminal: `script` gives the binary one.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func colourOnATerminalButNeverWithNoColor() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("a.py", "import jwt\n")
        let command = "\(Tool.binary) scan \(tree.root.path)"
        let withTTY = try Tool.run([], rawCommand: ["/usr/bin/script", "-qec", command, "/dev/null"])
        #expect(withTTY.stdout.contains("\u{1B}[31m"))
        let noColor = try Tool.run([], environment: ["NO_COLOR": "1"], rawCommand: ["/usr/bin/script", "-qec", command, "/dev/null"])
        #expect(!noColor.stdout.contains("\u{1B}["))
        #expect(noColor.stdout.contains("error[jwt-direct-import]"))
        let piped = try Tool.run(["scan", tree.root.path])
        #expect(!piped.stdout.contains("\u{1B}["))
    }
}
