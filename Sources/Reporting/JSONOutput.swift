/// How every JSON document ssotguard writes is encoded: pretty, keys sorted, slashes as they are,
/// one trailing line break (see `JSONText`). One place, so all formats stay byte-for-byte
/// deterministic alike.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) -> String {
        var out: [UInt8] = []
        JSONText.write((try? JSONTreeEncoder.tree(value)) ?? .object([]), depth: 0, into: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }
}
