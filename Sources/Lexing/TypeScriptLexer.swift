/// Lexes TypeScript / JavaScript source bytes. (Being written.)
public enum TypeScriptLexer {
    public static func tokenize(_ bytes: UnsafeRawBufferPointer, jsx: Bool) -> LexResult {
        LexResult(tokens: [], problems: [])
    }
}

extension TypeScriptLexer {
    /// The value of a JS string literal or substitution-free template literal token (quotes
    /// removed, escapes decoded). Being written.
    static func stringValue(of token: Token, in bytes: UnsafeRawBufferPointer) -> String? { nil }
}
