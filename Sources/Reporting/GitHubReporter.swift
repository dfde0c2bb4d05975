import Model

/// GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line per finding
/// that should fail a pull request, which the runner turns into annotations on the diff:
///
///     ::error file=src/a.py,line=3,endLine=3,col=1,endColumn=11,title=jwt-direct-import::`jwt` imported ...
///
/// Suppressed findings are left out, and against a baseline only new findings are shown.
/// Columns count UTF-16 code units (as GitHub's web UI does) and are left out for a finding that
/// spans several lines, which annotations do not support.
public struct GitHubReporter: Reporter {
    /// Put before every reported path: the scan root relative to the working directory (the
    /// repository root in CI), with a trailing `/`; empty when scanning the working directory.
    public var pathPrefix: String

    public init(pathPrefix: String = "") {
        self.pathPrefix = pathPrefix
    }

    public func write(_ result: ScanResult, to sink: ReportSink) {
        for finding in result.findings where finding.suppression == nil && finding.baselineState != .unchanged {
            sink.write(command(finding) + "\n")
        }
    }

    /// The workflow command for one finding.
    func command(_ finding: Finding) -> String {
        let location = finding.utf16Location ?? finding.location
        var properties = [("file", pathPrefix + finding.path), ("line", String(location.line)),
                          ("endLine", String(location.endLine))]
        if location.line == location.endLine {
            properties += [("col", String(location.column)), ("endColumn", String(location.endColumn))]
        }
        properties.append(("title", finding.ruleID.rawValue))
        let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(Self.command(for: finding.severity)) \(list)::\(Self.escapeData(finding.message))"
    }

    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    /// A command's message: `%`, CR and LF percent-encoded (what the runner decodes); other
    /// control characters written as escapes (`\033`), so the log cannot be recoloured.
    static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case "\\", "\t": out.unicodeScalars.append(scalar)
            default:
                if let escaped = TerminalText.escaped(scalar) { out += escaped } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A property value: as data, and `:` and `,` too, which would end the value.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
