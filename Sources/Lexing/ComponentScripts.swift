/// The code of a single-file component (`.vue`, `.svelte`): its `<script>` blocks.
///
/// `mask` returns a copy of the file in which every byte outside the blocks' contents is a
/// space (line breaks are kept), so lexing it gives tokens at the file's own offsets: lines,
/// columns and snippets of findings come out right without any mapping. Markup, styles and
/// template expressions are not code here.
public enum ComponentScripts {
    /// The masked copy, and whether a block asks for JSX (`lang="tsx"` / `"jsx"`).
    public static func mask(_ bytes: UnsafeRawBufferPointer) -> (code: [UInt8], jsx: Bool) {
        var code = [UInt8](repeating: UInt8(ascii: " "), count: bytes.count)
        for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") { code[i] = bytes[i] }
        var jsx = false
        var i = 0
        let n = bytes.count
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if startsWith(bytes, at: i, "<!--") {
                i = find(bytes, "-->", from: i + 4).map { $0 + 3 } ?? n
                continue
            }
            guard startsWith(bytes, at: i, "<script"), i + 7 < n, isTagEnd(bytes[i + 7]) else {
                i += 1
                continue
            }
            guard let tagEnd = find(bytes, ">", from: i + 7) else { break }
            let attributes = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(i + 7)..<tagEnd]), as: UTF8.self).lowercased()
            if attributes.contains("lang=\"tsx\"") || attributes.contains("lang='tsx'") || attributes.contains("lang=\"jsx\"")
                || attributes.contains("lang='jsx'") { jsx = true }
            let contentStart = tagEnd + 1
            let contentEnd = find(bytes, "</script", from: contentStart) ?? n
            for k in contentStart..<contentEnd { code[k] = bytes[k] }
            i = contentEnd
        }
        return (code, jsx)
    }

    private static func isTagEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ">") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "/")
    }

    /// Case-insensitive match of ASCII `text` at `offset`.
    private static func startsWith(_ bytes: UnsafeRawBufferPointer, at offset: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let pointer = text.utf8Start
        for k in 0..<count where bytes[offset + k] | 0x20 != pointer[k] | 0x20 { return false }
        return true
    }

    /// The offset of the next case-insensitive occurrence of `text` at or after `from`.
    private static func find(_ bytes: UnsafeRawBufferPointer, _ text: StaticString, from: Int) -> Int? {
        var i = from
        while i < bytes.count {
            if startsWith(bytes, at: i, text) { return i }
            i += 1
        }
        return nil
    }
}
