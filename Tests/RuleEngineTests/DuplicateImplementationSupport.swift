import Facts
import Lexing
import Model
@testable import RuleEngine

/// Runs one built-in rule on a snippet and renders its hits compactly.
enum RuleProbe {
    static let rules: [Rule] = (try? RuleLoader.combine(RuleLoader.builtinPacks())) ?? []

    static func rule(_ id: String) -> Rule {
        rules.first { $0.id.rawValue == id }!
    }

    static func hits(_ code: String, _ language: Language, rule id: String, path: String? = nil) -> [RuleHit] {
        let path = path ?? (language == .python ? "app/services/module.py" : "src/lib/module.ts")
        return Snippet.hits(code, language, path: path, rule: rule(id))
    }

    /// `line: message` per hit (line of the hit's start, 1-based).
    static func messages(_ code: String, _ language: Language, rule id: String, path: String? = nil) -> [String] {
        let lines = Array(code.utf8)
        return hits(code, language, rule: id, path: path).map { hit in
            let line = lines[..<hit.range.start].filter { $0 == UInt8(ascii: "\n") }.count + 1
            return "\(line): \(hit.message)"
        }
    }

    /// The source text of each hit's range.
    static func texts(_ code: String, _ language: Language, rule id: String) -> [String] {
        let utf8 = Array(code.utf8)
        return hits(code, language, rule: id).map { String(decoding: utf8[$0.range.start..<$0.range.end], as: UTF8.self) }
    }
}

/// Builds a custom pack with one rule of a given kind and `match`, for loader tests.
enum CustomRule {
    static func pack(kind: String, match: String) -> String {
        """
        {
          "version": 1,
          "pack": "custom",
          "rules": [
            {
              "id": "custom-rule",
              "kind": "\(kind)",
              "severity": "error",
              "summary": "s",
              "why": "w",
              "instead": "i",
              "match": \(match),
              "examples": { "violating": [ { "language": "python", "code": "x = 1\\n" } ] }
            }
          ]
        }
        """
    }

    /// The load error, or nil when the pack loads.
    static func error(kind: String, match: String) -> String? {
        do {
            _ = try RuleLoader.load(text: pack(kind: kind, match: match), source: "custom.json")
            return nil
        } catch {
            return error.description
        }
    }

    static func load(kind: String, match: String) throws -> Rule {
        try RuleLoader.load(text: pack(kind: kind, match: match), source: "custom.json").rules[0]
    }
}
