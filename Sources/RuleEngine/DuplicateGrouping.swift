import Model

/// Cross-file stage: groups findings that implement the same operation. (Being written.)
public enum DuplicateGrouping {
    /// `findings` (in report order) with the other members of each group as related locations.
    public static func group(_ findings: [Finding]) -> [Finding] {
        findings
    }
}
