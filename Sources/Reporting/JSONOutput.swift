import Foundation

/// How every JSON document ssotguard writes is encoded: pretty, keys sorted, slashes as they are,
/// one trailing line break. One place, so all formats stay byte-for-byte deterministic alike.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
