import Foundation
import Testing

/// File names and file contents cannot reach a terminal or a CI log raw: no escape sequence, no
/// line break that fakes a finding line, in any text output or diagnostic.
@Suite struct TerminalInjectionTests {
    static let evilName = "evil\u{1B}[31m\nfake.py:99:1: error[jwt-direct-import] forged.py"

    @Test func oddFileNamesAreQuotedInTextOutputAndDiagnostics() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        // A finding, and a diagnostic (not UTF-8), both from the odd name.
        try tree.write(Self.evilName, Data("import jwt\nx = '\u{1B}]0;pwned\u{07}'; jwt.decode(t)\n".utf8) + Data([0xFF, 0x0A]))
        for arguments in [["scan", "."], ["scan", ".", "--format", "github"], ["progress", "."], ["scan", ".", "--format", "markdown"]] {
            let run = try Tool.run(arguments, in: tree.root)
            for (stream, text) in [("stdout", run.stdout), ("stderr", run.stderr)] {
                #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 },
                        "\(arguments) \(stream) holds a raw control character")
                let forged = text.split(separator: "\n").filter { $0.hasPrefix("fake.py:99:1") }
                #expect(forged.isEmpty, "\(arguments) \(stream): a line break in a file name started a line")
            }
        }
        let text = try Tool.run(["scan", "."], in: tree.root)
        #expect(text.stdout.contains("\"evil\\033[31m\\nfake.py:99:1: error[jwt-direct-import] forged.py\":1:1: error[jwt-direct-import]"))
        #expect(text.stderr.contains("\"evil\\033[31m\\nfake.py:99:1: error[jwt-direct-import] forged.py\":3:1: warning: not valid UTF-8"))
        #expect(text.stdout.contains("x = '\\033]0;pwned\\a'; jwt.decode(t)"))
    }
}
