import Model
import Testing
@testable import Lexing

/// UTF-16 columns: what SARIF's `utf16CodeUnits` and GitHub count.
@Suite struct LineIndexUTF16Tests {
    func locations(_ text: String, _ start: Int, _ end: Int) -> (scalars: [Int], utf16: [Int]) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer in
            let index = LineIndex(buffer)
            let a = index.location(of: ByteRange(start, end), in: buffer)
            let b = index.utf16Location(of: ByteRange(start, end), in: buffer)
            return ([a.line, a.column, a.endLine, a.endColumn], [b.line, b.column, b.endLine, b.endColumn])
        }
    }

    @Test func asciiColumnsAreTheSame() {
        let result = locations("import jwt\n", 0, 10)
        #expect(result.scalars == [1, 1, 1, 11])
        #expect(result.utf16 == [1, 1, 1, 11])
    }

    @Test func cjkTakesOneUnitPerCharacter() {
        // "日本" is 6 bytes, 2 scalars, 2 UTF-16 units: `jwt` starts at byte 7.
        #expect(locations("日本 jwt", 7, 10).utf16 == [1, 4, 1, 7])
    }

    @Test func astralPlaneCharactersTakeTwoUnits() {
        // "😀" is 4 bytes, 1 scalar, 2 UTF-16 units (a surrogate pair).
        let text = "x = \"😀\"; jwt.decode(t)"
        let start = Array(text.utf8).count - "jwt.decode(t)".utf8.count
        let result = locations(text, start, start + 13)
        #expect(result.scalars == [1, 10, 1, 23])
        #expect(result.utf16 == [1, 11, 1, 24])
        #expect(result.utf16[1] - 1 == Array("x = \"😀\"; ".utf16).count)
    }

    @Test func astralCharactersInsideTheSpanWidenOnlyItsEnd() {
        // `"😀😀"` from its opening quote: 4 scalars, 6 UTF-16 units.
        #expect(locations("k = \"😀😀\"\n", 4, 14).utf16 == [1, 5, 1, 11])
    }

    @Test func linesAndByteOrderMarkAsForScalarColumns() {
        #expect(locations("\u{FEFF}😀\nimport jwt", 8, 18).utf16 == [2, 1, 2, 11])
        #expect(locations("\u{FEFF}😀 jwt", 8, 11).utf16 == [1, 4, 1, 7])
    }
}
