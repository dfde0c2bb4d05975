import Lexing
import Model

/// Inline suppressions. (Being written.)
public enum Suppressions {
    /// `hits` with `suppression` set where an inline comment suppresses them, plus hits of the
    /// meta-rules for invalid and unused suppressions.
    public static func apply(_ hits: [RuleHit], comments: [ByteRange], bytes: UnsafeRawBufferPointer,
                             lines: LineIndex, rules: [Rule]) -> [RuleHit] {
        hits
    }
}
