import JSONC
import Model

/// A committed baseline: the findings a team has accepted as known debt. Identity is the
/// fingerprint (rule, path, enclosing symbol, normalised text or secret hash, occurrence), never a
/// line number, so edits elsewhere in a file keep entries matched.
///
/// On disk (`version` 1): a JSON object whose `entries` are sorted by path, rule and fingerprint,
/// one entry per line, with no timestamps and no secrets (entries hold hashes, rule ids, paths and
/// phases only), so diffs are reviewable and merge conflicts rare.
public struct Baseline: Equatable, Sendable {
    public struct Entry: Hashable, Sendable, Comparable {
        public var fingerprint: String
        public var rule: String
        public var path: String
        public var phase: String?

        public init(fingerprint: String, rule: String, path: String, phase: String?) {
            self.fingerprint = fingerprint
            self.rule = rule
            self.path = path
            self.phase = phase
        }

        public init(_ finding: Finding) {
            self.init(fingerprint: finding.fingerprint, rule: finding.ruleID.rawValue, path: finding.path, phase: finding.phase)
        }

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
            if lhs.rule != rhs.rule { return lhs.rule < rhs.rule }
            return lhs.fingerprint < rhs.fingerprint
        }
    }

    public static let formatVersion = 1
    public static let kind = "ssotguard-baseline"

    public var entries: [Entry]
    /// The file's `$schema` (a path an editor resolves), kept when the baseline is rewritten.
    public var schema: String?

    public init(entries: [Entry]) {
        self.entries = Array(Set(entries)).sorted()
    }

    /// The baseline of a scan's active findings (inline-suppressed ones are accepted in the code).
    public init(findings: [Finding]) {
        self.init(entries: findings.filter { $0.suppression == nil }.map(Entry.init))
    }

    // MARK: - Text

    /// The file's text: one entry per line.
    public func serialized() -> String {
        var out = "{\n"
        if let schema { out += "  \"$schema\": " + JSONC.serialize(.string(schema), pretty: false) + ",\n" }
        out += "  \"kind\": \"\(Self.kind)\",\n  \"version\": \(Self.formatVersion),\n  \"entries\": [\n"
        for (index, entry) in entries.enumerated() {
            var members: [JSONMember] = [
                JSONMember("fingerprint", .string(entry.fingerprint)), JSONMember("rule", .string(entry.rule)),
                JSONMember("path", .string(entry.path)),
            ]
            if let phase = entry.phase { members.append(JSONMember("phase", .string(phase))) }
            out += "    " + JSONC.serialize(.object(members), pretty: false)
            out += index == entries.count - 1 ? "\n" : ",\n"
        }
        return out + "  ]\n}\n"
    }

    /// Parses a baseline file's text; errors say what is wrong and where.
    public static func parse(_ bytes: [UInt8], file: String) throws(BaselineError) -> Baseline {
        do {
            let reader = try JSONObjectReader(try JSONC.parse(bytes))
            guard reader.contains("kind"), reader.contains("entries") else {
                if reader.contains("runs") { throw BaselineError("\(file): this is a SARIF log, not an ssotguard baseline") }
                if reader.contains("findings") {
                    throw BaselineError("\(file): this is an ssotguard JSON report, not a baseline; write one with --write-baseline")
                }
                throw BaselineError("\(file): not an ssotguard baseline (no \"kind\": \"\(kind)\" and \"entries\")")
            }
            guard try reader.string("kind") == kind else {
                throw BaselineError("\(file): not an ssotguard baseline (\"kind\" is not \"\(kind)\")")
            }
            let version = try reader.int("version")
            guard version == formatVersion else {
                throw BaselineError("\(file): unsupported baseline version \(version); this ssotguard reads version \(formatVersion)")
            }
            let schema = try reader.optionalString("$schema")
            var entries: [Entry] = []
            for item in try reader.objects("entries") {
                entries.append(Entry(fingerprint: try item.string("fingerprint"), rule: try item.string("rule"),
                                     path: try item.string("path"), phase: try item.optionalString("phase")))
                try item.finish()
            }
            try reader.finish()
            var baseline = Baseline(entries: entries)
            baseline.schema = schema
            return baseline
        } catch let error as BaselineError {
            throw error
        } catch let error as JSONSyntaxError {
            throw BaselineError("\(file):\(error.description)")
        } catch let error as JSONSchemaError {
            throw BaselineError("\(file):\(error.description)")
        } catch {
            throw BaselineError("\(file): \(error)")
        }
    }

    public static func load(file: String) throws(BaselineError) -> Baseline {
        switch JSONC.readFile(file) {
        case .success(let bytes): return try parse(bytes, file: file)
        case .failure(let error): throw BaselineError("\(file): cannot read the baseline: \(error.reason)")
        }
    }
}

/// A baseline that cannot be used (exit 2): the message names the file and what is wrong.
public struct BaselineError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
