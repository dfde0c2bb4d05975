/// Reads one JSON object against a schema, so loaders read like declarations:
///
/// ```swift
/// let rule = try JSONObjectReader(node, path: "rules[3]")
/// let id = try rule.string("id")
/// let severity = try rule.optionalEnumValue("severity", Severity.self) ?? .error
/// let match = try rule.object("match")
/// let modules = try match.stringArray("modules")
/// try match.finish()
/// try rule.finish()
/// ```
///
/// Every accessor records the key it was asked for, present or not; `finish()` then rejects the
/// first member nobody asked for, suggesting the nearest asked-for key. Each reader checks only
/// its own object: call `finish()` on nested readers too.
///
/// A reader is a class because reading is what changes it (the record of keys asked for), and it
/// is deliberately not `Sendable`: it lives inside one loader call.
public final class JSONObjectReader {
    /// Key path of this object: `""` for the document root.
    public let path: String
    /// Position of the object's `{`.
    public let position: TextPosition
    /// The members in source order.
    public let members: [JSONMember]
    /// Member index by key; the first wins if a value built in code repeats a key.
    private let indexByKey: [String: Int]
    /// Keys asked for, in the order first asked: the schema, as far as `finish()` knows it.
    private var requested: [String] = []
    private var requestedSet: Set<String> = []

    /// A reader over `node`, which must be an object; `path` names it in errors.
    public init(_ node: JSONNode, path: String = "") throws(JSONSchemaError) {
        guard case .object(let members) = node.value else { throw node.schemaError("expected an object", at: path) }
        self.path = path
        self.position = node.position
        self.members = members
        var index: [String: Int] = [:]
        for (i, member) in members.enumerated() where index[member.key] == nil { index[member.key] = i }
        indexByKey = index
    }

    /// The keys present, in source order.
    public var keys: [String] { members.map(\.key) }

    /// Whether `key` is present. Does not count as reading it.
    public func contains(_ key: String) -> Bool { indexByKey[key] != nil }

    /// The value of `key`, if present, read as it is; records the key as known.
    public func node(_ key: String) -> JSONNode? {
        if requestedSet.insert(key).inserted { requested.append(key) }
        return indexByKey[key].map { members[$0].value }
    }

    /// The key path of member `key`: `path.key` or `path["key"]`.
    public func path(of key: String) -> String { JSONKeyPath.appending(key: key, to: path) }

    /// An error for a loader's own check: at the value of `key` if given and present, otherwise at
    /// this object.
    public func error(_ message: String, key: String? = nil) -> JSONSchemaError {
        if let key, let i = indexByKey[key] { return members[i].value.schemaError(message, at: path(of: key)) }
        return JSONSchemaError(path: path, position: position, message: message)
    }

    /// Rejects the first member (in source order) whose key no accessor asked for.
    public func finish() throws(JSONSchemaError) {
        guard let unknown = members.first(where: { !requestedSet.contains($0.key) }) else { return }
        var message = "unknown key \(quoted(unknown.key))"
        if let suggestion = Suggestion.nearest(to: unknown.key, among: requested) {
            message += "; did you mean \(quoted(suggestion))?"
        } else if !requested.isEmpty {
            message += "; known keys are " + requested.map(quoted).joined(separator: ", ")
        }
        throw JSONSchemaError(path: path, position: unknown.keyPosition, message: message)
    }

    // MARK: - Reading members

    /// Reads `key` with `read` if present; `null` is a value like any other, not an absence.
    func optional<T>(
        _ key: String, _ read: (JSONNode, String) throws(JSONSchemaError) -> T
    ) throws(JSONSchemaError) -> T? {
        guard let node = node(key) else { return nil }
        return try read(node, path(of: key))
    }

    /// Reads `key` with `read`; a missing key is an error at this object.
    func required<T>(
        _ key: String, _ read: (JSONNode, String) throws(JSONSchemaError) -> T
    ) throws(JSONSchemaError) -> T {
        guard let value = try optional(key, read) else {
            // A misspelling of the missing key is the likelier mistake: say so, at it.
            if let typo = members.first(where: { !requestedSet.contains($0.key) && Suggestion.nearest(to: $0.key, among: [key]) != nil }) {
                throw JSONSchemaError(path: path, position: typo.keyPosition,
                                      message: "unknown key \(quoted(typo.key)); did you mean \(quoted(key))? (it is required)")
            }
            throw JSONSchemaError(path: path, position: position, message: "missing required key \(quoted(key))")
        }
        return value
    }
}

@available(*, unavailable, message: "a reader records the keys read; keep it within one task")
extension JSONObjectReader: Sendable {}
