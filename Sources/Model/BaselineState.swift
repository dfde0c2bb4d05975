/// A finding compared with a committed baseline (SARIF's `baselineState` values we use).
public enum BaselineState: String, Sendable, Codable {
    /// Not in the baseline: fails the run.
    case new
    /// In the baseline: known debt, does not fail the run.
    case unchanged
}
