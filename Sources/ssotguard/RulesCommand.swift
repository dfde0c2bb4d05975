import Model
import Pipeline
import RuleEngine

/// `ssotguard rules`: the rules that would run, as text, the README's markdown table, or JSON.
struct RulesCommand {
    enum Format: String, CaseIterable { case text, markdown, json }

    var options = ScanOptions()
    var format = Format.text
    /// `--check FILE`: run the pack's examples instead of listing rules.
    var check: [String] = []

    init(_ arguments: [String]) throws(UsageError) {
        var args = Arguments(arguments, command: "rules")
        while let option = args.nextOption() {
            switch option {
            case "--format": format = try args.choice(try args.value(for: option), for: option, Format.self)
            case "--rules": options.ruleFiles.append(try args.value(for: option))
            case "--no-builtin-rules": try args.flag(option); options.noBuiltinRules = true
            case "--config": options.configFile = try args.value(for: option)
            case "--no-config": try args.flag(option); options.noConfig = true
            case "--check": check.append(try args.value(for: option))
            default: throw args.unknown(option)
            }
        }
        if let extra = args.positionals.first {
            throw UsageError(message: "unexpected argument '\(extra)'", command: "rules")
        }
    }

    func run() -> ExitCode {
        if !check.isEmpty { return runCheck() }
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

    /// Each pack's examples, run: exit 1 with one line per misbehaving example, else 0.
    func runCheck() -> ExitCode {
        var failed = false
        for file in check {
            let pack: RulePack
            do {
                pack = try RuleLoader.load(file: file)
            } catch {
                Output.error(error.description)
                return .toolError
            }
            let problems = ExampleCheck.problems(in: pack)
            for problem in problems { Output.stderr(problem + "\n") }
            failed = failed || !problems.isEmpty
            let examples = pack.rules.reduce(0) { $0 + $1.violatingExamples.count + $1.compliantExamples.count }
            Output.stdout("\(file): \(pack.rules.count) rule\(pack.rules.count == 1 ? "" : "s"), \(examples) examples: "
                          + (problems.isEmpty ? "every example behaves as stated\n" : "\(problems.count) do not\n"))
        }
        return failed ? .findings : .clean
    }
}
