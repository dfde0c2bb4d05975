/// A parsed JSON value. Arrays and objects hold nodes, so every nested value keeps its position.
///
/// Objects are member lists in source order, not dictionaries: order is part of what a person
/// wrote, and the serializer writes members back in the same order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])

    /// The same value with every nested position set to `TextPosition.start`.
    ///
    /// `==` compares positions too; compare `erasingPositions()` of both sides to ask whether two
    /// documents have the same content however they were laid out.
    public func erasingPositions() -> JSONValue {
        switch self {
        case .null, .bool, .number, .string:
            self
        case .array(let elements):
            .array(elements.map { JSONNode($0.value.erasingPositions()) })
        case .object(let members):
            .object(members.map { JSONMember($0.key, $0.value.value.erasingPositions()) })
        }
    }
}

/// A value together with the position of its first character.
public struct JSONNode: Sendable, Equatable {
    public var value: JSONValue
    public var position: TextPosition

    public init(value: JSONValue, position: TextPosition) {
        self.value = value
        self.position = position
    }

    /// A node built in code rather than parsed, placed at `TextPosition.start`.
    public init(_ value: JSONValue) {
        self.init(value: value, position: .start)
    }
}

/// One `"key": value` member of an object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    /// Position of the key's opening quote.
    public var keyPosition: TextPosition
    public var value: JSONNode

    public init(key: String, keyPosition: TextPosition, value: JSONNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }

    /// A member built in code rather than parsed, placed at `TextPosition.start`.
    public init(_ key: String, _ value: JSONValue) {
        self.init(key: key, keyPosition: .start, value: JSONNode(value))
    }
}
