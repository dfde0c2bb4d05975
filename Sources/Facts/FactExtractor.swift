import Lexing
import Model

/// Turns a file's tokens into `FileFacts`. Pure function of tokens and bytes.
public enum FactExtractor {
    public static func extract(tokens: [Token], bytes: UnsafeRawBufferPointer, language: Language) -> FileFacts {
        let stream = TokenStream(tokens, bytes: bytes)
        switch language {
        case .python:
            var extractor = PythonFacts(stream)
            return extractor.extract()
        case .typescript:
            var extractor = TypeScriptFacts(stream)
            return extractor.extract()
        }
    }
}
