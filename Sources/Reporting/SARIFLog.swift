/// The part of SARIF 2.1.0 that ssotguard writes, as typed values: what `SARIFReporter` builds
/// and encodes with sorted keys. Property names follow the specification; optional values that
/// are nil are left out. Checked against the OASIS schema by the end-to-end tests.
enum SARIF {
    static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    static let version = "2.1.0"

    struct Log: Encodable {
        let schema = SARIF.schemaURI
        let version = SARIF.version
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var automationDetails: AutomationDetails
        var originalUriBaseIds: [String: ArtifactLocation]?
        var columnKind = "utf16CodeUnits"
        var invocations: [Invocation]
        var results: [Result]
    }

    struct AutomationDetails: Encodable {
        /// `category/run-id`; GitHub takes the text before the last `/` as the category.
        var id: String
    }

    struct Tool: Encodable {
        var driver: ToolComponent
    }

    struct ToolComponent: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        /// Left out while the project has no public home (`ToolInfo.informationURI` is nil).
        var informationUri: String?
        var rules: [ReportingDescriptor]
    }

    /// A rule (`reportingDescriptor`).
    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: MultiformatMessage
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct RuleProperties: Encodable {
        var tags: [String]
        /// Only for rules tagged `security` (what GitHub reads it for).
        var securitySeverity: String?
        var precision: String

        enum CodingKeys: String, CodingKey {
            case tags, precision
            case securitySeverity = "security-severity"
        }
    }

    struct Message: Encodable {
        var text: String
    }

    struct MultiformatMessage: Encodable {
        var text: String
        var markdown: String
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }

    /// A diagnostic: a problem of the tool, not of the code.
    struct Notification: Encodable {
        var level: String
        var message: Message
        var locations: [Location]?
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
        var partialFingerprints: [String: String]?
        var fingerprints: [String: String]?
        var baselineState: String?
        var suppressions: [Suppression]?
        var properties: ResultProperties?
    }

    struct ResultProperties: Encodable {
        var phase: String?
        var phaseTitle: String?
        /// The finding's group (all members are listed in the JSON report) and its size.
        var group: String?
        var groupSize: Int?
    }

    struct Suppression: Encodable {
        var kind: String
        var justification: String
    }

    struct Location: Encodable {
        /// Set on related locations, so a message can link them (`[text](id)`).
        var id: Int?
        var physicalLocation: PhysicalLocation
        var message: Message?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

    /// 1-based lines and columns; `endColumn` is the column just after the last character.
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int?
        var endLine: Int?
        var endColumn: Int?
    }
}
