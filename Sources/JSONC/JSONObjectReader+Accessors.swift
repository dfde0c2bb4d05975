/// Typed accessors: a required form that reports a missing key, and an `optional` form that
/// returns nil for one. A present value of the wrong type is an error either way.
extension JSONObjectReader {
    // MARK: - Scalars

    public func string(_ key: String) throws(JSONSchemaError) -> String {
        try required(key) { node, path throws(JSONSchemaError) in try node.string(at: path) }
    }

    public func optionalString(_ key: String) throws(JSONSchemaError) -> String? {
        try optional(key) { node, path throws(JSONSchemaError) in try node.string(at: path) }
    }

    public func bool(_ key: String) throws(JSONSchemaError) -> Bool {
        try required(key) { node, path throws(JSONSchemaError) in try node.bool(at: path) }
    }

    public func optionalBool(_ key: String) throws(JSONSchemaError) -> Bool? {
        try optional(key) { node, path throws(JSONSchemaError) in try node.bool(at: path) }
    }

    /// An integral number that fits in `Int`.
    public func int(_ key: String) throws(JSONSchemaError) -> Int {
        try required(key) { node, path throws(JSONSchemaError) in try node.int(at: path) }
    }

    public func optionalInt(_ key: String) throws(JSONSchemaError) -> Int? {
        try optional(key) { node, path throws(JSONSchemaError) in try node.int(at: path) }
    }

    public func double(_ key: String) throws(JSONSchemaError) -> Double {
        try required(key) { node, path throws(JSONSchemaError) in try node.double(at: path) }
    }

    public func optionalDouble(_ key: String) throws(JSONSchemaError) -> Double? {
        try optional(key) { node, path throws(JSONSchemaError) in try node.double(at: path) }
    }

    // MARK: - Enumerations

    /// A string that is the raw value of one of `E.allCases`; the message lists them in order.
    public func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(JSONSchemaError) -> E
    where E.RawValue == String {
        try enumValue(key, type, allowed: Array(E.allCases))
    }

    public func optionalEnumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(JSONSchemaError) -> E?
    where E.RawValue == String {
        try optionalEnumValue(key, type, allowed: Array(E.allCases))
    }

    /// A string that is the raw value of one of `allowed`; the message lists them in order.
    public func enumValue<E: RawRepresentable>(_ key: String, _ type: E.Type, allowed: [E]) throws(JSONSchemaError) -> E
    where E.RawValue == String {
        try required(key) { node, path throws(JSONSchemaError) in try node.enumValue(at: path, allowed: allowed) }
    }

    public func optionalEnumValue<E: RawRepresentable>(_ key: String, _ type: E.Type, allowed: [E]) throws(JSONSchemaError) -> E?
    where E.RawValue == String {
        try optional(key) { node, path throws(JSONSchemaError) in try node.enumValue(at: path, allowed: allowed) }
    }

    // MARK: - Arrays and objects

    /// An array of strings; a wrong element is reported at its own path (`key[2]`).
    public func stringArray(_ key: String) throws(JSONSchemaError) -> [String] {
        try required(key) { node, path throws(JSONSchemaError) in try node.stringArray(at: path) }
    }

    public func optionalStringArray(_ key: String) throws(JSONSchemaError) -> [String]? {
        try optional(key) { node, path throws(JSONSchemaError) in try node.stringArray(at: path) }
    }

    /// The elements of an array; `path(of: key, index:)` names each one in errors.
    public func array(_ key: String) throws(JSONSchemaError) -> [JSONNode] {
        try required(key) { node, path throws(JSONSchemaError) in try node.array(at: path) }
    }

    public func optionalArray(_ key: String) throws(JSONSchemaError) -> [JSONNode]? {
        try optional(key) { node, path throws(JSONSchemaError) in try node.array(at: path) }
    }

    /// The key path of element `index` of the array at `key`: `path.key[index]`.
    public func path(of key: String, index: Int) -> String {
        JSONKeyPath.appending(index: index, to: path(of: key))
    }

    public func object(_ key: String) throws(JSONSchemaError) -> JSONObjectReader {
        try required(key) { node, path throws(JSONSchemaError) in try JSONObjectReader(node, path: path) }
    }

    public func optionalObject(_ key: String) throws(JSONSchemaError) -> JSONObjectReader? {
        try optional(key) { node, path throws(JSONSchemaError) in try JSONObjectReader(node, path: path) }
    }

    /// An array of objects, each read at its own path (`rules[0]`, `rules[1]`, ...).
    public func objects(_ key: String) throws(JSONSchemaError) -> [JSONObjectReader] {
        try required(key, Self.readObjects)
    }

    public func optionalObjects(_ key: String) throws(JSONSchemaError) -> [JSONObjectReader]? {
        try optional(key, Self.readObjects)
    }

    private static func readObjects(_ node: JSONNode, _ path: String) throws(JSONSchemaError) -> [JSONObjectReader] {
        var readers: [JSONObjectReader] = []
        for (i, element) in try node.array(at: path).enumerated() {
            readers.append(try JSONObjectReader(element, path: JSONKeyPath.appending(index: i, to: path)))
        }
        return readers
    }
}
