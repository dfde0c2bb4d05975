import Model

/// Help texts. Tested word for word, so change them deliberately.
enum Usage {
    static let main = """
        ssotguard \(ToolInfo.version): keeps security-critical operations in their single source of truth.

        USAGE: ssotguard <command> [options]

        COMMANDS:
          scan      Scan Python and TypeScript/JavaScript files for violations (default command)
          rules     List the rules that would run, with what they flag and what to do instead
          progress  Show what each phase of the migration plan has left (optionally against a baseline)
          history   Replay the git history: open findings per phase and rule over time (CSV, JSON, HTML)
          merge     Combine the JSON reports of 'scan --shard K/N' into one report
          init      Write a starter .ssotguard.json and a baseline of today's findings (--hook: pre-commit)
          config    Print the effective configuration (--print)
          help      Show help for a command

        OPTIONS:
          -h, --help     Show this help
          --version      Print the version

        Run 'ssotguard <command> --help' for a command's options.
        Exit codes: 0 clean, 1 findings at or above the failing severity, 2 configuration or tool
        error, 64 usage error.

        """

    static let scan = """
        USAGE: ssotguard scan [PATH ...] [options]

        Walks each PATH (default '.') and reports JWT library imports, JWT calls and other
        rule violations outside the single source of truth. Paths in reports are relative to PATH
        when one directory is given, else to the current directory.

        OPTIONS:
          --format <format>        Output format: text (default), json, sarif (GitHub code
                                   scanning), github (workflow-command annotations) or
                                   markdown (a pull-request comment)
          --sarif-all              With --format sarif: also findings suppressed inline or known
                                   to the baseline (default: only those that should be alerts)
          -o, --output <file>      Write the report to <file> instead of standard output
          --config <file>          Use this configuration instead of the nearest .ssotguard.json
          --no-config              Ignore configuration files
          --rules <file>           Load a rule pack (JSON with comments); repeatable. A pack named
                                   like a built-in one replaces it
          --no-builtin-rules       Run only the packs given with --rules
          --plan <file>            Use this migration plan instead of the built-in JWT plan
          --include <glob>         Scan only files matching <glob>; repeatable
          --exclude <glob>         Skip files and directories matching <glob>; repeatable
          --no-ignore              Do not honour .gitignore files
          --max-file-size <bytes>  Skip larger files with a diagnostic (default 52428800)
          --no-cache               Neither read nor write the scan cache
          --cache-dir <dir>        Keep the scan cache in <dir> (default: .ssotguard-cache next to
                                   the configuration file, else in the current directory). An
                                   unchanged file is neither read nor lexed again
          --no-prefilter           Lex and check every file, also those that hold none of the
                                   names the rules look for (same report, slower: a check)
          --fail-on-severity <s>   Exit 1 when a finding is at least <s>: error (default),
                                   warning, info, or none (never fail on findings)
          --baseline <file>        Compare with a baseline: findings are new or unchanged, missing
                                   entries fixed; only new findings fail the run (and are listed)
          --fail-on <which>        With --baseline: new (default), any, or none
          --write-baseline <file>  Write the findings as a baseline. An existing baseline only
                                   tightens: fixed entries are dropped, new findings are refused
                                   (exit 1) unless --allow-new
          --allow-new              With --write-baseline: add findings that are not in it yet
          --staged                 Scan the staged version of staged files only (for pre-commit)
          --changed-since <ref>    Scan only files changed since the merge base with <ref>
          --shard <K/N>            Scan only part K of N (files split by a hash of their path);
                                   combine the JSON reports of all N with 'ssotguard merge'
          --no-color               No colour in text output (also: NO_COLOR set, or not a terminal)
          -h, --help               Show this help

        Globs: '*' within a path segment, '**' across segments, '?' and '[a-z]'. A glob matches
        at any depth unless it starts with '/'; a matching directory covers everything below it.

        EXIT CODES:
          0   no finding at or above --fail-on-severity
          1   findings at or above --fail-on-severity
          2   configuration or tool error (bad rule file, missing PATH, unwritable --output)
          64  usage error

        """

    static let merge = """
        USAGE: ssotguard merge REPORT.json ... [options]

        Combines the JSON reports of every shard of a scan ('ssotguard scan --shard K/N --format
        json', K = 1..N, e.g. one per CI matrix job) into the report one scan of the whole tree
        would give, in any format: duplicates grouped across shards, the baseline compared once,
        the same exit code. The rules and configuration must be those the shards ran.

        OPTIONS:
          --format <format>        text (default), json, sarif, github or markdown (as for 'scan')
          --sarif-all              With --format sarif: also suppressed and baselined findings
          -o, --output <file>      Write the report to <file> instead of standard output
          --config <file>          Use this configuration instead of the nearest .ssotguard.json
          --no-config              Ignore configuration files
          --rules <file>           Load a rule pack; repeatable (as for 'scan')
          --no-builtin-rules       Run only the packs given with --rules
          --plan <file>            Use this migration plan instead of the built-in JWT plan
          --baseline <file>        Compare with a baseline (as for 'scan')
          --fail-on <which>        With --baseline: new (default), any, or none
          --fail-on-severity <s>   error (default), warning, info or none (as for 'scan')
          --no-color               No colour in text output
          -h, --help               Show this help

        EXIT CODES:
          0   no finding at or above --fail-on-severity
          1   findings at or above --fail-on-severity
          2   a report is missing, duplicated, unreadable or from other rules; configuration error
          64  usage error

        """

    static let rules = """
        USAGE: ssotguard rules [options]

        Lists the rules that would run: built-in packs plus those given with --rules.

        OPTIONS:
          --format <format>   text (default), markdown (the README's rule table) or json
          --rules <file>      Load a rule pack as 'scan' does; repeatable
          --no-builtin-rules  Only the packs given with --rules
          --check <file>      Run a rule pack's examples: exit 1, with file:line:col, when a
                              violating example does not violate or a compliant one does;
                              repeatable ('scan --rules' checks them at load too)
          -h, --help          Show this help

        """

    static let progress = """
        USAGE: ssotguard progress [PATH ...] [options]

        Scans like 'scan' and reports, per phase of the migration plan and in plan order: open
        findings by rule and by file, files touched, and whether the phase's completion criterion
        is met. With --baseline, also how many findings were fixed and are new since then, and the
        percentage done. Exit code 0 unless the scan cannot run (2) or the usage is wrong (64).

        OPTIONS:
          --baseline <file>        Compare with an earlier 'ssotguard scan --format json' report
          --format <format>        text (default), markdown (for a pull request or status issue) or json
          -o, --output <file>      Write the report to <file> instead of standard output
          --plan <file>            Use this migration plan instead of the built-in JWT plan
          --config <file>          Use this configuration instead of the nearest .ssotguard.json
          --no-config              Ignore configuration files
          --rules <file>           Load a rule pack; repeatable (as for 'scan')
          --no-builtin-rules       Run only the packs given with --rules
          --include <glob>         Scan only files matching <glob>; repeatable
          --exclude <glob>         Skip files and directories matching <glob>; repeatable
          --no-ignore              Do not honour .gitignore files
          --max-file-size <bytes>  Skip larger files with a diagnostic (default 52428800)
          -h, --help               Show this help

        """

    static let history = """
        USAGE: ssotguard history [PATH] [options]

        Replays the first-parent history of the git repository containing PATH (default '.'),
        without checking anything out: for each sampled commit, the open findings per phase and
        per rule as they were at that commit, with paths relative to PATH. Files whose blob was
        already seen are not scanned again. A progress line is shown on a terminal.

        OPTIONS:
          --since <date>           Only commits at or after YYYY-MM-DD
          --until <date>           Only commits at or before YYYY-MM-DD
          --every <n|day|week>     Sample the last commit of each day (default) or week (UTC), or
                                   every n-th commit counted back from the newest
          --ref <ref>              Replay this branch, tag or commit (default HEAD)
          --format <format>        csv (default), json, or html (one self-contained page with a
                                   burndown chart per phase and the plan's due dates)
          -o, --output <file>      Write to <file> instead of standard output
          --plan <file>            Use this migration plan instead of the built-in JWT plan
          --config <file>          Use this configuration instead of the nearest .ssotguard.json
          --no-config              Ignore configuration files
          --rules <file>           Load a rule pack; repeatable (as for 'scan')
          --no-builtin-rules       Run only the packs given with --rules
          --include <glob>         Count only files matching <glob>; repeatable
          --exclude <glob>         Skip files and directories matching <glob>; repeatable
          --no-ignore              Do not honour the root .gitignore (as of each commit)
          --max-file-size <bytes>  Skip larger files (default 52428800)
          -h, --help               Show this help

        """

    static let config = """
        USAGE: ssotguard config --print [PATH] [options]

        Prints the effective configuration as JSON: the .ssotguard.json found from PATH (default
        '.') upward, merged with the command line; the rules with their severities and SSOT paths,
        the plan, include/exclude globs and the baseline.

        OPTIONS:
          --print                  Print the effective configuration
          --config <file>          Use this configuration instead of the nearest .ssotguard.json
          --rules <file>           Load a rule pack; repeatable (as for 'scan')
          --plan <file>            Use this migration plan
          -h, --help               Show this help

        """

    static let initialize = """
        USAGE: ssotguard init [PATH] [--ssot <path>] [--plan] [--hook] [--force]

        Writes a starter .ssotguard.json in PATH (default '.') with the JWT SSOT it proposes (the
        module of each language that handles JWTs most, preferring one named like a JWT module;
        it says why), and a baseline of today's findings (.ssotguard-baseline.json), then prints
        the next steps.

        OPTIONS:
          --ssot <path>            The JWT SSOT instead of the proposed one (a path or glob);
                                   repeatable
          --plan                   Also write ssotguard-plan.json, a generic migration plan
                                   (security, imports, calls, duplicates, secrets) to fill in
          --hook                   Also install a git pre-commit hook running 'ssotguard scan --staged';
                                   an existing hook is never replaced (you are told what to add).
                                   After 'init', 'init --hook' installs only the hook
          --force                  Replace an existing .ssotguard.json (and say how many findings
                                   the new baseline accepts that the old one did not know)
          -h, --help               Show this help

        """

    /// The commands, as `ssotguard --help` lists them.
    static let commands = ["scan", "merge", "rules", "progress", "history", "init", "config", "help"]

    /// The options a command's help lists (`--format`, `-o`, ...).
    static func options(of command: String) -> [String] {
        guard commands.contains(command), command != "help" else { return [] }
        var options: [String] = []
        for line in forCommand(command).split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("-"), line.count - trimmed.count <= 4 else { continue }
            for word in trimmed.split(separator: " ").prefix(3) {
                let name = word.hasSuffix(",") ? word.dropLast() : word
                if name.hasPrefix("-") { options.append(String(name)) } else { break }
            }
        }
        return options
    }

    static func forCommand(_ command: String?) -> String {
        switch command {
        case "scan": return scan
        case "merge": return merge
        case "rules": return rules
        case "progress": return progress
        case "history": return history
        case "config": return config
        case "init": return initialize
        default: return main
        }
    }
}
