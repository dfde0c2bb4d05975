/// Reading a single node as a given type, with errors that name its key path.
///
/// `JSONObjectReader` uses these for its members; loaders use them directly for array elements
/// that are not objects.
extension JSONNode {
    /// An error about this node.
    public func schemaError(_ message: String, at path: String) -> JSONSchemaError {
        JSONSchemaError(path: path, position: position, message: message)
    }

    public func string(at path: String) throws(JSONSchemaError) -> String {
        guard case .string(let s) = value else { throw schemaError("expected a string", at: path) }
        return s
    }

    public func bool(at path: String) throws(JSONSchemaError) -> Bool {
        guard case .bool(let b) = value else { throw schemaError("expected true or false", at: path) }
        return b
    }

    /// A number with no fraction that fits in `Int`; `2.0` is accepted, `2.5` is not.
    public func int(at path: String) throws(JSONSchemaError) -> Int {
        guard case .number(let n) = value, let i = exactInteger(n) else { throw schemaError("expected an integer", at: path) }
        return i
    }

    public func double(at path: String) throws(JSONSchemaError) -> Double {
        guard case .number(let n) = value else { throw schemaError("expected a number", at: path) }
        return n
    }

    /// The elements; pair them with `JSONKeyPath.appending(index:to:)` to name their paths.
    public func array(at path: String) throws(JSONSchemaError) -> [JSONNode] {
        guard case .array(let elements) = value else { throw schemaError("expected an array", at: path) }
        return elements
    }

    /// An array of strings; a wrong element is reported at its own path (`a.b[2]`).
    public func stringArray(at path: String) throws(JSONSchemaError) -> [String] {
        let message = "expected an array of strings"
        guard case .array(let elements) = value else { throw schemaError(message, at: path) }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() {
            guard case .string(let s) = element.value else {
                throw element.schemaError(message, at: JSONKeyPath.appending(index: i, to: path))
            }
            strings.append(s)
        }
        return strings
    }

    /// A reader over this node, which must be an object.
    public func object(at path: String) throws(JSONSchemaError) -> JSONObjectReader {
        try JSONObjectReader(self, path: path)
    }

    /// The value of `allowed` whose raw value this string is. The message lists the allowed values
    /// in order, and suggests the nearest one when the string looks like a misspelling.
    public func enumValue<E: RawRepresentable>(at path: String, allowed: [E]) throws(JSONSchemaError) -> E
    where E.RawValue == String {
        if case .string(let s) = value, let match = allowed.first(where: { $0.rawValue == s }) { return match }
        let names = allowed.map(\.rawValue)
        var message = "expected one of " + names.map(quoted).joined(separator: ", ")
        if case .string(let s) = value { message += Suggestion.hint(for: s, among: names) }
        throw schemaError(message, at: path)
    }
}
