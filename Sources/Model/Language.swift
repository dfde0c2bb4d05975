/// The source languages ssotguard understands.
///
/// `typescript` covers JavaScript too: the TypeScript lexer reads every JS dialect, and rule files
/// list npm module names under the `typescript` key.
public enum Language: String, Sendable, CaseIterable, Codable, Comparable {
    case python
    case typescript

    /// The language of a file name by its extension, or nil when ssotguard does not scan it.
    public static func of(fileName: String) -> Language? {
        guard let dot = fileName.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        switch fileName[dot...] {
        case ".py", ".pyi": return .python
        case ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".vue", ".svelte": return .typescript
        default: return nil
        }
    }

    /// Whether a file of this name may contain JSX (`.tsx`, `.jsx` and plain JavaScript files).
    /// Plain `.ts` files may not: there `<T>x` is a type assertion.
    public static func allowsJSX(fileName: String) -> Bool {
        for ext in [".tsx", ".jsx", ".js", ".mjs", ".cjs"] where fileName.hasSuffix(ext) { return true }
        return false
    }

    /// Whether a file of this name is a single-file component (`.vue`, `.svelte`) whose
    /// `<script>` blocks hold its TypeScript / JavaScript.
    public static func isComponent(fileName: String) -> Bool {
        fileName.hasSuffix(".vue") || fileName.hasSuffix(".svelte")
    }

    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }
}
