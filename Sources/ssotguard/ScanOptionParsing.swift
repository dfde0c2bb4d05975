import Pipeline

/// The options `scan` and `progress` share: what to scan and with which rules and plan.
enum ScanOptionParsing {
    /// Applies `option` to `options` if it is a shared scan option; false when it is not one.
    static func apply(_ option: String, _ args: inout Arguments, to options: inout ScanOptions) throws(UsageError) -> Bool {
        switch option {
        case "--rules": options.ruleFiles.append(try args.value(for: option))
        case "--no-builtin-rules": try args.flag(option); options.noBuiltinRules = true
        case "--plan": options.planFile = try args.value(for: option)
        case "--config": options.configFile = try args.value(for: option)
        case "--no-config": try args.flag(option); options.noConfig = true
        case "--include": options.includes.append(try args.value(for: option))
        case "--exclude": options.excludes.append(try args.value(for: option))
        case "--no-ignore": try args.flag(option); options.useGitignore = false
        case "--max-file-size":
            let text = try args.value(for: option)
            guard let size = Int(text), size > 0 else {
                throw UsageError(message: "--max-file-size needs a positive number of bytes, got '\(text)'", command: args.command)
            }
            options.maxFileSize = size
        default:
            return false
        }
        return true
    }

    /// Positional PATHs and cross-option checks.
    static func finish(_ args: Arguments, _ options: inout ScanOptions) throws(UsageError) {
        options.paths = args.positionals.isEmpty ? ["."] : args.positionals
        if options.noBuiltinRules, options.ruleFiles.isEmpty {
            throw UsageError(message: "--no-builtin-rules needs at least one --rules file", command: args.command)
        }
    }
}
