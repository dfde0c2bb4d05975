/// Lexes Python source bytes. (Being written.)
public enum PythonLexer {
    public static func tokenize(_ bytes: UnsafeRawBufferPointer) -> LexResult {
        LexResult(tokens: [], problems: [])
    }
}

extension PythonLexer {
    /// The value of a Python string literal token (prefix and quotes removed, escapes decoded
    /// unless raw). Being written.
    static func stringValue(of token: Token, in bytes: UnsafeRawBufferPointer) -> String? { nil }
}
