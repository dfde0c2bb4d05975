/// JSON with comments: the format of ssotguard's rule, config, plan and baseline files.
///
/// The grammar is RFC 8259 JSON plus `//` and `/* */` comments and trailing commas in arrays and
/// objects; nothing else (no single quotes, no unquoted keys, no `NaN`). Unlike `JSONDecoder`, the
/// parser keeps the position of every value, rejects duplicate keys, and says where a document is
/// wrong. `JSONObjectReader` then reads the tree against a schema, naming key paths in its errors.
public enum JSONC {
    /// How many arrays and objects may be open at once; one more is an error, not a stack overflow.
    public static let maximumDepth = 512

    /// Parses a whole document from UTF-8 bytes. A leading byte order mark is skipped.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var parser = JSONParser(bytes)
        return try parser.parseDocument()
    }

    /// Parses a whole document from text.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        try parse(Array(text.utf8))
    }
}
