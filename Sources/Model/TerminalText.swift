/// Text from scanned code or file names made safe to print on a terminal or in a CI log.
///
/// A file name can hold an escape sequence (recolouring the terminal, moving the cursor) or a line
/// break (faking a finding line). Control characters, `\`, DEL, C1 controls, line and paragraph
/// separators and bidirectional overrides are written as escapes, the way `git` quotes odd names
/// (`\t`, `\n`, `\033`, `\\`); everything else is kept as it is.
public enum TerminalText {
    /// `text` with every unsafe scalar escaped.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = ""
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return out
    }

    /// A path as `git` shows an odd name: unchanged when it is plain, else in double quotes with
    /// escapes (and `"` escaped).
    public static func path(_ path: String) -> String {
        guard needsEscaping(path) || path.utf8.contains(UInt8(ascii: "\"")) else { return path }
        var out = "\""
        for scalar in path.unicodeScalars {
            if scalar == "\"" { out += "\\\"" } else { append(scalar, to: &out) }
        }
        return out + "\""
    }

    /// The escaped form of one scalar, or nil when it is printed as it is.
    public static func escaped(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x5C: return "\\\\"
        case 0x07: return "\\a"
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0B: return "\\v"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        case 0x00..<0x20, 0x7F:
            return "\\" + octal(scalar.value)
        case 0x80..<0xA0, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
            return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default:
            return nil
        }
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        if let escaped = escaped(scalar) { out += escaped } else { out.unicodeScalars.append(scalar) }
    }

    /// Three octal digits, as git writes control bytes (`\033` for ESC).
    private static func octal(_ value: UInt32) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// Whether any scalar needs an escape: a byte scan, since nearly all text is plain.
    public static func needsEscaping(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x5C || byte == 0x7F { return true }
            if byte >= 0xC2 { return text.unicodeScalars.contains { escaped($0) != nil } }
        }
        return false
    }
}
