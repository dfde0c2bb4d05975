import JSONC
import Foundation
import Pipeline
import Reporting
import RuleEngine

/// `ssotguard config --print`: the effective configuration, after `.ssotguard.json` and the
/// command line are merged, as JSON.
struct ConfigCommand {
    var options = ScanOptions()

    init(_ arguments: [String]) throws(UsageError) {
        var args = Arguments(arguments, command: "config")
        var print = false
        while let option = args.nextOption() {
            if try ScanOptionParsing.apply(option, &args, to: &options) { continue }
            switch option {
            case "--print": try args.flag(option); print = true
            default: throw args.unknown(option)
            }
        }
        guard print else { throw UsageError(message: "say what to do: --print", command: "config") }
        try ScanOptionParsing.finish(args, &options)
    }

    struct Effective: Encodable {
        struct RuleEntry: Encodable {
            let id: String
            let pack: String
            let severity: String
            let allowedPaths: [String]
        }

        /// Per loaded pack: its SSOT and where that came from (the configuration's
        /// `packs.<name>.ssot`, or the pack's own rules), its added delegates and secret settings.
        struct PackEntry: Encodable {
            let name: String
            let ssot: [String]
            let ssotFrom: String
            let delegates: [String: [String]]
            let secretSettings: [String]
            let enabled: Bool
        }

        let configFile: String?
        let packs: [PackEntry]
        let paths: [String]
        let rulePacks: [String]
        let builtinRules: Bool
        let rules: [RuleEntry]
        let plan: String
        let include: [String]
        let exclude: [String]
        let baseline: String?
    }

    func run() -> ExitCode {
        do throws(PipelineError) {
            let resolved = try Pipeline.resolve(options)
            let rules = try Pipeline.loadRules(resolved)
            let plan = try Pipeline.loadPlan(resolved, rules: rules)
            let configuration = resolved.configuration
            let packNames = Array(Set(rules.map(\.pack)).union(configuration?.disabledPacks ?? [])).sorted()
            let packs = packNames.map { name -> Effective.PackEntry in
                let configured = configuration?.packAllowedPaths[name]
                let own = Array(Set(rules.filter { $0.pack == name }.flatMap(\.allowedPaths))).sorted()
                let key = configuration?.locations[JSONKeyPath.appending(key: name, to: "packs")]
                return .init(name: name, ssot: configured ?? own,
                             ssotFrom: configured != nil ? "\(configuration?.file ?? ".ssotguard.json")" + (key.map { ":" + $0 } ?? "")
                                : "the pack's rules",
                             delegates: Dictionary(uniqueKeysWithValues: (configuration?.packDelegates[name] ?? [:]).map { ($0.key.rawValue, $0.value) }),
                             secretSettings: configuration?.packSecretSettings[name] ?? [],
                             enabled: !(configuration?.disabledPacks.contains(name) ?? false))
            }
            let effective = Effective(
                configFile: configuration?.file, packs: packs, paths: resolved.paths, rulePacks: resolved.ruleFiles,
                builtinRules: !resolved.noBuiltinRules,
                rules: rules.map { .init(id: $0.id.rawValue, pack: $0.pack, severity: $0.severity.rawValue, allowedPaths: $0.allowedPaths) },
                plan: plan.source, include: resolved.includes, exclude: resolved.excludes, baseline: resolved.baselineFile)
            Output.stdout(JSONOutput.encode(effective))
            return .clean
        } catch {
            Output.error(error.description)
            return .toolError
        }
    }
}
