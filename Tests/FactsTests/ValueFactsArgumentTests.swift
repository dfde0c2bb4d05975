import Model
import Testing
@testable import Facts

/// Call arguments that are string literals or byte conversions of one.
@Suite struct ValueFactsArgumentTests {
    /// The string value of each call's second argument (or `-`), and the text of its range.
    static func secondArguments(_ code: String, _ language: Language) -> [String] {
        let bytes = Array(code.utf8)
        return Extract.facts(code, language).calls.filter { $0.callee == "sign" }.map { call in
            guard call.arguments.count > 1, let value = call.arguments[1].stringValue,
                  let range = call.arguments[1].stringRange else { return "-" }
            return value + "@" + String(decoding: bytes[range.start..<range.end], as: UTF8.self)
        }
    }

    @Test func pythonWrappers() {
        let code = """
            sign(p, "plain")
            sign(p, b"bytes-literal")
            sign(p, "encoded".encode())
            sign(p, "encoded-utf8".encode("utf-8"))
            sign(p, bytes("bytes-call", "utf-8"))
            sign(p, bytearray("bytearray-call"))
            sign(p, key.encode())
            sign(p, "a" + b)
            sign(p, bytes(key, "utf-8"))

            """
        #expect(Self.secondArguments(code, .python) == [
            "plain@plain", "bytes-literal@bytes-literal", "encoded@encoded", "encoded-utf8@encoded-utf8",
            "bytes-call@bytes-call", "bytearray-call@bytearray-call", "-", "-", "-",
        ])
    }

    @Test func typeScriptWrappers() {
        let code = """
            sign(p, 'plain');
            sign(p, Buffer.from('buffer'));
            sign(p, Buffer.from('buffer-enc', 'utf8'));
            sign(p, new TextEncoder().encode('encoder'));
            sign(p, Buffer.from(key, 'base64'));
            sign(p, new TextEncoder().encode(key));

            """
        #expect(Self.secondArguments(code, .typescript) == [
            "plain@plain", "buffer@buffer", "buffer-enc@buffer-enc", "encoder@encoder", "-", "-",
        ])
    }
}
