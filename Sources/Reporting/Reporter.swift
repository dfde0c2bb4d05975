import Model

/// Output formats of `ssotguard scan --format`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// Renders a scan result in one format. One reporter per file.
public protocol Reporter {
    func render(_ result: ScanResult) -> String
}

extension ReportFormat {
    /// The reporter for this format. `color` only affects text.
    public func reporter(color: Bool) -> any Reporter {
        switch self {
        case .text: return TextReporter(color: color)
        case .json: return JSONReporter()
        }
    }
}
