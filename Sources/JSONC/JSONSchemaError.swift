/// A document that is valid JSONC but not what the reader expected, with the key path and
/// position of the offending value (or of the enclosing object, for a missing key).
public struct JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the document: `rules[3].match.modules`; `""` is the document root.
    public var path: String
    public var position: TextPosition
    /// A lowercase sentence fragment, such as `expected an array of strings`.
    public var message: String

    public init(path: String, position: TextPosition, message: String) {
        self.path = path
        self.position = position
        self.message = message
    }

    /// `at "rules[3].id"`, or `at the top level` for the root.
    public var pathDescription: String { path.isEmpty ? "at the top level" : "at \"\(path)\"" }

    /// `line:column: at "path": message`.
    public var description: String { "\(position): \(pathDescription): \(message)" }

    /// `file:line:column: at "path": message`, the form of a diagnostic on stderr.
    public func description(file: String) -> String { "\(file):\(description)" }
}
