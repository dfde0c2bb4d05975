/// The tool's name and version, as reports and `--version` show them.
public enum ToolInfo {
    public static let name = "ssotguard"
    public static let version = "0.1.0"
    /// Where to read about the tool (SARIF `informationUri`). A placeholder until the project
    /// has a public home; change it here only.
    public static let informationURI = "https://example.invalid/ssotguard"
}
