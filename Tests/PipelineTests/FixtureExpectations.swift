import Foundation
import Model

/// Reads the inline expectations of fixture files:
/// `# expect: rule-a, rule-b` / `// expect: ...` / `{/* expect: ... */}` on the line(s) above the
/// line a finding is reported on, and `ok:` for must-not-fire.
struct FixtureExpectations {
    struct Key: Hashable, Comparable, CustomStringConvertible {
        var path: String
        var line: Int
        var rule: String
        var description: String { "\(path):\(line) \(rule)" }
        static func < (a: Key, b: Key) -> Bool { (a.path, a.line, a.rule) < (b.path, b.line, b.rule) }
    }

    /// Expected findings: a key may appear more than once (count).
    var expected: [Key: Int] = [:]
    /// Places that must not have a finding of the rule.
    var mustNotFire: Set<Key> = []

    /// Parses every source file below `root` (paths relative to it).
    init(root: URL) throws {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let relative = enumerator?.nextObject() as? String {
            guard Language.of(fileName: relative) != nil else { continue }
            let text = try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
            parse(text, path: relative)
        }
    }

    private mutating func parse(_ text: String, path: String) {
        var pendingExpect: [String] = []
        var pendingOK: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let rules = Self.annotation(line, word: "expect") {
                pendingExpect += rules
                continue
            }
            if let rules = Self.annotation(line, word: "ok") {
                pendingOK += rules
                continue
            }
            for rule in pendingExpect { expected[Key(path: path, line: index + 1, rule: rule), default: 0] += 1 }
            for rule in pendingOK { mustNotFire.insert(Key(path: path, line: index + 1, rule: rule)) }
            pendingExpect = []
            pendingOK = []
        }
    }

    /// The rule ids of an annotation comment line, or nil when the line is not one.
    static func annotation(_ line: String, word: String) -> [String]? {
        var body = line
        for (open, close) in [("{/*", "*/}"), ("/*", "*/"), ("//", ""), ("#", "")] where body.hasPrefix(open) {
            body = String(body.dropFirst(open.count))
            if !close.isEmpty {
                guard body.hasSuffix(close) else { return nil }
                body = String(body.dropLast(close.count))
            }
            body = body.trimmingCharacters(in: .whitespaces)
            guard body.hasPrefix(word + ":") else { return nil }
            return body.dropFirst(word.count + 1).split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return nil
    }
}
