/// The process exit status. Stable: scripts and CI depend on it.
enum ExitCode: Int32 {
    /// No finding at or above the failing severity.
    case clean = 0
    /// Findings at or above the failing severity.
    case findings = 1
    /// Configuration or tool error: broken rule file, unreadable output path, missing PATH.
    case toolError = 2
    /// Bad command line (EX_USAGE).
    case usage = 64
}
