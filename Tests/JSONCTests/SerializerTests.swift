import Testing
import JSONC

@Suite struct SerializerTests {
    static let document: JSONValue = [
        "version": 1,
        "name": "jwt \"rules\"",
        "ratio": 0.25,
        "flags": [true, false, nil],
        "empty": [:],
        "none": [],
        "nested": ["a/b": ["x": -3]],
    ]

    @Test func compactOutput() {
        #expect(JSONC.serialize(Self.document, pretty: false) == #"""
            {"version":1,"name":"jwt \"rules\"","ratio":0.25,"flags":[true,false,null],"empty":{},"none":[],"nested":{"a/b":{"x":-3}}}
            """#)
    }

    @Test func prettyOutput() {
        let expected = """
            {
              "version": 1,
              "name": "jwt \\"rules\\"",
              "ratio": 0.25,
              "flags": [
                true,
                false,
                null
              ],
              "empty": {},
              "none": [],
              "nested": {
                "a/b": {
                  "x": -3
                }
              }
            }
            """
        #expect(JSONC.serialize(Self.document, pretty: true) == expected)
    }

    @Test func stringEscapes() {
        let value: JSONValue = .string("q\" b\\ s/ n\n r\r t\t b\u{8} f\u{C} nul\u{0} us\u{1F} del\u{7F} é 😀")
        #expect(JSONC.serialize(value, pretty: false)
            == #""q\" b\\ s/ n\n r\r t\t b\b f\f nul\u0000 us\u001f del"# + "\u{7F} é 😀\"")
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (3.0, "3"), (-42.0, "-42"), (1e15, "1000000000000000"),
        (9_007_199_254_740_991.0, "9007199254740991"), (0.1, "0.1"), (-2.5, "-2.5"),
        (1e300, "1e+300"), (1.5e-7, "1.5e-07"), (Double.nan, "null"), (Double.infinity, "null"),
    ])
    func numbers(_ value: Double, _ text: String) {
        #expect(JSONC.serialize(.number(value), pretty: false) == text)
    }

    @Test(arguments: [false, true])
    func roundTrip(pretty: Bool) throws {
        let samples: [JSONValue] = [
            Self.document, nil, true, 0, -1.5e-300, 123_456_789.125, 1e300, "", "\u{0}\u{1F}\"\\/é😀\u{10FFFF}",
            [[[[]]], [:], ["": ["k": [1, "2", [3]]]]],
        ]
        for sample in samples {
            let text = JSONC.serialize(sample, pretty: pretty)
            #expect(try JSONC.parse(text).value.erasingPositions() == sample, "\(text)")
        }
    }

    @Test func parsedDocumentsRoundTrip() throws {
        let source = """
            // a rules file
            { "rules": [ { "id": "jwt-direct-import", "severity": "error", "weight": 2.5e3, }, ], }
            """
        let parsed = try JSONC.parse(source).value.erasingPositions()
        let reparsed = try JSONC.parse(JSONC.serialize(parsed, pretty: true)).value.erasingPositions()
        #expect(reparsed == parsed)
        #expect(JSONC.serialize(parsed, pretty: false)
            == #"{"rules":[{"id":"jwt-direct-import","severity":"error","weight":2500}]}"#)
    }
}
