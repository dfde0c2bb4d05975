import JSONC

/// What counts as a secret value, and name helpers for the secret rules. Byte-level checks on the
/// few literals the facts recorded.
enum SecretValues {
    /// Lowercase ASCII with `_` and `-` removed: `JWT_SECRET_KEY` and `jwtSecretKey` → `jwtsecretkey`.
    static func normalised(_ name: String) -> String {
        String(decoding: NamePattern.normalizedName(name), as: UTF8.self)
    }

    /// Whether `value` may be a real secret. Not secrets: blank or under 4 characters; the
    /// (normalised) name it is assigned to or read as; environment-variable names
    /// (`JWT_SECRET`); setting paths (`auth.jwt.secret`, `jwt:secret`); templates (`${X}`,
    /// `{{x}}`, `%(x)s`, `{x}`, `$X`); placeholders (`<your-secret>`); redactions (`****`, `xxxx`);
    /// interface text (`Secret key`); URLs; documentation examples (`...EXAMPLEKEY`); public keys
    /// and certificates;
    /// `true`/`false`/`none`/`null`/`undefined`. Known weak values (`changeme`, `secret`,
    /// `super-secret-key`) are secrets.
    static func isSecret(_ value: String, names: [String]) -> Bool {
        let bytes = Array(value.utf8)
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let text = bytes[start..<end]
        guard value.unicodeScalars.count >= 4, text.count >= 4 else { return false }
        let normalisedValue = normalised(String(decoding: text, as: UTF8.self))
        if names.contains(where: { normalised($0) == normalisedValue }) { return false }
        if isEnvVarName(text) || isSettingPath(text) || isTemplate(text) { return false }
        if text.first == UInt8(ascii: "<"), text.last == UInt8(ascii: ">") { return false }
        if text.allSatisfy({ isMaskByte($0) }) || isInterfaceText(text) { return false }
        if contains(text, "://") || contains(text, "EXAMPLE") || isPublicKey(text) { return false }
        return !["true", "false", "none", "null", "undefined", "nil"].contains(normalisedValue)
    }

    /// Whether a literal at a JWT sink's key is a hard-coded secret: any value but an empty one, a
    /// reference to a setting (`${JWT_SECRET}`, `{{ key }}`, `%(key)s`, `$KEY`) or public key
    /// material (a public key or certificate PEM block, an `ssh-rsa` line: what `jwt.decode`
    /// verifies RS256 with is no secret). What the value looks like does not matter otherwise:
    /// `"secret"` there signs tokens.
    static func isSinkSecret(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return false }
        return !isTemplate(bytes[start..<end]) && !isPublicKey(bytes[start..<end])
    }

    /// A public key or certificate: PEM `BEGIN PUBLIC KEY`, `BEGIN RSA PUBLIC KEY`, `BEGIN
    /// CERTIFICATE`, or an OpenSSH `ssh-rsa` / `ssh-ed25519` / `ecdsa-sha2-` line.
    static func isPublicKey(_ text: ArraySlice<UInt8>) -> Bool {
        contains(text, "BEGIN PUBLIC KEY") || contains(text, "BEGIN CERTIFICATE") || contains(text, "BEGIN RSA PUBLIC KEY")
            || text.starts(with: "ssh-rsa ".utf8) || text.starts(with: "ssh-ed25519 ".utf8) || text.starts(with: "ecdsa-sha2-".utf8)
    }

    /// Whether the value where a JWT secret is declared (a setting's default, a settings field,
    /// what a secret-providing function returns) is a secret: anything but a placeholder, a
    /// redaction, a reference (template, environment variable name, setting path, URL), a
    /// public key, the setting's own name, or under 4 characters. Unlike `isSecret`, setting-like
    /// and sentence-like values count (`dev_only_jwt_signing_key_change_me`).
    static func isDeclaredSecret(_ value: String, names: [String]) -> Bool {
        let bytes = Array(value.utf8)
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        let text = bytes[start..<end]
        guard value.unicodeScalars.count >= 4, text.count >= 4 else { return false }
        let normalisedValue = normalised(String(decoding: text, as: UTF8.self))
        if names.contains(where: { normalised($0) == normalisedValue }) { return false }
        if isEnvVarName(text) || isSettingPath(text) || isTemplate(text) { return false }
        if text.first == UInt8(ascii: "<"), text.last == UInt8(ascii: ">") { return false }
        if text.allSatisfy({ isMaskByte($0) }) { return false }
        if contains(text, "://") || isPublicKey(text) { return false }
        return !["true", "false", "none", "null", "undefined", "nil"].contains(normalisedValue)
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }

    private static func isUpper(_ b: UInt8) -> Bool { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") }
    private static func isLower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private static func isWordByte(_ b: UInt8) -> Bool {
        isUpper(b) || isLower(b) || isDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
    }

    /// `^[A-Z][A-Z0-9_]*$`.
    static func isEnvVarName(_ text: ArraySlice<UInt8>) -> Bool {
        guard let first = text.first, isUpper(first) else { return false }
        return text.allSatisfy { isUpper($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// `auth.jwt.secret`, `jwt:secret`, `app.config.JWT_KEY`: identifier-like segments joined by
    /// `.` or `:`, at least two.
    static func isSettingPath(_ text: ArraySlice<UInt8>) -> Bool {
        guard let first = text.first, isUpper(first) || isLower(first) || first == UInt8(ascii: "_") else { return false }
        var separators = 0
        var previousWasSeparator = false
        for b in text {
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ":") {
                if previousWasSeparator { return false }
                separators += 1
                previousWasSeparator = true
            } else if isWordByte(b) {
                previousWasSeparator = false
            } else {
                return false
            }
        }
        return separators > 0 && !previousWasSeparator
    }

    /// `${X}`, `{{x}}`, `%(x)s`, `%s`, `{name}`, `$NAME` (the whole value).
    static func isTemplate(_ text: ArraySlice<UInt8>) -> Bool {
        if contains(text, "${") || contains(text, "{{") || contains(text, "%(") || contains(text, "%s") { return true }
        if text.first == UInt8(ascii: "$"), isEnvVarName(text.dropFirst()) { return true }
        // `{identifier}` anywhere: a format placeholder.
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == UInt8(ascii: "{") {
                var j = i + 1
                while j < text.endIndex, isWordByte(text[j]) || text[j] == UInt8(ascii: ".") { j += 1 }
                if j > i + 1, j < text.endIndex, text[j] == UInt8(ascii: "}") { return true }
            }
            i += 1
        }
        return false
    }

    /// A label or message of a user interface (`Secret key`, `Clé secrète`, `Signing key:`): a
    /// capitalised phrase of words, as in translation catalogs. Lowercase phrases (`hard to
    /// guess string`) stay secrets.
    static func isInterfaceText(_ text: ArraySlice<UInt8>) -> Bool {
        guard let first = text.first, isUpper(first) || first >= 0x80, text.contains(UInt8(ascii: " ")) else { return false }
        return text.allSatisfy { b in
            isUpper(b) || isLower(b) || b >= 0x80 || b == UInt8(ascii: " ") || b == UInt8(ascii: ".") || b == UInt8(ascii: ",")
                || b == UInt8(ascii: ":") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") || b == UInt8(ascii: "'")
                || b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "-")
        }
    }

    private static func isMaskByte(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "*") || b == UInt8(ascii: "x") || b == UInt8(ascii: "X") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "#") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || isSpace(b) || b >= 0x80
    }

    private static func contains(_ text: ArraySlice<UInt8>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count <= text.count else { return false }
        let pointer = needle.utf8Start
        var i = text.startIndex
        while i + count <= text.endIndex {
            var k = 0
            while k < count, text[i + k] == pointer[k] { k += 1 }
            if k == count { return true }
            i += 1
        }
        return false
    }

    // MARK: - Names

    /// Whether `value` is itself a multi-word name in snake_case or camelCase (`secret_key`,
    /// `aws_secret_access_key`, `AWSSecretKey`): with a secret-like meaning it names a setting
    /// (a key of a config table, an enum value), it is not one. Single words (`secret`) and
    /// hyphenated phrases (`super-secret-key`) are values.
    static func isCompoundName(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, isUpper(first) || isLower(first), bytes.count <= 64 else { return false }
        var underscore = false, lower = false, upper = false, innerUpper = false
        for (index, b) in bytes.enumerated() {
            if b == UInt8(ascii: "_") {
                underscore = true
            } else if isLower(b) {
                lower = true
            } else if isUpper(b) {
                upper = true
                if index > 0, isLower(bytes[index - 1]) { innerUpper = true }
            } else if !isDigit(b) {
                return false
            }
        }
        return (underscore && !(lower && upper)) || (!underscore && innerUpper)
    }

    /// Whether a dict key or other target name looks like a name (letters, digits, `_ - .`),
    /// not a type path or a phrase (`AWS::Route53::KeySigningKey`, `Signing key`).
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { isWordByte($0) || $0 == UInt8(ascii: ".") }
    }

    /// Last words of a name that make it a reference to a secret, not the secret itself:
    /// `JWT_SECRET_PATH`, `jwtSecretName`, `SECRET_KEY_ID`, `jwt_key_algorithm`.
    static let referenceWords: Set<String> = [
        "path", "paths", "file", "files", "filename", "filepath", "dir", "directory", "url", "urls", "uri", "endpoint",
        "env", "var", "variable", "name", "names", "id", "ids", "kid", "header", "headers", "field", "param", "length",
        "len", "size", "bits", "algorithm", "algorithms", "alg", "type", "prefix", "suffix", "version", "ttl", "expiry",
        "expires", "expiration", "lifetime", "timeout", "location", "arn", "ref", "label", "message", "msg", "error",
        "description", "desc", "help", "text", "hint", "placeholder", "title", "warning", "doc", "pattern", "regex",
        "format", "encoding", "mode", "source", "provider", "issuer", "audience", "count", "min", "max", "enabled",
        "required", "rotation", "interval", "seconds", "minutes", "hours", "days",
    ]

    /// Words that, before a final `key`, make the name a key *of* something (a dictionary key,
    /// a cookie's or header's name), not a signing key: `JWT_AUTH_USERNAME_KEY`,
    /// `JWT_AUTH_PASSWORD_KEY = 'password'` (flask-jwt), `JWT_ERROR_MESSAGE_KEY`,
    /// `authjwt_access_cookie_key`.
    static let keyOfWords: Set<String> = [
        "username", "user", "message", "error", "cookie", "header", "claim", "claims", "field", "identity", "location",
        "query", "param", "json", "payload", "data", "cache", "csrf", "blacklist", "denylist", "blocklist", "lookup",
        "storage", "store", "redis", "column", "attribute", "attr", "dict", "map", "index", "response", "request",
        "password", "email", "login", "role", "roles", "scope", "scopes",
    ]

    /// Whether the last word of `name` (split at `_`, `-`, `.` and lower-to-upper case changes)
    /// is a reference word, or the name is a key *of* something (`..._COOKIE_KEY`).
    static func isReferenceName(_ name: String) -> Bool {
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        for b in name.utf8 {
            guard isUpper(b) || isLower(b) || isDigit(b) else {
                if !current.isEmpty { words.append(current) }
                current = []
                continue
            }
            if isUpper(b), let previous = current.last, isLower(previous) || isDigit(previous) {
                words.append(current)
                current = []
            }
            current.append(b)
        }
        if !current.isEmpty { words.append(current) }
        guard let last = words.last.map({ normalised(String(decoding: $0, as: UTF8.self)) }) else { return false }
        if referenceWords.contains(last) { return true }
        if last == "key", words.count >= 2 {
            return keyOfWords.contains(normalised(String(decoding: words[words.count - 2], as: UTF8.self)))
        }
        return false
    }

    // MARK: - Literal JWTs

    /// `header.payload.signature` (or `Bearer ` + that), base64url, where header and payload decode
    /// to JSON objects, with a signature: an unsigned token (`alg: none`, empty signature) proves
    /// nobody's identity and holds no key, so it is no secret.
    static func isLiteralJWT(_ value: String) -> Bool {
        var text = Substring(value)
        if text.hasPrefix("Bearer ") { text = text.dropFirst(7) }
        guard text.hasPrefix("eyJ") else { return false }
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty,
              parts[2].allSatisfy({ isBase64URL($0) || $0 == UInt8(ascii: "=") }),
              let header = base64URLDecode(parts[0]), isJSONObject(header),
              let payload = base64URLDecode(parts[1]), isJSONObject(payload) else { return false }
        return true
    }

    private static func isBase64URL(_ b: UInt8) -> Bool {
        isUpper(b) || isLower(b) || isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }

    private static func isJSONObject(_ bytes: [UInt8]) -> Bool {
        guard let node = try? JSONC.parse(bytes), case .object = node.value else { return false }
        return true
    }

    /// Decodes unpadded (or padded) base64url; nil on any other byte.
    static func base64URLDecode<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for b in text {
            let v: UInt8
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = b - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = b - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = b - UInt8(ascii: "0") + 52
            case UInt8(ascii: "-"), UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "_"), UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            buffer = (buffer << 6) | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }
}
