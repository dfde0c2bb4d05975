/// How a secret is shown anywhere ssotguard writes: at most its first 2 characters, then `…`,
/// then its length, e.g. `de…(41 chars)`. Short secrets show fewer characters so that at least
/// half of the value stays hidden.
public enum SecretMask {
    public static func mask(_ secret: String) -> String {
        let scalars = Array(secret.unicodeScalars)
        let shown = min(2, scalars.count / 2)
        var prefix = ""
        prefix.unicodeScalars.append(contentsOf: scalars[0..<shown])
        return "\(prefix)…(\(scalars.count) chars)"
    }
}
