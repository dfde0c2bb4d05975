import Model

/// Everything `ssotguard scan` was asked to do, validated by the CLI before the run.
public struct ScanOptions: Sendable {
    /// Files and directories to scan (default `.`).
    public var paths: [String] = ["."]
    public var includes: [String] = []
    public var excludes: [String] = []
    /// Honour the root `.gitignore`.
    public var useGitignore = true
    /// Extra rule files; a pack with a built-in pack's name replaces it.
    public var ruleFiles: [String] = []
    /// Leave the built-in packs out (only `ruleFiles` run).
    public var noBuiltinRules = false
    /// Where the files come from: a walk of the PATHs, the git index, or the files changed since
    /// a ref.
    public enum Source: Equatable, Sendable {
        case walk
        case staged
        case changedSince(String)
    }

    public var source = Source.walk
    /// `--config FILE`; nil: look for `.ssotguard.json` from the first PATH upward.
    public var configFile: String?
    /// `--no-config`: ignore configuration files.
    public var noConfig = false
    /// The configuration applied by `Pipeline.resolve` (rule and pack settings are applied when
    /// rules load).
    public var configuration: Configuration?
    /// The scan root relative to the configuration file's directory (`services/` when
    /// `services` is scanned under a root `.ssotguard.json`), so that rule paths written relative
    /// to the configuration still match. Reported paths stay relative to the scan root.
    public var rulePathPrefix = ""
    /// A baseline to compare with: findings become `new` or `unchanged`, missing entries `fixed`.
    public var baselineFile: String?
    /// A migration plan file instead of the built-in plan.
    public var planFile: String?
    /// Where per-file outcomes are cached between scans (see `ScanCache`).
    public enum Cache: Equatable, Sendable {
        /// No cache (`--no-cache`; the default for scans not started by the CLI).
        case off
        /// `.ssotguard-cache` in the configuration file's directory, else the working directory.
        case automatic
        /// `--cache-dir DIR`.
        case directory(String)
    }

    public var cache = Cache.off
    /// Skip files that hold none of the rules' needles (see `Prefilter`); `--no-prefilter` scans
    /// them all, to check that the output is the same.
    public var prefilter = true
    /// `--shard K/N`: scan only the files (and report only the diagnostics) of one part; the
    /// report carries what `ssotguard merge` needs (see `ShardRecord`).
    public var shard: Shard?
    /// Files larger than this are not scanned (a diagnostic says so).
    public var maxFileSize = 50 * 1024 * 1024

    public init() {}
}

/// Why a scan could not run at all (exit code 2). File-level problems are diagnostics instead.
public enum PipelineError: Error, Equatable, CustomStringConvertible {
    /// A rule file is broken: the message names the file, line and key path.
    case rules(String)
    /// A glob given with --include/--exclude is invalid.
    case invalidGlob(String)
    /// The plan file is broken or names unknown rules.
    case plan(String)
    /// The baseline / snapshot file is unreadable, corrupt or foreign.
    case baseline(String)
    /// A git command failed, or the path is not in a git repository.
    case git(String)
    /// `.ssotguard.json` is broken or names unknown rules or packs.
    case configuration(String)
    /// Shard reports that cannot be merged (missing, duplicated, from other rules).
    case merge(String)

    public var description: String {
        switch self {
        case .rules(let message): return message
        case .invalidGlob(let message): return message
        case .plan(let message): return message
        case .baseline(let message): return message
        case .git(let message): return message
        case .configuration(let message): return message
        case .merge(let message): return message
        }
    }
}
