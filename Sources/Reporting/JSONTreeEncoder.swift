/// An `Encoder` that turns one `Encodable` value into a small tree (`JSONTree`), which
/// `JSONText` writes out. Reports encode entry by entry with it, so no tree of a whole report is
/// ever built (Foundation's encoder builds one, then a `Data`, then a `String`: three copies of a
/// report that can be hundreds of megabytes).
final class JSONTreeEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    /// The value encoded so far (containers are filled in place).
    private(set) var root: JSONTreeRef?

    /// The tree of `value`.
    static func tree<T: Encodable>(_ value: T) throws -> JSONTree {
        if let leaf = JSONTree.leaf(value) { return leaf }
        let encoder = JSONTreeEncoder()
        try value.encode(to: encoder)
        return encoder.root?.tree ?? .object([])
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let ref: JSONTreeRef
        if let root, case .object = root.kind {
            ref = root
        } else {
            ref = JSONTreeRef(.object)
            root = ref
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(ref: ref, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let ref: JSONTreeRef
        if let root, case .array = root.kind {
            ref = root
        } else {
            ref = JSONTreeRef(.array)
            root = ref
        }
        return UnkeyedContainer(ref: ref, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    fileprivate func setLeaf(_ tree: JSONTree) {
        root = JSONTreeRef(.value(tree))
    }

    // MARK: - Containers

    private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let ref: JSONTreeRef
        var codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { ref.members.append((key.stringValue, JSONTreeRef(.value(.null)))) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            ref.members.append((key.stringValue, JSONTreeRef(.value(try JSONTreeEncoder.tree(value)))))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                            forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONTreeRef(.object)
            ref.members.append((key.stringValue, child))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(ref: child, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let child = JSONTreeRef(.array)
            ref.members.append((key.stringValue, child))
            return UnkeyedContainer(ref: child, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder { JSONTreeEncoder() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { JSONTreeEncoder() }
    }

    private struct UnkeyedContainer: UnkeyedEncodingContainer {
        let ref: JSONTreeRef
        var codingPath: [any CodingKey]
        var count: Int { ref.elements.count }

        mutating func encodeNil() throws { ref.elements.append(JSONTreeRef(.value(.null))) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            ref.elements.append(JSONTreeRef(.value(try JSONTreeEncoder.tree(value))))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = JSONTreeRef(.object)
            ref.elements.append(child)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(ref: child, codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let child = JSONTreeRef(.array)
            ref.elements.append(child)
            return UnkeyedContainer(ref: child, codingPath: codingPath)
        }

        mutating func superEncoder() -> any Encoder { JSONTreeEncoder() }
    }

    private struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: JSONTreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { encoder.setLeaf(.null) }
        mutating func encode(_ value: Bool) throws { encoder.setLeaf(.bool(value)) }
        mutating func encode(_ value: String) throws { encoder.setLeaf(.string(value)) }
        mutating func encode(_ value: Double) throws { encoder.setLeaf(.number(JSONText.format(value))) }
        mutating func encode(_ value: Float) throws { encoder.setLeaf(.number(JSONText.format(Double(value)))) }
        mutating func encode(_ value: Int) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode(_ value: Int8) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode(_ value: Int16) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode(_ value: Int32) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode(_ value: Int64) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode(_ value: UInt) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode(_ value: UInt8) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode(_ value: UInt16) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode(_ value: UInt32) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode(_ value: UInt64) throws { encoder.setLeaf(.number(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { encoder.setLeaf(try JSONTreeEncoder.tree(value)) }
    }
}

/// A JSON value as the encoder collects it: members in encoding order (written sorted).
enum JSONTree {
    case null
    case bool(Bool)
    /// A number, already formatted.
    case number(String)
    case string(String)
    case array([JSONTree])
    case object([JSONTreeMember])

    /// The tree of a value that needs no container: strings, numbers, booleans.
    static func leaf<T: Encodable>(_ value: T) -> JSONTree? {
        switch value {
        case let value as String: return .string(value)
        case let value as Int: return .number(String(value))
        case let value as Bool: return .bool(value)
        case let value as Double: return .number(JSONText.format(value))
        default: return nil
        }
    }
}

/// A container being filled by the encoder.
final class JSONTreeRef {
    enum Kind {
        case object
        case array
        case value(JSONTree)
    }

    var kind: Kind
    var members: [(String, JSONTreeRef)] = []
    var elements: [JSONTreeRef] = []

    init(_ kind: Kind) { self.kind = kind }

    var tree: JSONTree {
        switch kind {
        case .object: return .object(members.map { JSONTreeMember(key: $0.0, value: $0.1.tree) })
        case .array: return .array(elements.map(\.tree))
        case .value(let tree): return tree
        }
    }
}

/// One member of an object.
struct JSONTreeMember {
    var key: String
    var value: JSONTree
}
