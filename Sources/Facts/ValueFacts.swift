import Lexing
import Model

/// String literals, assignments and settings reads of a file. (Being written: see the
/// hard-coded secret work.)
public struct ValueFacts: Hashable, Sendable {
    public init() {}
}

/// Extracts value facts. (Being written.)
enum ValueExtractor {
    static func extract(_ stream: TokenStream, facts: FileFacts) -> ValueFacts { ValueFacts() }
}
