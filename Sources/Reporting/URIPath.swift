/// Paths as URI references (RFC 3986), for SARIF `artifactLocation.uri`.
enum URIPath {
    /// A relative POSIX path as a URI path: unreserved characters, sub-delimiters, `@` and `/`
    /// stay; every other byte of its UTF-8 (space, `%`, `#`, `?`, `[`, non-ASCII, ...) is
    /// percent-encoded with uppercase hex. `:` is encoded too, so a first segment like `c:` can
    /// never be read as a scheme. A leading `./` is dropped.
    static func encode(_ path: String) -> String {
        var bytes = Substring(path)
        while bytes.hasPrefix("./") { bytes = bytes.dropFirst(2) }
        var out = ""
        out.reserveCapacity(bytes.utf8.count)
        for byte in bytes.utf8 {
            if isAllowed(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hex(byte >> 4) + hex(byte & 0x0F)
            }
        }
        return out
    }

    /// The `file:` URI of an absolute directory, ending in `/` (what `%SRCROOT%` stands for).
    static func fileURI(directory: String) -> String {
        var uri = "file://" + encode(directory)
        if !uri.hasSuffix("/") { uri += "/" }
        return uri
    }

    /// The `file:` URI of an absolute file path.
    static func fileURI(file: String) -> String {
        "file://" + encode(file)
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            // unreserved "-._~", sub-delims "!$&'()*+,;=", "@", and the separator "/".
            return "-._~!$&'()*+,;=@/".utf8.contains(byte)
        }
    }

    private static func hex(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? 48 + nibble : 55 + nibble))
    }
}
