import JSONC
import Model

/// A plan file that cannot be used; the message names the file, line, column and key path.
public struct PlanLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// Loads and validates migration plans (JSON with comments), like rule files.
public enum PlanLoader {
    public static let formatVersion = 1

    /// The plan compiled into the binary (`rules/plan-jwt-ssot.json` at build time).
    public static func builtin() throws(PlanLoadError) -> Plan {
        let (name, text) = BuiltinPlans.files[0]
        return try load(bytes: Array(text.utf8), source: "built-in:rules/\(name)")
    }

    public static func load(file: String) throws(PlanLoadError) -> Plan {
        switch JSONC.readFile(file) {
        case .success(let bytes): return try load(bytes: bytes, source: file)
        case .failure(let error): throw PlanLoadError("\(file): cannot read plan file: \(error.reason)")
        }
    }

    public static func load(bytes: [UInt8], source: String) throws(PlanLoadError) -> Plan {
        do {
            return try plan(try JSONC.parse(bytes), source: source)
        } catch let error as JSONSyntaxError {
            throw PlanLoadError("\(source):\(error.description)")
        } catch let error as JSONSchemaError {
            throw PlanLoadError("\(source):\(error.description)")
        } catch {
            throw PlanLoadError("\(source): \(error)")
        }
    }

    /// Checks that every rule id a plan names is a known rule id or alias.
    public static func validate(_ plan: Plan, knownRules: Set<RuleID>) throws(PlanLoadError) {
        for phase in plan.phases {
            for criteria in phase.criteria {
                for rule in (criteria.rules ?? []).sorted() where !knownRules.contains(rule) {
                    let place = criteria.ruleLocations[rule].map { ":" + $0 } ?? ""
                    let hint = Suggestion.nearest(to: rule.rawValue, among: knownRules.map(\.rawValue).sorted())
                        .map { "; did you mean \"\($0)\"?" } ?? ""
                    throw PlanLoadError("\(plan.source)\(place): phase \"\(phase.id)\" names unknown rule \"\(rule)\"" + hint)
                }
            }
        }
    }

    // MARK: - Schema

    private static func plan(_ root: JSONNode, source: String) throws -> Plan {
        let file = try JSONObjectReader(root)
        let version = try file.int("version")
        guard version == formatVersion else {
            throw file.error("unsupported plan file version \(version); this ssotguard reads version \(formatVersion)",
                             key: "version")
        }
        let name = try file.string("plan")
        let title = try file.string("title")
        let description = try file.optionalString("description")
        let testPaths = try globs(file, key: "testPaths") ?? []
        var phases: [Phase] = []
        var seen: Set<String> = []
        for reader in try file.objects("phases") {
            let phase = try self.phase(reader)
            guard seen.insert(phase.id).inserted, phase.id != Phase.unplannedID else {
                throw reader.error("duplicate or reserved phase id \"\(phase.id)\"", key: "id")
            }
            phases.append(phase)
        }
        guard !phases.isEmpty else { throw file.error("a plan needs at least one phase", key: "phases") }
        try file.finish()
        return Plan(name: name, title: title, description: description, testPaths: testPaths, phases: phases, source: source)
    }

    private static func phase(_ reader: JSONObjectReader) throws -> Phase {
        let id = try reader.string("id")
        guard isValidID(id) else {
            throw reader.error("phase ids are lowercase letters, digits, '.' and '-' (e.g. \"phase-1.1\"), got \"\(id)\"", key: "id")
        }
        let due = try reader.optionalString("due")
        if let due, !isValidDate(due) {
            throw reader.error("expected a date as YYYY-MM-DD, got \"\(due)\"", key: "due")
        }
        var criteria: [PhaseCriteria] = []
        for entry in try reader.objects("match") {
            let rules = try entry.optionalStringArray("rules").map { Set($0.map { RuleID($0) }) }
            var criterion = PhaseCriteria(rules: rules, paths: try globs(entry, key: "paths"),
                                          files: try globs(entry, key: "files"), testCode: try entry.optionalBool("testCode"))
            if case .array(let elements)? = entry.node("rules")?.value {
                for (index, element) in elements.enumerated() {
                    guard case .string(let id) = element.value else { continue }
                    let place = element.schemaError("", at: JSONKeyPath.appending(index: index, to: entry.path(of: "rules")))
                    criterion.ruleLocations[RuleID(id)] = "\(place.position): \(place.pathDescription)"
                }
            }
            criteria.append(criterion)
            try entry.finish()
        }
        let doneReader = try reader.object("done")
        let done = CompletionCriterion(openFindings: try doneReader.optionalInt("openFindings") ?? 0,
                                       description: try doneReader.string("description"))
        guard done.openFindings >= 0 else { throw doneReader.error("must not be negative", key: "openFindings") }
        try doneReader.finish()
        let phase = Phase(id: id, title: try reader.string("title"), description: try reader.string("description"),
                          due: due, criteria: criteria, done: done)
        try reader.finish()
        return phase
    }

    private static func globs(_ reader: JSONObjectReader, key: String) throws -> [Glob]? {
        guard let patterns = try reader.optionalStringArray(key) else { return nil }
        var globs: [Glob] = []
        for (index, pattern) in patterns.enumerated() {
            do {
                globs.append(try Glob(pattern))
            } catch {
                var failure = reader.error(error.description, key: key)
                failure.path = reader.path(of: key, index: index)
                throw failure
            }
        }
        return globs
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
        }
    }

    /// `YYYY-MM-DD` with a real month and day.
    static func isValidDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month) else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
