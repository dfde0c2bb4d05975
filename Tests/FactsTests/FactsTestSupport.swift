import Lexing
import Model
@testable import Facts

/// Extracts facts from a snippet, and renders them compactly for exact assertions.
enum Extract {
    static func facts(_ code: String, _ language: Language, jsx: Bool = true) -> FileFacts {
        var code = code
        return code.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            let tokens = Lexer.tokenize(bytes, language: language, jsx: jsx).tokens
            return FactExtractor.extract(tokens: tokens, bytes: bytes, language: language)
        }
    }

    /// `module` or `module{a,b}` per import, in order.
    static func imports(_ code: String, _ language: Language) -> [String] {
        facts(code, language).imports.map { fact in
            fact.members.isEmpty ? fact.module : "\(fact.module){\(fact.members.joined(separator: ","))}"
        }
    }

    static func calls(_ code: String, _ language: Language) -> [String] {
        Array(facts(code, language).resolvedCalls).map { ($0.isConstruction ? "new " : "") + ($0.qualifiedName ?? "") }
    }

    /// The source text of each call's range.
    static func callTexts(_ code: String, _ language: Language) -> [String] {
        let utf8 = Array(code.utf8)
        return Array(facts(code, language).resolvedCalls).map { String(decoding: utf8[$0.range.start..<$0.range.end], as: UTF8.self) }
    }

    static func importTexts(_ code: String, _ language: Language) -> [String] {
        let utf8 = Array(code.utf8)
        return facts(code, language).imports.map { String(decoding: utf8[$0.range.start..<$0.range.end], as: UTF8.self) }
    }
}
