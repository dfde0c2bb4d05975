import Lexing
import Model
@testable import Facts

/// Renders function facts of a snippet compactly for exact assertions.
enum Functions {
    static func facts(_ code: String, _ language: Language) -> [FunctionFact] {
        Extract.facts(code, language).functions
    }

    /// `qualifiedName` per function, in order.
    static func names(_ code: String, _ language: Language) -> [String] {
        facts(code, language).map(\.qualifiedName)
    }

    /// `qualifiedName kind` per function.
    static func kinds(_ code: String, _ language: Language) -> [String] {
        facts(code, language).map { "\($0.qualifiedName) \($0.kind.rawValue)" }
    }

    /// `name: body source text` per function.
    static func bodies(_ code: String, _ language: Language) -> [String] {
        let utf8 = Array(code.utf8)
        return facts(code, language).map {
            "\($0.name): " + String(decoding: utf8[$0.bodyRange.start..<$0.bodyRange.end], as: UTF8.self)
        }
    }

    /// The text under `range`.
    static func text(_ code: String, _ range: ByteRange) -> String {
        String(decoding: Array(code.utf8)[range.start..<range.end], as: UTF8.self)
    }

    /// The body facts of the function named `name` (the first one), nested functions included.
    static func body(_ code: String, _ language: Language, of name: String) -> FunctionBody {
        let facts = Extract.facts(code, language)
        guard let index = facts.functions.firstIndex(where: { $0.name == name }) else { return FunctionBody() }
        return FunctionBody.includingNested(index, bodies: facts.scanFunctionBodies(), in: facts)
    }

    /// The own body facts of the function named `name` (nested functions excluded).
    static func ownBody(_ code: String, _ language: Language, of name: String) -> FunctionBody {
        let facts = Extract.facts(code, language)
        guard let index = facts.functions.firstIndex(where: { $0.name == name }) else { return FunctionBody() }
        return facts.scanFunctionBodies()[index]
    }

    /// Reads as `name` with markers: `*` compared, `=local` bound, and the form as `[]`, `get`,
    /// or `.` (attribute).
    static func reads(_ code: String, _ language: Language, of name: String) -> [String] {
        body(code, language, of: name).reads.map { read in
            let form: String
            switch read.form {
            case .subscript: form = "[]"
            case .getCall: form = "get"
            case .attribute: form = "."
            }
            return form + read.name + (read.compared ? "*" : "") + (read.boundTo.map { "=\($0)" } ?? "")
        }
    }

    /// Compared reads only, by name.
    static func compared(_ code: String, _ language: Language, of name: String) -> [String] {
        body(code, language, of: name).reads.filter(\.compared).map(\.name)
    }

    static func containers(_ code: String, _ language: Language, of name: String) -> [String] {
        body(code, language, of: name).containers.map(\.text)
    }

    static func keyStrings(_ code: String, _ language: Language, of name: String) -> [String] {
        body(code, language, of: name).keyStrings.map(\.text)
    }
}
