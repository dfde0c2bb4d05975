import Facts
import JSONC
import Model

/// The `match` fields of a rule of this kind, and how it is evaluated. (Being written.)
public struct ManualDecodeMatch: Sendable, Equatable {
    /// Reads the rule's `match` object (the caller calls `finish()` on it afterwards).
    init(_ reader: JSONObjectReader) throws(JSONSchemaError) {
        for key in reader.keys { _ = reader.node(key) }
    }

    func evaluate(_ facts: FileFacts, rule: Rule) -> [RuleHit] { [] }
}
