#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSONC
import Model

/// Entry point: picks the subcommand, maps errors to exit codes.
func runMain(_ arguments: [String]) async -> ExitCode {
    var arguments = arguments
    let command: String
    if let first = arguments.first, !first.hasPrefix("-") {
        command = first
        arguments.removeFirst()
    } else if arguments.contains("--version") {
        Output.stdout("\(ToolInfo.name) \(ToolInfo.version)\n")
        return .clean
    } else if arguments.isEmpty {
        Output.stderr(Usage.main)
        return .usage
    } else if arguments.contains("-h") || arguments.contains("--help") {
        Output.stdout(Usage.main)
        return .clean
    } else {
        command = "scan"
    }
    if arguments.contains("-h") || arguments.contains("--help"), command != "help" {
        guard Usage.commands.contains(command), command != "help" else { return usageError(unknownCommand(command)) }
        Output.stdout(Usage.forCommand(command))
        return .clean
    }
    do throws(UsageError) {
        switch command {
        case "scan":
            return try await ScanCommand(arguments).run()
        case "merge":
            return try await ScanCommand(arguments, command: "merge").run()
        case "rules":
            return try RulesCommand(arguments).run()
        case "progress":
            return try await ProgressCommand(arguments).run()
        case "history":
            return try await HistoryCommand(arguments).run()
        case "config":
            return try ConfigCommand(arguments).run()
        case "init":
            return try await InitCommand(arguments).run()
        case "help":
            if let topic = arguments.first, !Usage.commands.contains(topic) { throw unknownCommand(topic) }
            Output.stdout(Usage.forCommand(arguments.first))
            return .clean
        case "version":
            Output.stdout("\(ToolInfo.name) \(ToolInfo.version)\n")
            return .clean
        default:
            throw unknownCommand(command)
        }
    } catch {
        return usageError(error)
    }
}

/// An unknown command, with the nearest known one.
func unknownCommand(_ command: String) -> UsageError {
    let hint = Suggestion.nearest(to: command, among: Usage.commands).map { "; did you mean '\($0)'?" } ?? ""
    return UsageError(message: "unknown command '\(command)'" + hint, command: nil)
}

func usageError(_ error: UsageError) -> ExitCode {
    let help = error.command.map { "ssotguard \($0) --help" } ?? "ssotguard --help"
    Output.stderr("ssotguard: error: \(TerminalText.escape(error.message))\nSee '\(help)'.\n")
    return .usage
}

let code = await runMain(Array(CommandLine.arguments.dropFirst()))
exit(code.rawValue)
