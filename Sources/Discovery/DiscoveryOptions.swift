import Model

/// What to scan: the command-line paths and the filters that narrow them.
public struct DiscoveryOptions: Sendable {
    /// The command-line PATHs: directories to walk or files to scan.
    public var paths: [String]
    /// When non-empty, only files whose reported path matches one of these are scanned.
    public var includes: [Glob]
    /// Files and directories whose reported path matches one of these are skipped (directories
    /// are not entered).
    public var excludes: [Glob]
    /// Whether to honour the `.gitignore` at the top of each directory PATH.
    public var useGitignore: Bool
    /// Directory names never entered below a root (a root itself is walked whatever its name).
    public var skippedDirectoryNames: Set<String>
    /// Files larger than this many bytes are not scanned (a warning says so).
    public var maxFileSize: Int
    /// The directory relative PATHs are resolved against and reported paths are relative to;
    /// nil means the process's working directory.
    public var workingDirectory: String?

    /// The directories dependency managers and build tools fill with code that is not the
    /// project's own.
    public static let defaultSkippedDirectoryNames: Set<String> = [
        ".git", "node_modules", ".venv", "venv", "__pycache__", "dist", "build", ".build",
        "site-packages", ".tox",
    ]

    /// Skipped names that may hold the project's own code: skipping one is reported as a note
    /// (unless .gitignore ignores it anyway).
    public static let skippedWithNote: Set<String> = ["dist", "build"]

    /// 50 MiB: far beyond any hand-written source file.
    public static let defaultMaxFileSize = 50 * 1024 * 1024

    public init(paths: [String] = ["."], includes: [Glob] = [], excludes: [Glob] = [],
                useGitignore: Bool = true,
                skippedDirectoryNames: Set<String> = DiscoveryOptions.defaultSkippedDirectoryNames,
                maxFileSize: Int = DiscoveryOptions.defaultMaxFileSize, workingDirectory: String? = nil) {
        self.paths = paths
        self.includes = includes
        self.excludes = excludes
        self.useGitignore = useGitignore
        self.skippedDirectoryNames = skippedDirectoryNames
        self.maxFileSize = maxFileSize
        self.workingDirectory = workingDirectory
    }
}
