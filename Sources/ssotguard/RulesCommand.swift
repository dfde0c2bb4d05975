import Model
import Pipeline
import RuleEngine

/// `ssotguard rules`: the rules that would run, as text, the README's markdown table, or JSON.
struct RulesCommand {
    enum Format: String, CaseIterable { case text, markdown, json }

    var options = ScanOptions()
    var format = Format.text

    init(_ arguments: [String]) throws(UsageError) {
        var args = Arguments(arguments, command: "rules")
        while let option = args.nextOption() {
            switch option {
            case "--format": format = try args.choice(try args.value(for: option), for: option, Format.self)
            case "--rules": options.ruleFiles.append(try args.value(for: option))
            case "--no-builtin-rules": try args.flag(option); options.noBuiltinRules = true
            case "--config": options.configFile = try args.value(for: option)
            case "--no-config": try args.flag(option); options.noConfig = true
            default: throw args.unknown(option)
            }
        }
        if let extra = args.positionals.first {
            throw UsageError(message: "unexpected argument '\(extra)'", command: "rules")
        }
    }

    func run() -> ExitCode {
        let rules: [Rule]
        do {
            rules = try Pipeline.loadRules(try Pipeline.resolve(options))
        } catch {
            Output.error(error.description)
            return .toolError
        }
        switch format {
        case .text: Output.stdout(RuleDocs.text(rules))
        case .markdown: Output.stdout(RuleDocs.markdownTable(rules))
        case .json: Output.stdout(RuleDocs.json(rules))
        }
        return .clean
    }
}
