/// Dotted scope paths (`TokenService.verify`, `api.handlers.verifyToken`), kept to the innermost
/// `limit` names behind a `…` when deeper: a name holding every enclosing name makes each name as
/// long as its nesting, and a file of deeply nested functions quadratic.
enum ScopePath {
    static let limit = 4
    static let elided = "…"

    /// `path` with `name` appended (nil or empty names add nothing).
    static func appending(_ name: String?, to path: String) -> String {
        guard let name, !name.isEmpty else { return path }
        guard !path.isEmpty else { return name }
        var components = path.split(separator: ".", omittingEmptySubsequences: false)
        if components.first == Substring(elided) { components.removeFirst() }
        components.append(Substring(name))
        guard components.count > limit else { return path + "." + name }
        return ([Substring(elided)] + components.suffix(limit)).joined(separator: ".")
    }
}
