import Lexing
import Model

/// Turns a file's tokens into `FileFacts`. Pure function of tokens and bytes.
public enum FactExtractor {
    public static func extract(tokens: [Token], bytes: UnsafeRawBufferPointer, language: Language) -> FileFacts {
        let stream = TokenStream(tokens, bytes: bytes)
        var facts: FileFacts
        switch language {
        case .python:
            var extractor = PythonFacts(stream)
            facts = extractor.extract()
        case .typescript:
            var extractor = TypeScriptFacts(stream)
            facts = extractor.extract()
        }
        facts.functions = FunctionExtractor.extract(stream, facts: facts)
        var resolver = CallResolver(stream: stream, bindings: facts.bindings, language: language, functions: facts.functions)
        facts.calls = resolver.resolve()
        facts.valueBindings = resolver.valueBindings
        facts.values = ValueExtractor.extract(stream, facts: facts)
        let control = ControlBlocks.extract(stream, language: language)
        facts.blocks = ControlBlocks.finish(control.blocks, calls: facts.calls)
        facts.returns = control.returns
        facts.urlParameters = URLParameters.extract(stream, language: language)
        for token in tokens where token.kind == .comment { facts.comments.append(token.range) }
        return facts
    }
}
