import Foundation
import Model

/// Machine-readable report, versioned. The shape is documented in the README ("JSON report") and
/// only grows compatibly within a version.
public struct JSONReporter: Reporter {
    public static let formatVersion = 1
    /// The report's JSON Schema (`schemas/scan-report.schema.json`), by its `$id`.
    public static let schemaID = "urn:ssotguard:schema:scan-report:1"

    public init() {}

    /// The report's members in key order, findings and diagnostics one entry at a time.
    public func write(_ result: ScanResult, to sink: ReportSink) {
        var stream = JSONStream(sink: sink)
        stream.beginObject()
        stream.member("$schema", Self.schemaID)
        stream.member("baseline", ifPresent: result.baseline.map(JSONReport.BaselineEntry.init))
        stream.key("diagnostics")
        stream.beginArray()
        for diagnostic in result.diagnostics { stream.value(diagnostic) }
        stream.endArray()
        stream.key("findings")
        stream.beginArray()
        for finding in result.findings { stream.value(JSONReport.FindingEntry(finding)) }
        stream.endArray()
        if !result.groups.isEmpty {
            stream.key("groups")
            stream.beginArray()
            for group in result.groups { stream.value(JSONReport.GroupEntry(group)) }
            stream.endArray()
        }
        stream.member("root", result.root)
        stream.member("shard", ifPresent: result.shardRecord)
        stream.member("summary", JSONReport.Summary(result))
        stream.member("tool", JSONReport.Tool())
        stream.member("version", Self.formatVersion)
        stream.endObject()
        stream.finish()
    }
}

// MARK: - Encoded shape

/// The entries of the JSON report, as encoded (the report itself is written by `write`).
enum JSONReport {
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
        /// The id of the finding's group in `groups`, and the group's size.
        let group: String?
        let groupSize: Int?

        init(_ finding: Finding) {
            let related = finding.relatedLocations.map {
                Related(path: $0.path, line: $0.location.line, column: $0.location.column,
                        endLine: $0.location.endLine, endColumn: $0.location.endColumn, message: $0.message)
            }
            ruleId = finding.ruleID.rawValue
            severity = finding.severity.rawValue
            message = finding.message
            path = finding.path
            line = finding.location.line
            column = finding.location.column
            endLine = finding.location.endLine
            endColumn = finding.location.endColumn
            relatedLocations = related.isEmpty ? nil : related
            suppressed = finding.suppression != nil
            suppressionReason = finding.suppression?.reason
            suppressionScope = finding.suppression?.scope.rawValue
            fingerprint = finding.fingerprint
            baselineState = finding.baselineState?.rawValue
            phase = finding.phase
            phaseTitle = finding.phaseTitle
            group = finding.group?.id
            groupSize = finding.group?.size
        }
    }

    /// A group of findings once, with every member.
    struct GroupEntry: Encodable {
        struct Member: Encodable {
            let path: String
            let line: Int
            let column: Int
            let endLine: Int
            let endColumn: Int
            let subject: String
        }

        let id: String
        let ruleId: String
        let name: String
        let size: Int
        let members: [Member]

        init(_ group: FindingGroup) {
            id = group.id
            ruleId = group.ruleID.rawValue
            name = group.name
            size = group.members.count
            members = group.members.map {
                Member(path: $0.path, line: $0.location.line, column: $0.location.column,
                       endLine: $0.location.endLine, endColumn: $0.location.endColumn, subject: $0.subject)
            }
        }
    }

    struct Summary: Encodable {
        let filesScanned: Int
        let findings: Int
        let suppressed: Int
        let bySeverity: [String: Int]
        let byRule: [String: Int]
        let diagnostics: Int

        init(_ result: ScanResult) {
            var bySeverity: [String: Int] = [:]
            let counts = result.countsBySeverity
            for severity in Severity.allCases { bySeverity[severity.rawValue] = counts[severity, default: 0] }
            let active = result.activeFindings.count
            filesScanned = result.filesScanned
            findings = active
            suppressed = result.findings.count - active
            self.bySeverity = bySeverity
            byRule = Dictionary(uniqueKeysWithValues: result.countsByRule.map { ($0.key.rawValue, $0.value) })
            diagnostics = result.diagnostics.count
        }
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

        init(_ baseline: BaselineSummary) {
            file = baseline.file
            new = baseline.new
            unchanged = baseline.unchanged
            fixed = baseline.fixed.map { .init(rule: $0.rule, path: $0.path, phase: $0.phase) }
        }
    }
}
