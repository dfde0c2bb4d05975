import Foundation
import Testing

/// Bad input is either scanned correctly or named in `diagnostics` (and on stderr in text mode),
/// while the rest of the scan goes on. Never a crash or a hang.
@Suite struct BadInputTests {
    /// A tree with one good violating file (`good.py`) next to each bad input; returns the JSON
    /// report's findings (path:line:rule) and diagnostics (path: message).
    func scan(_ files: [(String, Data)], extra: [String] = [], prefix: [String] = [],
              prepare: (TempTree) throws -> Void = { _ in }) throws -> (status: Int32, findings: [String], diagnostics: [String], stderr: String) {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("good.py", "import jwt\n")
        for (path, data) in files { try tree.write(path, data) }
        try prepare(tree)
        let run = try Tool.run(["scan", tree.root.path, "--format", "json"] + extra, prefix: prefix)
        let report = try Tool.json(run.stdout)
        let findings = (report["findings"] as? [[String: Any]] ?? []).map {
            "\($0["path"] ?? ""):\($0["line"] ?? 0):\($0["column"] ?? 0):\($0["ruleId"] ?? "")"
        }
        let diagnostics = (report["diagnostics"] as? [[String: Any]] ?? []).map {
            "\($0["path"] ?? ""):\($0["line"].map { "\($0)" } ?? "-"): \($0["message"] ?? "")"
        }
        return (run.status, findings, diagnostics, run.stderr)
    }

    @Test func binaryFileIsNamedAndSkipped() throws {
        var bytes = Data("import jwt\n".utf8)
        bytes.append(contentsOf: [0, 1, 2, 0xFF, 0])
        let result = try scan([("blob.py", bytes)])
        #expect(result.findings == ["good.py:1:1:jwt-direct-import"])
        #expect(result.diagnostics == ["blob.py:-: binary file (NUL byte found); not scanned"])
    }

    @Test func nonUTF8FileIsScannedAndNamed() throws {
        var bytes = Data("# caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes.append(contentsOf: Data("\nimport jwt\n".utf8))
        let result = try scan([("latin1.py", bytes)])
        #expect(result.findings == ["good.py:1:1:jwt-direct-import", "latin1.py:2:1:jwt-direct-import"])
        #expect(result.diagnostics == ["latin1.py:1: not valid UTF-8; scanned as bytes (columns may be off)"])
    }

    @Test func byteOrderMarkAndCRLFKeepLinesAndColumns() throws {
        var bom = Data([0xEF, 0xBB, 0xBF])
        bom.append(contentsOf: Data("import jwt\r\nx = 1\r\nfrom jose import jwt as j\r\n".utf8))
        let result = try scan([("bom.py", bom), ("crlf.ts", Data("const a = 1;\r\n\r\n  import('jose');\r\n".utf8))])
        #expect(result.findings == ["bom.py:1:1:jwt-direct-import", "bom.py:3:1:jwt-direct-import",
                                    "crlf.ts:3:3:jwt-direct-import", "good.py:1:1:jwt-direct-import"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func hugeSingleLineMinifiedFileIsScanned() throws {
        var text = "var a=require(\"jsonwebtoken\");"
        let chunk = "function f(b){return b.map(function(c){return c*2/3})}var x=/ab+c/g.test('s');"
        text.reserveCapacity(20 * 1024 * 1024 + 100)
        while text.utf8.count < 20 * 1024 * 1024 { text += chunk }
        text += "a.verify(t,k);"
        let result = try scan([("bundle.min.js", Data(text.utf8))])
        #expect(result.findings == ["bundle.min.js:1:7:jwt-direct-import", "bundle.min.js:1:\(text.utf8.count - 13):jwt-direct-call",
                                    "good.py:1:1:jwt-direct-import"])
    }

    @Test func unterminatedLiteralsAreNamedAndLaterCodeStillScanned() throws {
        let result = try scan([
            ("str.py", Data("s = 'oops\nimport jwt\n".utf8)),
            ("tpl.ts", Data("const t = `never closed ${x}\nimport jwt from 'jsonwebtoken';\n".utf8)),
            ("triple.py", Data("import jose\n'''never closed\nimport jwt\n".utf8)),
        ])
        #expect(result.findings == ["good.py:1:1:jwt-direct-import", "str.py:2:1:jwt-direct-import",
                                    "triple.py:1:1:jwt-direct-import"])
        #expect(result.diagnostics.contains("str.py:1: unterminated string literal"))
        #expect(result.diagnostics.contains("triple.py:2: unterminated string literal"))
        #expect(result.diagnostics.contains { $0.hasPrefix("tpl.ts:1: unterminated template") })
    }

    @Test func deeplyNestedBracketsAndEmptyFiles() throws {
        let deep = String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000)
        let result = try scan([
            ("deep.py", Data(("x = " + deep + "\nimport jwt\n").utf8)),
            ("deep.ts", Data(("const x = " + String(repeating: "[{(", count: 10_000) + "\nrequire('jws');\n").utf8)),
            ("empty.py", Data()), ("empty.ts", Data()),
        ])
        #expect(result.findings == ["deep.py:2:1:jwt-direct-import", "deep.ts:2:1:jwt-direct-import",
                                    "good.py:1:1:jwt-direct-import"])
    }

    @Test func textModeNamesProblemsOnStderr() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("blob.ts", Data([0x00, 0x01]))
        try tree.write("ok.py", "import os\n")
        let run = try Tool.run(["scan", tree.root.path])
        #expect(run.status == 0)
        #expect(run.stderr == "blob.ts: warning: binary file (NUL byte found); not scanned\n")
        #expect(run.stdout.contains("No findings in 1 file scanned."))
    }

    // MARK: - Unreadable paths (needs a non-root user: run as nobody through setpriv)

    static var canDropPrivileges: Bool {
        guard geteuid() == 0, access("/usr/bin/setpriv", X_OK) == 0 else { return false }
        var path = Tool.binary
        var info = stat()
        while let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            path = String(path[..<slash])
            guard stat(path, &info) == 0, info.st_mode & 0o001 != 0 else { return false }
        }
        return true
    }

    @Test(.enabled(if: canDropPrivileges)) func unreadableFileAndDirectoryAreNamed() throws {
        let nobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let result = try scan([("locked.py", Data("import jwt\n".utf8)), ("closed/inner.py", Data("import jwt\n".utf8))],
                              prefix: nobody) { tree in
            for path in ["", "closed"] { chmod(tree.root.appendingPathComponent(path).path, 0o755) }
            chmod(tree.root.appendingPathComponent("good.py").path, 0o644)
            chmod(tree.root.appendingPathComponent("locked.py").path, 0o000)
            chmod(tree.root.appendingPathComponent("closed").path, 0o000)
        }
        #expect(result.findings == ["good.py:1:1:jwt-direct-import"])
        #expect(result.diagnostics.contains("locked.py:-: cannot read file: Permission denied"))
        #expect(result.diagnostics.contains { $0.hasPrefix("closed:-: cannot read directory") })
    }

    @Test func brokenSymlinkAndFIFOAreNamedWithoutBlocking() throws {
        let result = try scan([]) { tree in
            symlink(tree.root.appendingPathComponent("missing.py").path, tree.root.appendingPathComponent("dangling.py").path)
            mkfifo(tree.root.appendingPathComponent("pipe.py").path, 0o644)
        }
        #expect(result.findings == ["good.py:1:1:jwt-direct-import"])
        #expect(result.diagnostics.count == 2)
    }
}
