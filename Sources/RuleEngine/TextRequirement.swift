import Model

/// What a file's text must contain for a rule to fire in it: each rule kind states it from the
/// rule's data (`RuleMatch.requirement(for:)`), and the `Prefilter` skips files that meet no
/// rule's requirement.
///
/// A disjunction of clauses. A clause holds when every one of its groups has a needle in the
/// file and, if it lists paths, the file's path matches one of them. Sound, not tight: a rule
/// that fires in a file always finds its requirement met there; the converse is not promised.
///
/// Needles are compared with the file's *folded* text (see `Prefilter`): ASCII letters in lower
/// case; `_`, `-` and `.` left out (names are matched with those removed or joined by dots);
/// the letters a non-ASCII character becomes when a matcher lower- or upper-cases it; escapes in
/// strings decoded. A `.word` needle is compared with the raw text as a whole word (what
/// `FileFacts.mentions` compares: an identifier, or a string's contents).
public struct TextRequirement: Sendable, Equatable {
    public enum Needle: Hashable, Sendable {
        case text([UInt8])
        case word([UInt8])
    }

    public struct Clause: Sendable, Equatable {
        public var groups: [[Needle]]
        public var paths: [Glob]

        public init(groups: [[Needle]], paths: [Glob] = []) {
            self.groups = groups
            self.paths = paths
        }
    }

    public var clauses: [Clause]

    public init(clauses: [Clause]) { self.clauses = clauses }

    /// Holds in every file (a rule whose needles cannot be told).
    public static let always = TextRequirement(clauses: [Clause(groups: [])])
    /// Holds in no file (a rule with nothing to match in a language).
    public static let never = TextRequirement(clauses: [])

    public var isAlways: Bool { clauses.contains { $0.groups.isEmpty && $0.paths.isEmpty } }

    /// Either requirement.
    public func or(_ other: TextRequirement) -> TextRequirement {
        TextRequirement(clauses: clauses + other.clauses)
    }

    /// One of `words` (folded) in the file; `always` when one of them has no letters to look for.
    static func anyText(_ words: [String]) -> TextRequirement {
        let needles = words.map(folded)
        guard !needles.contains(where: \.isEmpty) else { return .always }
        return needles.isEmpty ? .never : TextRequirement(clauses: [Clause(groups: [needles.map(Needle.text)])])
    }

    /// Every fragment of one name pattern (`*validate*token*`: `validate` and `token`).
    static func name(_ pattern: String) -> TextRequirement {
        let parts = fragments(of: pattern)
        return parts.isEmpty ? .always : TextRequirement(clauses: [Clause(groups: parts.map { [.text($0)] })])
    }

    /// Any of `patterns` matched by name: one clause per pattern.
    static func names<S: Sequence>(_ patterns: S) -> TextRequirement where S.Element == String {
        patterns.reduce(.never) { $0.or(.name($1)) }
    }

    /// One group for a clause: one fragment of each pattern (a pattern matches only where all
    /// its fragments are): the first of three bytes or more, usually the rarest (the module of a
    /// qualified name: `jwt` of `jwt.encode`), else the longest. Nil when a pattern has no
    /// fragment (it matches anything).
    static func group<S: Sequence>(_ patterns: S) -> [Needle]? where S.Element == String {
        var needles: [Needle] = []
        for pattern in patterns {
            let parts = fragments(of: pattern)
            guard let pick = parts.first(where: { $0.count >= 3 }) ?? parts.max(by: { $0.count < $1.count }) else { return nil }
            needles.append(.text(pick))
        }
        return needles
    }

    /// Adds to every clause the groups of `lists` (see `all`): each must hold as well.
    func and(_ lists: [[String]]) -> TextRequirement {
        let extra = TextRequirement.all(lists)
        guard let clause = extra.clauses.first else { return .never }
        return TextRequirement(clauses: clauses.map { Clause(groups: $0.groups + clause.groups, paths: $0.paths) })
    }

    /// Adds a group of raw needles (already folded) to every clause.
    func and(folded needles: [[UInt8]]) -> TextRequirement {
        guard !needles.contains(where: \.isEmpty) else { return self }
        guard !needles.isEmpty else { return .never }
        return TextRequirement(clauses: clauses.map { Clause(groups: $0.groups + [needles.map(Needle.text)], paths: $0.paths) })
    }

    /// A clause of groups, each from a list of patterns (see `group`); a list with a pattern that
    /// matches anything drops out, and an empty list makes the clause impossible.
    static func all(_ lists: [[String]], words: [[String]] = []) -> TextRequirement {
        var groups: [[Needle]] = []
        for list in lists {
            guard let group = group(list) else { continue }
            guard !group.isEmpty else { return .never }
            groups.append(group)
        }
        for list in words {
            guard !list.isEmpty else { return .never }
            groups.append(list.map { .word(Array($0.utf8)) })
        }
        return TextRequirement(clauses: [Clause(groups: groups)])
    }

    /// The pieces of a pattern that a matching name holds as written in the file: split at `*`
    /// (wildcards), `.` `/` `:` `@` (qualified names join pieces with them) and `(` `)` (added by
    /// call resolution), then folded.
    static func fragments(of pattern: String) -> [[UInt8]] {
        let separators: Set<UInt8> = Set("*./:@()".utf8)
        return pattern.utf8.split(whereSeparator: { separators.contains($0) }).map { folded(String(decoding: $0, as: UTF8.self)) }
            .filter { !$0.isEmpty }
    }

    /// ASCII letters lower-cased; `_`, `-` and `.` left out (what `Prefilter` does to the text).
    static func folded(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for byte in text.utf8 where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") && byte != UInt8(ascii: ".") {
            out.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        return out
    }
}

extension RuleMatch {
    /// What a file in `language` must contain for a rule of this match to fire in it.
    public func requirement(for language: Language) -> TextRequirement {
        switch self {
        case .forbiddenImport(let match): return match.requirement(for: language)
        case .forbiddenCall(let calls): return .names((calls[language] ?? []).map(\.pattern))
        case .duplicateImplementation(let match): return match.requirement(for: language)
        case .manualDecode(let match): return match.requirement(for: language)
        case .hardcodedSecret(let match): return match.requirement(for: language)
        case .forbiddenEnv(let match): return match.requirement(for: language)
        case .insecureCall(let match): return match.requirement(for: language)
        case .localFallback(let match): return match.requirement(for: language)
        case .urlToken(let match): return match.requirement(for: language)
        // Suppression findings come from directives (`# ssotguard: ...`).
        case .meta: return .anyText(["ssotguard"])
        }
    }
}
