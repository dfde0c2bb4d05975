/// Why a finding is left out of the exit status: an inline `ssotguard: ignore[rule] -- reason`
/// comment on its line or the line above, or `ignore-file[rule]` near the top of the file.
public struct Suppression: Hashable, Sendable, Codable {
    public enum Scope: String, Sendable, Codable {
        case line
        case file
    }

    public var scope: Scope
    public var reason: String
    /// 1-based line of the suppressing comment.
    public var line: Int

    public init(scope: Scope, reason: String, line: Int) {
        self.scope = scope
        self.reason = reason
        self.line = line
    }
}
