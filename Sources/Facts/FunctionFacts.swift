import Lexing
import Model

/// A function or method definition. (Being written: see the duplicate-implementation work.)
public struct FunctionFact: Hashable, Sendable {
    public init() {}
}

/// Extracts function definitions. (Being written.)
enum FunctionExtractor {
    static func extract(_ stream: TokenStream, facts: FileFacts) -> [FunctionFact] { [] }
}
