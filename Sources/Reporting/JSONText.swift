/// JSON text as every ssotguard document is written: pretty (two-space indentation,
/// `"key" : value`), object keys sorted, `/` not escaped, one trailing line break: byte for byte
/// what Foundation's `JSONEncoder` writes with `.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes`, without its whole-document buffers.
///
/// `JSONText` appends to a byte buffer; `JSONStream` writes a large document member by member
/// (arrays element by element) to a `ReportSink`.
enum JSONText {
    /// Appends `tree` at indentation `depth` (the current line is already indented).
    static func write(_ tree: JSONTree, depth: Int, into out: inout [UInt8]) {
        switch tree {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): string(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, into: &out)
                write(element, depth: depth + 1, into: &out)
            }
            if elements.isEmpty { out.append(UInt8(ascii: "\n")) }
            newline(depth, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in sorted(members).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, into: &out)
                string(member.key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(member.value, depth: depth + 1, into: &out)
            }
            if members.isEmpty { out.append(UInt8(ascii: "\n")) }
            newline(depth, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Members in key order (Swift's `String` order, as Foundation sorts); duplicate keys keep
    /// the last value, as a dictionary would.
    static func sorted(_ members: [JSONTreeMember]) -> [JSONTreeMember] {
        var seen: [String: Int] = [:]
        var unique: [JSONTreeMember] = []
        for member in members {
            if let index = seen[member.key] {
                unique[index] = member
            } else {
                seen[member.key] = unique.count
                unique.append(member)
            }
        }
        return unique.sorted { $0.key < $1.key }
    }

    static func newline(_ depth: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// A string literal: `"`, `\` and control characters escaped, everything else as it is.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// A `Double` as Foundation writes it: integral values without a fraction, others in
    /// Swift's shortest round-trip form.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(.towardZero), value.magnitude < 9_007_199_254_740_992 { return String(Int(value)) }
        return value.description
    }
}

/// Writes one large JSON document to a sink piece by piece: the caller names the members of each
/// object in sorted key order, and values are encoded one at a time, so memory holds one entry,
/// never the document.
struct JSONStream {
    let sink: ReportSink
    private var depth = 0
    private var counts: [Int] = []
    private var buffer: [UInt8] = []

    init(sink: ReportSink) { self.sink = sink }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }

    /// `"key" : ` inside the current object; the value follows (a `value`, or a nested container).
    mutating func key(_ key: String) {
        separate()
        JSONText.string(key, into: &buffer)
        buffer.append(contentsOf: " : ".utf8)
        counts[counts.count - 1] += 1
        pendingValue = true
    }

    /// A complete member.
    mutating func member<T: Encodable>(_ key: String, _ value: T) {
        self.key(key)
        self.value(value)
    }

    /// A complete member, left out when `value` is nil (as `Encodable` does).
    mutating func member<T: Encodable>(_ key: String, ifPresent value: T?) {
        if let value { member(key, value) }
    }

    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// A value: the one after `key`, or the next element of the current array.
    mutating func value<T: Encodable>(_ value: T) {
        if !pendingValue {
            separate()
            counts[counts.count - 1] += 1
        }
        pendingValue = false
        let tree = (try? JSONTreeEncoder.tree(value)) ?? .null
        JSONText.write(tree, depth: depth, into: &buffer)
        flushIfLarge()
    }

    /// Ends the document with a line break and hands the rest to the sink.
    mutating func finish() {
        buffer.append(UInt8(ascii: "\n"))
        sink.write(buffer)
        buffer.removeAll()
    }

    private var pendingValue = false

    private mutating func open(_ bracket: UInt8) {
        if !pendingValue, !counts.isEmpty {
            separate()
            counts[counts.count - 1] += 1
        }
        pendingValue = false
        buffer.append(bracket)
        counts.append(0)
        depth += 1
    }

    private mutating func close(_ bracket: UInt8) {
        let count = counts.removeLast()
        depth -= 1
        if count == 0 { buffer.append(UInt8(ascii: "\n")) }
        JSONText.newline(depth, into: &buffer)
        buffer.append(bracket)
        flushIfLarge()
    }

    /// A comma after the previous entry, then a new indented line.
    private mutating func separate() {
        if let count = counts.last, count > 0 { buffer.append(UInt8(ascii: ",")) }
        JSONText.newline(depth, into: &buffer)
    }

    private mutating func flushIfLarge() {
        guard buffer.count >= 1 << 16 else { return }
        sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
