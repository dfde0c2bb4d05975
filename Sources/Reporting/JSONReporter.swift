import Foundation
import Model

/// Machine-readable report, versioned. The shape is documented in the README ("JSON report") and
/// only grows compatibly within a version.
public struct JSONReporter: Reporter {
    public static let formatVersion = 1

    public init() {}

    public func render(_ result: ScanResult) -> String {
        let report = JSONReport(result)
        return JSONOutput.encode(report)
    }
}

// MARK: - Encoded shape

struct JSONReport: Encodable {
    struct Tool: Encodable {
        let name = ToolInfo.name
        let version = ToolInfo.version
    }

    struct Related: Encodable {
        let path: String
        let line: Int
        let column: Int
        let endLine: Int
        let endColumn: Int
        let message: String
    }

    struct FindingEntry: Encodable {
        let ruleId: String
        let severity: String
        let message: String
        let path: String
        let line: Int
        let column: Int
        let endLine: Int
        let endColumn: Int
        let relatedLocations: [Related]?
        let suppressed: Bool
        let suppressionReason: String?
        let suppressionScope: String?
        let fingerprint: String
        let baselineState: String?
        let phase: String?
        let phaseTitle: String?
    }

    struct Summary: Encodable {
        let filesScanned: Int
        let findings: Int
        let suppressed: Int
        let bySeverity: [String: Int]
        let byRule: [String: Int]
        let diagnostics: Int
    }

    struct BaselineEntry: Encodable {
        struct Fixed: Encodable {
            let rule: String
            let path: String
            let phase: String?
        }

        let file: String
        let new: Int
        let unchanged: Int
        let fixed: [Fixed]
    }

    let version = JSONReporter.formatVersion
    let tool = Tool()
    let root: String
    let baseline: BaselineEntry?
    let findings: [FindingEntry]
    let diagnostics: [Diagnostic]
    let summary: Summary

    init(_ result: ScanResult) {
        root = result.root
        baseline = result.baseline.map {
            BaselineEntry(file: $0.file, new: $0.new, unchanged: $0.unchanged,
                          fixed: $0.fixed.map { .init(rule: $0.rule, path: $0.path, phase: $0.phase) })
        }
        findings = result.findings.map { finding in
            let related = finding.relatedLocations.map {
                Related(path: $0.path, line: $0.location.line, column: $0.location.column,
                        endLine: $0.location.endLine, endColumn: $0.location.endColumn, message: $0.message)
            }
            return FindingEntry(ruleId: finding.ruleID.rawValue, severity: finding.severity.rawValue,
                                message: finding.message, path: finding.path,
                                line: finding.location.line, column: finding.location.column,
                                endLine: finding.location.endLine, endColumn: finding.location.endColumn,
                                relatedLocations: related.isEmpty ? nil : related,
                                suppressed: finding.suppression != nil, suppressionReason: finding.suppression?.reason,
                                suppressionScope: finding.suppression?.scope.rawValue, fingerprint: finding.fingerprint,
                                baselineState: finding.baselineState?.rawValue, phase: finding.phase, phaseTitle: finding.phaseTitle)
        }
        diagnostics = result.diagnostics
        var bySeverity: [String: Int] = [:]
        for severity in Severity.allCases { bySeverity[severity.rawValue] = result.countsBySeverity[severity, default: 0] }
        summary = Summary(filesScanned: result.filesScanned, findings: result.activeFindings.count,
                          suppressed: result.findings.filter { $0.suppression != nil }.count, bySeverity: bySeverity,
                          byRule: Dictionary(uniqueKeysWithValues: result.countsByRule.map { ($0.key.rawValue, $0.value) }),
                          diagnostics: result.diagnostics.count)
    }
}
