/// Lexical POSIX path arithmetic: no file system access, no symlink resolution.
public enum PathNames {
    /// `path` with empty and `.` segments removed and `..` folded into its parent where there is
    /// one. An absolute path stays absolute (`/..` is `/`); a relative one keeps leading `..`s;
    /// the empty result of a relative path is `.`.
    public static func normalize(_ path: String) -> String {
        let absolute = path.utf8.first == UInt8(ascii: "/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !absolute {
                    parts.append(part)
                }
            default:
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` made absolute against `base` (itself absolute), then normalised.
    public static func absolute(_ path: String, base: String) -> String {
        normalize(path.utf8.first == UInt8(ascii: "/") ? path : base + "/" + path)
    }

    /// `path` relative to `base` (both absolute and normalised): `""` when they are equal, nil
    /// when `path` is not inside `base`.
    public static func relative(_ path: String, to base: String) -> String? {
        if path == base { return "" }
        if base == "/" { return String(path.dropFirst()) }
        guard path.utf8.starts(with: base.utf8),
              path.utf8.dropFirst(base.utf8.count).first == UInt8(ascii: "/")
        else { return nil }
        return String(decoding: path.utf8.dropFirst(base.utf8.count + 1), as: UTF8.self)
    }

    /// Whether `path` is `base` or inside it (both absolute and normalised).
    static func isInside(_ path: String, _ base: String) -> Bool {
        relative(path, to: base) != nil
    }

    /// `directory/name`, where an empty directory means the root and `/` is not doubled.
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.utf8.last == UInt8(ascii: "/") ? directory + name : directory + "/" + name
    }

    /// The last segment of a normalised path.
    static func lastSegment(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }
}
