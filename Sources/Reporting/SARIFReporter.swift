import Baselines
import Foundation
import Model
import RuleEngine

/// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: one run, every rule that ran
/// with its documentation, one result per finding with a `%SRCROOT%`-relative location in UTF-16
/// columns, GitHub's `primaryLocationLineHash` and our own fingerprint, and the diagnostics as
/// tool notifications. Never a snippet of source (it could hold a secret).
///
/// Unless `includeAll`, the log holds what should become alerts: findings that are not
/// suppressed inline and, against a baseline, only new ones (GitHub keeps suppressed results
/// open as alerts). With `includeAll`, every finding, suppressed ones with `suppressions`.
public struct SARIFReporter: Reporter {
    /// Include suppressed and baselined findings (`--sarif-all`).
    public var includeAll: Bool
    /// `run.automationDetails.id`: `category/` (GitHub keeps one set of alerts per category).
    public var automationID: String

    public static let sourceRootID = "%SRCROOT%"
    /// GitHub's limits on a rule's descriptions and tags.
    static let descriptionLimit = 1024
    static let tagLimit = 20
    /// GitHub rejects a run with more results than this (see `resultLimit`).
    public static let gitHubResultLimit = 25_000

    /// Most results written in the run: the most severe are kept, and a tool notification says
    /// how many were left out (GitHub rejects the whole file above its limit).
    public var resultLimit = SARIFReporter.gitHubResultLimit

    /// The scan root relative to the working directory (`services/`), or "". GitHub resolves
    /// result URIs against the repository root, not `%SRCROOT%`: when a subdirectory of the
    /// working directory (normally the checkout) is scanned, URIs carry this prefix and
    /// `%SRCROOT%` is the working directory, so code scanning finds the files.
    public var pathPrefix: String

    public init(includeAll: Bool = false, automationID: String = "ssotguard/", pathPrefix: String = "") {
        self.includeAll = includeAll
        self.automationID = automationID
        self.pathPrefix = pathPrefix.hasPrefix("/") ? "" : pathPrefix
    }

    public func write(_ result: ScanResult, to sink: ReportSink) {
        sink.write(JSONOutput.encode(log(result)))
    }

    /// The directory `%SRCROOT%` stands for: the scan root, less `pathPrefix`.
    func sourceRoot(_ rootDirectory: String?) -> String? {
        guard let root = rootDirectory, !pathPrefix.isEmpty else { return rootDirectory }
        var trimmed = root
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let prefix = String(pathPrefix.dropLast())
        guard trimmed.hasSuffix("/" + prefix) else { return rootDirectory }
        return String(trimmed.dropLast(prefix.count))
    }

    /// The log for `result`, before encoding.
    func log(_ result: ScanResult) -> SARIF.Log {
        let rules = ruleInfos(result)
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let driver = SARIF.ToolComponent(
            name: ToolInfo.name, version: ToolInfo.version, semanticVersion: ToolInfo.version,
            informationUri: ToolInfo.informationURI, rules: rules.map(descriptor))
        let (findings, omitted) = resultsWithinLimit(result)
        let run = SARIF.Run(
            tool: SARIF.Tool(driver: driver),
            automationDetails: SARIF.AutomationDetails(id: automationID),
            originalUriBaseIds: sourceRoot(result.rootDirectory).map {
                [Self.sourceRootID: SARIF.ArtifactLocation(uri: URIPath.fileURI(directory: $0), uriBaseId: nil)]
            },
            invocations: [invocation(result.diagnostics, omitted: omitted)],
            results: findings.map { self.result($0, ruleIndex: ruleIndex[$0.ruleID]) })
        return SARIF.Log(runs: [run])
    }

    /// The findings that become results, and how many of them the limit left out: the most
    /// severe are kept (error, then warning, then note; then by security severity), in report
    /// order.
    func resultsWithinLimit(_ result: ScanResult) -> (kept: [Finding], omitted: Int) {
        let findings = result.findings.filter { finding in
            includeAll || (finding.suppression == nil && finding.baselineState != .unchanged)
        }
        guard findings.count > resultLimit else { return (findings, 0) }
        let scores = Dictionary(result.rules.map { ($0.id, Double($0.securitySeverity) ?? 0) }, uniquingKeysWith: { a, _ in a })
        let ranked = findings.indices.sorted { a, b in
            let (x, y) = (findings[a], findings[b])
            if x.severity != y.severity { return x.severity > y.severity }
            let (sx, sy) = (scores[x.ruleID] ?? 0, scores[y.ruleID] ?? 0)
            return sx != sy ? sx > sy : a < b
        }
        let kept = ranked.prefix(max(0, resultLimit)).sorted().map { findings[$0] }
        return (kept, findings.count - kept.count)
    }

    /// How many results `result` would lose to the limit (for the command's stderr note).
    public func omittedResults(_ result: ScanResult) -> Int {
        resultsWithinLimit(result).omitted
    }

    // MARK: - Rules

    /// The rules that ran, plus a bare entry for any finding's rule that is not among them, so
    /// every `ruleIndex` points somewhere.
    func ruleInfos(_ result: ScanResult) -> [RuleInfo] {
        var rules = result.rules
        var known = Set(rules.map(\.id))
        for finding in result.findings where known.insert(finding.ruleID).inserted {
            rules.append(RuleInfo(id: finding.ruleID, summary: finding.ruleID.rawValue, why: finding.ruleID.rawValue,
                                  instead: "", severity: finding.severity, kind: "unknown", allowedPaths: [],
                                  securitySeverity: Rule.defaultSecuritySeverity(finding.severity), precision: .high))
        }
        return rules
    }

    /// A rule's descriptor. Its tags depend on the rule only, never on which findings a run had
    /// (a finding's phase is in the result's properties): `security` (GitHub files the rule's
    /// alerts under security, with its `security-severity`), CWE links, the pack and the kind.
    /// The suppression rules are maintenance, not security: they carry only their pack and kind.
    func descriptor(_ rule: RuleInfo) -> SARIF.ReportingDescriptor {
        var tags: [String] = []
        // GitHub shows `external/cwe/cwe-NNN` as a CWE link; the pack says which policy it is.
        let cwe = rule.cwe.map { "external/cwe/" + $0.lowercased() }
        let pack = rule.pack.isEmpty ? [] : [rule.pack]
        let security = rule.kind == RuleKind.meta.rawValue ? [] : ["security"]
        for tag in security + cwe + pack + [rule.kind] where !tags.contains(tag) { tags.append(tag) }
        return SARIF.ReportingDescriptor(
            id: rule.id.rawValue, name: Self.pascalCase(rule.id.rawValue),
            shortDescription: SARIF.Message(text: Self.limited(rule.summary)),
            fullDescription: SARIF.Message(text: Self.limited(rule.why)),
            help: help(rule),
            defaultConfiguration: SARIF.Configuration(level: Self.level(rule.severity)),
            properties: SARIF.RuleProperties(tags: Array(tags.prefix(Self.tagLimit)),
                                             securitySeverity: security.isEmpty ? nil : rule.securitySeverity,
                                             precision: rule.precision.rawValue))
    }

    /// What the rule flags, why, what to do instead, and where the operation may live.
    func help(_ rule: RuleInfo) -> SARIF.MultiformatMessage {
        var text = "\(rule.summary)\n\nWhy: \(rule.why)"
        var markdown = "**\(rule.summary)**\n\n\(rule.why)"
        if !rule.instead.isEmpty {
            text += "\n\nInstead: \(rule.instead)"
            markdown += "\n\n**Instead:** \(rule.instead)"
        }
        if !rule.allowedPaths.isEmpty {
            text += "\n\nAllowed in: " + rule.allowedPaths.joined(separator: ", ")
            markdown += "\n\n**Allowed in:** " + rule.allowedPaths.map { "`\($0)`" }.joined(separator: ", ")
        }
        return SARIF.MultiformatMessage(text: text, markdown: markdown)
    }

    // MARK: - Results

    /// A result's message with its related locations linked from the text (`See [copy 2](1),
    /// [secret defined here](2).`): GitHub shows related locations only when the message links
    /// them. With links in a message, literal square brackets are escaped (SARIF §3.11.6).
    static func message(_ text: String, linking related: [String]) -> String {
        guard !related.isEmpty else { return text }
        func escaped(_ text: String) -> String { text.replacing("[", with: "\\[").replacing("]", with: "\\]") }
        let links = related.enumerated().map { "[\(escaped($1))](\($0 + 1))" }
        return escaped(text) + (text.hasSuffix(".") ? " See " : ". See ") + links.joined(separator: ", ") + "."
    }

    func result(_ finding: Finding, ruleIndex: Int?) -> SARIF.Result {
        let related = finding.relatedLocations.enumerated().map { offset, related in
            SARIF.Location(id: offset + 1,
                           physicalLocation: physicalLocation(related.path, related.utf16Location ?? related.location),
                           message: SARIF.Message(text: related.message))
        }
        let properties = finding.phase == nil && finding.phaseTitle == nil && finding.group == nil
            ? nil : SARIF.ResultProperties(phase: finding.phase, phaseTitle: finding.phaseTitle,
                                           group: finding.group?.id, groupSize: finding.group?.size)
        return SARIF.Result(
            ruleId: finding.ruleID.rawValue, ruleIndex: ruleIndex, level: Self.level(finding.severity),
            message: SARIF.Message(text: Self.message(finding.message, linking: finding.relatedLocations.map(\.message))),
            locations: [SARIF.Location(id: nil,
                                       physicalLocation: physicalLocation(finding.path, finding.utf16Location ?? finding.location),
                                       message: nil)],
            relatedLocations: related.isEmpty ? nil : related,
            partialFingerprints: finding.primaryLocationLineHash.map { ["primaryLocationLineHash": $0] },
            fingerprints: finding.fingerprint.isEmpty ? nil : [Fingerprints.version: finding.fingerprint],
            baselineState: finding.baselineState?.rawValue,
            suppressions: finding.suppression.map { [SARIF.Suppression(kind: "inSource", justification: $0.reason)] },
            properties: properties)
    }

    func physicalLocation(_ path: String, _ location: SourceLocation) -> SARIF.PhysicalLocation {
        SARIF.PhysicalLocation(
            artifactLocation: SARIF.ArtifactLocation(uri: URIPath.encode(pathPrefix + path), uriBaseId: Self.sourceRootID),
            region: SARIF.Region(startLine: max(1, location.line), startColumn: max(1, location.column),
                                 endLine: max(1, location.endLine), endColumn: max(1, location.endColumn)))
    }

    // MARK: - Diagnostics

    /// The run's one invocation: successful unless a diagnostic is an error; every diagnostic
    /// as a notification (with its file and line; the column counts characters, not UTF-16
    /// units, so it is left out).
    func invocation(_ diagnostics: [Diagnostic], omitted: Int = 0) -> SARIF.Invocation {
        var notifications = diagnostics.map { diagnostic in
            var locations: [SARIF.Location]?
            if !diagnostic.path.isEmpty {
                let artifact = diagnostic.path.hasPrefix("/")
                    ? SARIF.ArtifactLocation(uri: URIPath.fileURI(file: diagnostic.path), uriBaseId: nil)
                    : SARIF.ArtifactLocation(uri: URIPath.encode(pathPrefix + diagnostic.path), uriBaseId: Self.sourceRootID)
                let region = diagnostic.line.map { SARIF.Region(startLine: max(1, $0)) }
                locations = [SARIF.Location(physicalLocation: SARIF.PhysicalLocation(artifactLocation: artifact,
                                                                                     region: region))]
            }
            return SARIF.Notification(level: diagnostic.level.rawValue, message: SARIF.Message(text: diagnostic.message),
                                      locations: locations)
        }
        if omitted > 0 {
            notifications.append(SARIF.Notification(
                level: "warning",
                message: SARIF.Message(text: "\(omitted) results were left out: a run holds at most \(resultLimit) "
                                       + "(GitHub code scanning rejects more); the most severe were kept. "
                                       + "The JSON report has every finding."),
                locations: nil))
        }
        return SARIF.Invocation(executionSuccessful: !diagnostics.contains { $0.level == .error },
                                toolExecutionNotifications: notifications)
    }

    // MARK: - Helpers

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// `jwt-direct-import` → `JwtDirectImport`.
    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `text` cut to GitHub's description limit, ending in `…` when cut.
    static func limited(_ text: String) -> String {
        text.count <= descriptionLimit ? text : String(text.prefix(descriptionLimit - 1)) + "…"
    }
}
