import Model
import Testing
@testable import RuleEngine

/// `ignore-file[...]`: the whole file, but only from near the top.
@Suite struct SuppressionFileScopeTests {
    static func padding(_ count: Int, _ marker: String = "#") -> String {
        (1...count).map { "\(marker) line \($0)\n" }.joined()
    }

    @Test func atTheTopItCoversTheWholeFile() {
        let code = "# ssotguard: ignore-file[jwt-direct-import, jwt-direct-call] -- vendored SDK\nimport jwt\n\n\ndef f(t):\n    return jwt.decode(t)\n"
        #expect(SuppressionTests.run(code) == ["2 jwt-direct-import suppressed(file@1: vendored SDK)",
                                               "6 jwt-direct-call suppressed(file@1: vendored SDK)"])
    }

    @Test func afterLeadingCommentsAndADocstringBeyondLineTen() {
        let code = "#!/usr/bin/env python3\n" + Self.padding(12) + "\"\"\"Module docstring.\n\nMore text.\n\"\"\"\n"
            + "# ssotguard: ignore-file[jwt-direct-import] -- vendored\nimport jwt\n"
        #expect(SuppressionTests.run(code) == ["19 jwt-direct-import suppressed(file@18: vendored)"])
        let ts = "'use strict';\n" + Self.padding(12, "//") + "/* ssotguard: ignore-file[jwt-direct-import] -- vendored */\n"
            + "import jwt from 'jsonwebtoken';\n"
        #expect(SuppressionTests.run(ts, .typescript) == ["15 jwt-direct-import suppressed(file@14: vendored)"])
    }

    @Test func withinTheFirstTenLinesEvenAfterCode() {
        let code = "import os\n" + Self.padding(8) + "# ssotguard: ignore-file[jwt-direct-import] -- vendored\n\n\nimport jwt\n"
        #expect(SuppressionTests.run(code) == ["13 jwt-direct-import suppressed(file@10: vendored)"])
    }

    @Test func belowCodeAndLineTenItIsInvalidAndHasNoEffect() {
        let code = "import os\n" + Self.padding(9) + "# ssotguard: ignore-file[jwt-direct-import] -- vendored\nimport jwt\n"
        #expect(SuppressionTests.run(code) == ["11 suppression-invalid", "12 jwt-direct-import"])
        #expect(SuppressionTests.messages(code) == ["11 `ignore-file` must be near the top of the file: before the first "
            + "line of code or within the first 10 lines; it has no effect here"])
    }

    @Test func aSecondStringIsCode() {
        let code = "\"\"\"Doc.\"\"\"\n'second'\n" + Self.padding(9) + "# ssotguard: ignore-file[jwt-direct-import] -- vendored\nimport jwt\n"
        #expect(SuppressionTests.run(code) == ["12 suppression-invalid", "13 jwt-direct-import"])
    }

    @Test func firstCodeOffset() {
        func offset(_ code: String, comments: [ByteRange]) -> Int {
            var code = code
            return code.withUTF8 { Suppressions.firstCodeOffset(bytes: UnsafeRawBufferPointer($0), comments: comments, bodyStart: 0) }
        }
        #expect(offset("# a\n\nx = 1\n", comments: [ByteRange(0, 3)]) == 5)
        #expect(offset("r'''doc\n'''\nx\n", comments: []) == 12)
        #expect(offset("f(x)\n", comments: []) == 0)
        #expect(offset("'unterminated\nx\n", comments: []) == 0)
        #expect(offset("\"use strict\";\n// c\nimport x\n", comments: [ByteRange(14, 18)]) == 19)
    }
}
