import Model
import RuleEngine

/// Whether a rule pack's examples behave as it states: every violating example makes its rule
/// fire, no compliant one does. A copied pack pointed at another codebase keeps examples that
/// may no longer hold; `rules --check FILE` (and every `--rules` pack at load) says which.
public enum ExampleCheck {
    /// One line per misbehaving example: `file:line:column: at "rules[0].examples...": ...`.
    public static func problems(in pack: RulePack) -> [String] {
        let rules = RuleSet(rules: pack.rules)
        var problems: [String] = []
        for rule in pack.rules {
            for (example, violating) in rule.violatingExamples.map({ ($0, true) }) + rule.compliantExamples.map({ ($0, false) }) {
                guard let file = SourceFile(path: example.effectivePath, diskPath: example.effectivePath) else { continue }
                let outcome = Array(example.code.utf8).withUnsafeBytes {
                    FileScanner.scan(file, bytes: $0, rules: rules)
                }
                let own = outcome.findings.filter { $0.ruleID == rule.id && $0.suppression == nil }
                let place = "\(pack.source):" + (example.location ?? " ")
                if violating, own.isEmpty {
                    problems.append("\(place): violating example of \(rule.id) does not violate it")
                } else if !violating, let first = own.first {
                    problems.append("\(place): compliant example of \(rule.id) violates it at line \(first.location.line): "
                                    + first.message)
                }
            }
        }
        return problems
    }
}
