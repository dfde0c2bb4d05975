import Model
import Testing
@testable import Lexing

@Suite struct LineIndexTests {
    func location(_ text: String, _ start: Int, _ end: Int) -> [Int] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { buffer in
            let l = LineIndex(buffer).location(of: ByteRange(start, end), in: buffer)
            return [l.line, l.column, l.endLine, l.endColumn]
        }
    }

    @Test func linesEndAtLFCRLFAndLoneCR() {
        let index = LineIndex(Array("a\nb\r\nc\rd".utf8))
        #expect(index.lineStarts == [0, 2, 5, 7])
        #expect(location("a\nb\r\nc\rd", 7, 8) == [4, 1, 4, 2])
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is 2 bytes, "認" 3: `jwt` starts at byte 6 but column 4.
        #expect(location("é認 jwt", 6, 9) == [1, 4, 1, 7])
    }

    @Test func byteOrderMarkIsNotAColumn() {
        #expect(location("\u{FEFF}import jwt", 3, 13) == [1, 1, 1, 11])
    }

    @Test func rangesAcrossLines() {
        #expect(location("from jwt import (\n  decode)\n", 0, 27) == [1, 1, 2, 10])
    }

    @Test func lineRangeExcludesTheBreak() {
        let bytes = Array("one\r\ntwo\n".utf8)
        bytes.withUnsafeBytes { buffer in
            let index = LineIndex(buffer)
            #expect(index.lineRange(0, in: buffer) == ByteRange(0, 3))
            #expect(index.lineRange(1, in: buffer) == ByteRange(5, 8))
            #expect(index.lineRange(2, in: buffer) == ByteRange(9, 9))
        }
    }
}
