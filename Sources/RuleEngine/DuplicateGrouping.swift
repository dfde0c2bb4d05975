import Model

/// Cross-file stage: groups findings that implement the same operation.
///
/// Findings of one rule that carry a `groupKey` are grouped when they share it (the normalised
/// operation name: `validate_token` and `validateToken`) or when their bodies are near-copies: the
/// Jaccard similarity of their `shape`s (structural shingle hashes) is at least
/// `similarityThreshold`, both having at least `minimumShape` shingles so that one-line bodies do
/// not all look alike. Grouping is transitive. Every member of a group of two or more gets the
/// other members as related locations ("also implemented here: `Class.verify_token`").
public enum DuplicateGrouping {
    /// Near-copy threshold: renamed variables and a changed line or two stay above it; unrelated
    /// bodies of the same size fall well below.
    public static let similarityThreshold = 0.7
    /// Shingles a shape needs to be compared (about a dozen tokens of body).
    public static let minimumShape = 8
    /// The related-location message prefix that marks a group member.
    public static let relatedPrefix = "also implemented here: "

    /// `findings` (in report order) with the other members of each group as related locations.
    public static func group(_ findings: [Finding]) -> [Finding] {
        var byRule: [RuleID: [Int]] = [:]
        for (index, finding) in findings.enumerated() where finding.groupKey != nil {
            byRule[finding.ruleID, default: []].append(index)
        }
        guard !byRule.isEmpty else { return findings }
        var result = findings
        for members in byRule.values where members.count > 1 {
            for group in components(members, findings) where group.count > 1 {
                for member in group {
                    let others = group.filter { $0 != member }.map {
                        RelatedLocation(path: findings[$0].path, location: findings[$0].location,
                                        message: relatedPrefix + "`\(subject(of: findings[$0]))`",
                                        utf16Location: findings[$0].utf16Location)
                    }
                    result[member].relatedLocations = (result[member].relatedLocations + others).sorted()
                }
            }
        }
        return result
    }

    /// Connected components of `members` under "same key or near-copy", each sorted.
    private static func components(_ members: [Int], _ findings: [Finding]) -> [[Int]] {
        var parent = Array(members.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var firstWithKey: [String: Int] = [:]
        for (position, index) in members.enumerated() {
            guard let key = findings[index].groupKey else { continue }
            if let first = firstWithKey[key] { union(first, position) } else { firstWithKey[key] = position }
        }
        let shaped = members.indices.filter { findings[members[$0]].shape.count >= minimumShape }
        for (offset, a) in shaped.enumerated() {
            for b in shaped[(offset + 1)...] where root(a) != root(b) {
                if similarity(findings[members[a]].shape, findings[members[b]].shape) >= similarityThreshold { union(a, b) }
            }
        }
        var groups: [Int: [Int]] = [:]
        for position in members.indices { groups[root(position), default: []].append(members[position]) }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// Jaccard similarity of two sorted, distinct hash lists.
    public static func similarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        let smaller = Double(min(a.count, b.count))
        let larger = Double(max(a.count, b.count))
        // |A ∩ B| / |A ∪ B| <= smaller / larger: skip pairs that cannot reach the threshold.
        if smaller / larger < similarityThreshold { return smaller / larger }
        var i = 0
        var j = 0
        var common = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    // MARK: - Names and groups for reports

    /// The function a grouped finding is about: the first backquoted name in its message that
    /// ends with the reported name (`TokenService.verify_token` for `verify_token`), else the
    /// reported name itself (the text under the finding's columns).
    public static func subject(of finding: Finding) -> String {
        let name = reportedText(of: finding)
        var rest = Substring(finding.message)
        while let open = rest.firstIndex(of: "`") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "`") else { break }
            let quoted = after[..<close]
            if !name.isEmpty, quoted == name || quoted.hasSuffix("." + name) { return String(quoted) }
            rest = after[after.index(after: close)...]
        }
        return name.isEmpty ? (finding.groupKey ?? "") : name
    }

    /// The text of the finding's span on its first line (columns count Unicode scalars).
    static func reportedText(of finding: Finding) -> String {
        let scalars = Array(finding.lineText.unicodeScalars)
        let start = max(0, finding.location.column - 1)
        let end = finding.location.endLine == finding.location.line ? finding.location.endColumn - 1 : scalars.count
        guard start < min(end, scalars.count) else { return "" }
        return String(String.UnicodeScalarView(scalars[start..<min(end, scalars.count)]))
    }

    /// A group as reports show it: the first member's name and every member's place.
    public struct Group: Hashable, Sendable {
        public var name: String
        /// `(path, line)` of each member, in report order.
        public var places: [RelatedLocation]
    }

    /// The groups among `findings` (each once, led by its first member in report order) that have
    /// at least one member in `findings`.
    public static func groups(in findings: [Finding]) -> [Group] {
        var seen: Set<[String]> = []
        var result: [Group] = []
        for finding in findings where finding.groupKey != nil {
            let others = finding.relatedLocations.filter { $0.message.hasPrefix(relatedPrefix) }
            guard !others.isEmpty else { continue }
            let own = RelatedLocation(path: finding.path, location: finding.location, message: "")
            let places = ([own] + others).sorted()
            let key = places.map { "\($0.path):\($0.location.line):\($0.location.column)" }
            guard seen.insert(key).inserted else { continue }
            let name = places[0] == own ? reportedText(of: finding)
                : String(others.first { $0.path == places[0].path && $0.location == places[0].location }?.message
                    .dropFirst(relatedPrefix.count).trimmingBackquotes ?? "")
            result.append(Group(name: name.isEmpty ? subject(of: finding) : name, places: places))
        }
        return result
    }
}

private extension Substring {
    /// `` `Class.method` `` → `method`: the plain name of a quoted qualified name.
    var trimmingBackquotes: Substring {
        var text = self
        if text.first == "`" { text = text.dropFirst() }
        if text.last == "`" { text = text.dropLast() }
        if let dot = text.lastIndex(of: ".") { text = text[text.index(after: dot)...] }
        return text
    }
}
