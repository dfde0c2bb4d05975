import Model

/// Entry point: lexes a file's bytes with the lexer for its language.
public enum Lexer {
    /// Tokens of `bytes`. A UTF-8 byte order mark at the start is skipped (offsets stay absolute).
    public static func tokenize(_ bytes: UnsafeRawBufferPointer, language: Language, jsx: Bool) -> LexResult {
        switch language {
        case .python: return PythonLexer.tokenize(bytes)
        case .typescript: return TypeScriptLexer.tokenize(bytes, jsx: jsx)
        }
    }

    /// The offset after a UTF-8 byte order mark, or 0.
    static func bodyStart(_ bytes: UnsafeRawBufferPointer) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}
