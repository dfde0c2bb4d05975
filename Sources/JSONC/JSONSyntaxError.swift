/// Why a document is not valid JSONC, and the position of the offending character.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: TextPosition
    /// A lowercase sentence fragment, such as `unterminated string`.
    public var message: String

    public init(position: TextPosition, message: String) {
        self.position = position
        self.message = message
    }

    /// `line:column: message`.
    public var description: String { "\(position): \(message)" }

    /// `file:line:column: message`, the form of a diagnostic on stderr.
    public func description(file: String) -> String { "\(file):\(description)" }
}
