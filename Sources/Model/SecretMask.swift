/// How a secret is shown anywhere ssotguard writes: at most its first 2 characters, then `…`,
/// then its length, e.g. `de…(41 chars)`. Short secrets show fewer characters so that at least
/// half of the value stays hidden.
public enum SecretMask {
    public static func mask(_ secret: String) -> String {
        let scalars = Array(secret.unicodeScalars)
        var shown = min(2, scalars.count / 2)
        // Only printable characters are shown (a bytes key's first bytes may be no text at all).
        if scalars.prefix(shown).contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0.value == 0xFFFD || TerminalText.escaped($0) != nil }) {
            shown = 0
        }
        var prefix = ""
        prefix.unicodeScalars.append(contentsOf: scalars[0..<shown])
        return "\(prefix)…(\(scalars.count) chars)"
    }
}
