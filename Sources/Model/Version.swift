/// The tool's name and version, as reports and `--version` show them.
public enum ToolInfo {
    public static let name = "ssotguard"
    public static let version = "0.1.0"
    /// Where to read about the tool (SARIF `informationUri`): none until the project has a public
    /// home (a placeholder address would be a broken link in every code-scanning alert). Set it
    /// here only.
    public static let informationURI: String? = nil
}
