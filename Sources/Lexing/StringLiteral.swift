import Model

/// The value of a string literal token, for facts that need it (module names in imports,
/// `require('m')`, later secrets).
public enum StringLiteral {
    /// The decoded value of a `.string` token, or nil when it has none that can be known
    /// statically (e.g. a Python f-string or byte string is still returned when it has no
    /// replacement fields; a template literal with substitutions is not a `.string`).
    public static func value(of token: Token, in bytes: UnsafeRawBufferPointer, language: Language) -> String? {
        guard token.kind == .string else { return nil }
        switch language {
        case .python: return PythonLexer.stringValue(of: token, in: bytes)
        case .typescript: return TypeScriptLexer.stringValue(of: token, in: bytes)
        }
    }
}
