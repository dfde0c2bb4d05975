import Testing
@testable import JSONC

/// Parses `text`, failing the test with the syntax error if there is one.
func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONNode {
    do {
        return try JSONC.parse(text)
    } catch {
        Issue.record("unexpected syntax error: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

@Suite struct ParserTests {
    // MARK: - Every type

    @Test func scalars() throws {
        #expect(try parse("null").value == .null)
        #expect(try parse("true").value == .bool(true))
        #expect(try parse("false").value == .bool(false))
        #expect(try parse("0").value == .number(0))
        #expect(try parse("-0").value == .number(-0.0))
        #expect(try parse("42").value == .number(42))
        #expect(try parse("-12.5e2").value == .number(-1250))
        #expect(try parse("1E-2").value == .number(0.01))
        #expect(try parse("1e+2").value == .number(100))
        #expect(try parse("0.000001").value == .number(0.000001))
        #expect(try parse(#""hello""#).value == .string("hello"))
        #expect(try parse(#""""#).value == .string(""))
    }

    @Test func containersKeepOrderAndPositions() throws {
        let text = """
            {
              "b": [1, "two", null],
              "a": {"x": false}
            }
            """
        let root = try parse(text)
        #expect(root.position == TextPosition(offset: 0, line: 1, column: 1))
        guard case .object(let members) = root.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a"])
        #expect(members[0].keyPosition == TextPosition(offset: 4, line: 2, column: 3))
        #expect(members[0].value.position == TextPosition(offset: 9, line: 2, column: 8))
        guard case .array(let elements) = members[0].value.value else { Issue.record("not an array"); return }
        #expect(elements.map(\.value) == [.number(1), .string("two"), .null])
        #expect(elements.map(\.position.column) == [9, 12, 19])
        #expect(members[1].value.position.line == 3)
        #expect(root.value.erasingPositions() == ["b": [1, "two", nil], "a": ["x": false]])
    }

    @Test func emptyContainers() throws {
        #expect(try parse("[]").value == .array([]))
        #expect(try parse("{ }").value == .object([]))
        #expect(try parse("[[], {}]").value.erasingPositions() == [[], [:]])
    }

    @Test func columnsCountUnicodeScalars() throws {
        let root = try parse("[\"é漢😀\", true]")
        guard case .array(let elements) = root.value else { Issue.record("not an array"); return }
        #expect(elements[0].value == .string("é漢😀"))
        #expect(elements[1].position.column == 9)
        #expect(elements[1].position.offset == 14)
    }

    @Test func lineBreaksOfEveryKind() throws {
        let root = try parse("[1,\r\n2,\r3,\n4]")
        guard case .array(let elements) = root.value else { Issue.record("not an array"); return }
        #expect(elements.map(\.position.line) == [1, 2, 3, 4])
        #expect(elements.map(\.position.column) == [2, 1, 1, 1])
    }

    // MARK: - Comments and trailing commas

    @Test func commentsWhereverWhitespaceMayBe() throws {
        let text = """
            // leading line comment
            /* leading block */ {
              // before a member
              "a" /* after a key */ : /* before a value */ 1 /* after a value */ ,
              /* between members */ "b": [ // inside an array
                2 /* after an element */, /* before an element */ 3
              ] // after an array
            } // after the document
            /* at the end, no newline */
            """
        let root = try parse(text)
        #expect(root.value.erasingPositions() == ["a": 1, "b": [2, 3]])
        #expect(root.position == TextPosition(offset: 44, line: 2, column: 21))
    }

    @Test func commentAtEndOfFileWithoutNewline() throws {
        #expect(try parse("1 // done").value == .number(1))
        #expect(try parse("1 /**/").value == .number(1))
        #expect(try parse("/* ** / */ 1 /* a // b */").value == .number(1))
    }

    @Test func commentsMayHoldAnyText() throws {
        #expect(try parse("/* \"quote { [ ñ 😀\n */ [] // } ] \t\u{1}").value == .array([]))
    }

    @Test func slashInsideAStringIsNotAComment() throws {
        #expect(try parse(#""http://x/*y*/""#).value == .string("http://x/*y*/"))
    }

    @Test func trailingCommas() throws {
        #expect(try parse("[1, 2,]").value.erasingPositions() == [1, 2])
        #expect(try parse("{\"a\": 1,}").value.erasingPositions() == ["a": 1])
        #expect(try parse("[[1,], {\"a\": [],},\n]").value.erasingPositions() == [[1], ["a": []]])
        #expect(try parse("[1, /* c */ ]").value.erasingPositions() == [1])
    }

    // MARK: - Strings

    @Test func escapes() throws {
        let text = #""\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u6F22 \u0000""#
        #expect(try parse(text).value == .string("\" \\ / \u{8} \u{C} \n \r \t A é 漢 \u{0}"))
    }

    @Test func surrogatePairs() throws {
        #expect(try parse(#""\uD83D\uDE00""#).value == .string("😀"))
        #expect(try parse(#""a\ud834\udd1eb""#).value == .string("a𝄞b"))
        #expect(try parse(#""\uDBFF\uDFFF""#).value == .string("\u{10FFFF}"))
    }

    @Test func rawNonASCIIPassesThrough() throws {
        #expect(try parse("\"naïve 日本 🎉\"").value == .string("naïve 日本 🎉"))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let root = try JSONC.parse([0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
        #expect(root.position == TextPosition(offset: 3, line: 1, column: 1))
        #expect(root.value.erasingPositions() == ["a": 1])
    }

    @Test func bytesAndTextAgree() throws {
        let text = "{\"k\": [1, \"é\"]} // c"
        #expect(try JSONC.parse(Array(text.utf8)) == JSONC.parse(text))
    }

    // MARK: - Nesting

    @Test func nestingUpToTheLimit() throws {
        let depth = JSONC.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var node = try parse(text)
        var levels = 1
        while case .array(let elements) = node.value, let first = elements.first {
            node = first
            levels += 1
        }
        #expect(levels == depth)
    }

    @Test func mixedNestingUpToTheLimit() throws {
        let pairs = JSONC.maximumDepth / 2
        let text = String(repeating: "{\"a\":[", count: pairs) + "0" + String(repeating: "]}", count: pairs)
        #expect(try JSONC.parse(text).position.column == 1)
    }
}
