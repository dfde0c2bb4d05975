/// Writing values back as JSON text, deterministically (baseline files are diffed and committed).
extension JSONC {
    /// JSON text for `value`: members in their order, strings escaped per RFC 8259.
    ///
    /// Only `"`, `\` and control characters are escaped (`\n`, `\t`, ... or `\u00XX`); `/` and
    /// non-ASCII characters are written as they are. Integral numbers are written without a
    /// fraction (`3`, not `3.0`); others in the shortest form that reads back to the same `Double`.
    /// NaN and infinities have no JSON form and are written as `null`.
    ///
    /// `pretty` puts each array element and object member on its own line, indented by two spaces,
    /// with `": "` after keys; empty containers stay `[]` and `{}`. No trailing newline is added.
    public static func serialize(_ value: JSONValue, pretty: Bool) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(value, depth: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }
}

/// Accumulates UTF-8 output for `JSONC.serialize`.
private struct JSONWriter {
    let pretty: Bool
    var output: [UInt8] = []

    init(pretty: Bool) { self.pretty = pretty }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n): append(Self.format(n))
        case .string(let s): writeString(s)
        case .array(let elements):
            writeContainer(open: "[", close: "]", count: elements.count, depth: depth) { writer, i in
                writer.write(elements[i].value, depth: depth + 1)
            }
        case .object(let members):
            writeContainer(open: "{", close: "}", count: members.count, depth: depth) { writer, i in
                writer.writeString(members[i].key)
                writer.append(writer.pretty ? ": " : ":")
                writer.write(members[i].value.value, depth: depth + 1)
            }
        }
    }

    /// Brackets, commas and (when pretty) line breaks and indentation around `count` entries.
    private mutating func writeContainer(
        open: String, close: String, count: Int, depth: Int, entry: (inout JSONWriter, Int) -> Void
    ) {
        append(open)
        for i in 0..<count {
            if i > 0 { append(",") }
            newline(depth: depth + 1)
            entry(&self, i)
        }
        if count > 0 { newline(depth: depth) }
        append(close)
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func append(_ text: String) { output.append(contentsOf: text.utf8) }

    mutating func writeString(_ s: String) {
        output.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0..<0x20: append("\\u00" + JSONParser.hex2(b).lowercased())
            default: output.append(b)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Integral values up to 2^53 as integers; anything else in Swift's shortest round-trip form,
    /// which is valid JSON (`0.1`, `1e+300`, `5e-324`).
    static func format(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n.magnitude < 9_007_199_254_740_992, let i = exactInteger(n) { return String(i) }
        return n.description
    }
}

/// `n` as an `Int` if it is integral and in range, else nil.
///
/// Worked out from the bits: `rounded()` and `Int(exactly:)` call into libm, which a module that
/// imports neither Foundation nor Glibc does not link.
func exactInteger(_ n: Double) -> Int? {
    guard n.isFinite else { return nil }
    if n == 0 { return 0 }
    let exponent = Int(n.exponent)
    guard exponent >= 0, exponent < Int.bitWidth - 1 else { return nil }
    if exponent < Double.significandBitCount {
        let fractionMask: UInt64 = (1 << UInt64(Double.significandBitCount - exponent)) - 1
        guard n.significandBitPattern & fractionMask == 0 else { return nil }
    }
    return Int(n)
}
