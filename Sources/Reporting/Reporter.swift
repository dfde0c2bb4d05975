import Model

/// Output formats of `ssotguard scan --format`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case sarif
    case github
    case markdown
}

/// Renders a scan result in one format. One reporter per file.
public protocol Reporter {
    /// Writes the report to `sink`, piece by piece.
    func write(_ result: ScanResult, to sink: ReportSink)
}

extension Reporter {
    /// The whole report as text.
    public func render(_ result: ScanResult) -> String {
        let sink = ReportSink()
        write(result, to: sink)
        return sink.text
    }
}

extension ReportFormat {
    /// The reporter for this format. `color` only affects text, `sarifAll` (include suppressed
    /// and baselined findings) only SARIF, and `pathPrefix` (the scan root relative to the
    /// working directory, ending in `/`) only GitHub annotations.
    public func reporter(color: Bool, sarifAll: Bool = false, pathPrefix: String = "") -> any Reporter {
        switch self {
        case .text: return TextReporter(color: color)
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter(includeAll: sarifAll, pathPrefix: pathPrefix)
        case .github: return GitHubReporter(pathPrefix: pathPrefix)
        case .markdown: return MarkdownReporter()
        }
    }
}
