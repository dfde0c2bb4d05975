import Model

/// A migration plan: ordered phases that together own every finding. Loaded from a plan file
/// (`rules/plan-*.json`), validated like rule files.
public struct Plan: Sendable, Equatable {
    public var name: String
    public var title: String
    public var description: String?
    /// What counts as test code for `testCode` criteria.
    public var testPaths: [Glob]
    public var phases: [Phase]
    /// Where it was loaded from: a file path, or `built-in:<file>`.
    public var source: String

    public init(name: String, title: String, description: String?, testPaths: [Glob], phases: [Phase], source: String) {
        self.name = name
        self.title = title
        self.description = description
        self.testPaths = testPaths
        self.phases = phases
        self.source = source
    }

    /// Whether `path` is test code under this plan.
    public func isTestCode(_ path: String) -> Bool {
        testPaths.contains { $0.matches(path) }
    }
}

/// One phase of a plan.
public struct Phase: Sendable, Equatable {
    public var id: String
    public var title: String
    public var description: String
    /// Due date as `YYYY-MM-DD`, if the plan sets one.
    public var due: String?
    /// Any of these accepts a finding.
    public var criteria: [PhaseCriteria]
    public var done: CompletionCriterion

    public init(id: String, title: String, description: String, due: String?, criteria: [PhaseCriteria],
                done: CompletionCriterion) {
        self.id = id
        self.title = title
        self.description = description
        self.due = due
        self.criteria = criteria
        self.done = done
    }
}

/// One way into a phase: every field that is set must hold.
public struct PhaseCriteria: Sendable, Equatable {
    /// The finding's rule is one of these (ids or aliases).
    public var rules: Set<RuleID>?
    /// The finding's path matches one of these globs.
    public var paths: [Glob]?
    /// The finding's path is one of these files (matched at any depth, like globs).
    public var files: [Glob]?
    /// The finding is (true) or is not (false) in test code.
    public var testCode: Bool?
    /// Where each of `rules` is written (`line:column: at "path"`), for an unknown id's error.
    public var ruleLocations: [RuleID: String] = [:]

    public init(rules: Set<RuleID>? = nil, paths: [Glob]? = nil, files: [Glob]? = nil, testCode: Bool? = nil) {
        self.rules = rules
        self.paths = paths
        self.files = files
        self.testCode = testCode
    }

    func accepts(rule: RuleID, path: String, isTest: Bool) -> Bool {
        if let rules, !rules.contains(rule) { return false }
        if let paths, !paths.contains(where: { $0.matches(path) }) { return false }
        if let files, !files.contains(where: { $0.matches(path) }) { return false }
        if let testCode, testCode != isTest { return false }
        return true
    }
}

/// When a phase is done: at most `openFindings` findings left in it.
public struct CompletionCriterion: Sendable, Equatable {
    public var openFindings: Int
    public var description: String

    public init(openFindings: Int, description: String) {
        self.openFindings = openFindings
        self.description = description
    }
}

extension Phase {
    /// The bucket for findings no phase accepts: visible, never dropped.
    public static let unplannedID = "unplanned"
    public static let unplanned = Phase(
        id: unplannedID, title: "Unplanned", description: "Findings that no phase of the plan accepts.", due: nil,
        criteria: [], done: CompletionCriterion(openFindings: 0, description: "No unplanned findings"))
}
