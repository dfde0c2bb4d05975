import Lexing
import Model

/// A definition found by a language's definition scanner, before its body is scanned.
struct FunctionDefinition {
    var name: String
    var scope: String
    var kind: FunctionFact.Kind
    var nameToken: Int
    /// First and last token of the body (inclusive).
    var bodyFirst: Int
    var bodyLast: Int
}

/// First and last token (inclusive) of a body.
struct BodySpan: Hashable, Sendable {
    var first: Int
    var last: Int
}

/// What `FileFacts.scanFunctionBodies()` needs: the file's code tokens and bytes (a copy, made
/// only for files with functions) and every function's body span.
final class FunctionSource: Sendable {
    let tokens: [Token]
    let bytes: [UInt8]
    let language: Language
    let spans: [BodySpan]

    init(tokens: [Token], bytes: [UInt8], language: Language, spans: [BodySpan]) {
        self.tokens = tokens
        self.bytes = bytes
        self.language = language
        self.spans = spans
    }

    /// The own body facts of every function, in one pass.
    func bodies() -> [FunctionBody] {
        bytes.withUnsafeBytes { raw in
            var scanner = FunctionBodyScanner(stream: TokenStream(codeTokens: tokens, bytes: raw), language: language,
                                              spans: spans)
            return scanner.scan()
        }
    }
}

/// Finds function definitions; their bodies are scanned on demand (`FileFacts.scanFunctionBodies()`).
enum FunctionExtractor {
    static func extract(_ stream: TokenStream, facts: FileFacts) -> [FunctionFact] {
        var definitions: [FunctionDefinition]
        switch facts.language {
        case .python: definitions = PythonDefinitions(stream).scan()
        case .typescript:
            var scanner = TypeScriptDefinitions(stream)
            definitions = scanner.scan()
        }
        guard !definitions.isEmpty else { return [] }
        let ordered: (FunctionDefinition, FunctionDefinition) -> Bool = {
            $0.bodyFirst != $1.bodyFirst ? $0.bodyFirst < $1.bodyFirst : $0.bodyLast > $1.bodyLast
        }
        // Scanners find definitions in source order; sort only in the rare other case.
        if definitions.indices.dropFirst().contains(where: { ordered(definitions[$0], definitions[$0 - 1]) }) {
            definitions.sort(by: ordered)
        }
        // Parents by nesting of body spans; a body that overruns its parent's is cut at its end.
        var spans: [BodySpan] = []
        var parents: [Int?] = []
        spans.reserveCapacity(definitions.count)
        parents.reserveCapacity(definitions.count)
        var open: [Int] = []
        for (index, definition) in definitions.enumerated() {
            while let top = open.last, spans[top].last < definition.bodyFirst { open.removeLast() }
            var span = BodySpan(first: definition.bodyFirst, last: definition.bodyLast)
            if let top = open.last { span.last = min(span.last, spans[top].last) }
            spans.append(span)
            parents.append(open.last)
            open.append(index)
        }
        let source = FunctionSource(tokens: stream.tokens, bytes: Array(stream.bytes), language: facts.language, spans: spans)
        return definitions.enumerated().map { index, definition in
            FunctionFact(name: definition.name, scope: definition.scope, kind: definition.kind,
                         nameRange: stream.tokens[definition.nameToken].range,
                         bodyRange: stream.range(definition.bodyFirst, definition.bodyLast), parent: parents[index],
                         source: source, index: index)
        }
    }
}
