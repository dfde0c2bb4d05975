import Model

/// Cross-file stage: groups findings that implement the same operation.
///
/// Findings of one rule that carry a `groupKey` or a `shape` are grouped when they share the key
/// (the normalised operation name: `validate_token` and `validateToken`) or when their bodies are
/// near-copies:
/// the estimated Jaccard similarity of their shapes (`ShapeSignature`) is at least
/// `similarityThreshold`, both having at least `minimumShape` shingles so that one-line bodies do
/// not all look alike. Grouping is transitive.
///
/// Linear in the number of findings: keys and identical shapes are joined through hash tables,
/// and near-copies are found by locality-sensitive hashing (`bands` bands of `rows` signature
/// slots; two shapes are compared only when a whole band agrees, and each member is compared
/// with at most `representativesPerBucket` earlier members of other groups per band). A pair
/// at similarity 0.7 shares a band with probability above 0.9998; every joined pair is checked.
///
/// A group's full membership is reported once (`ScanResult.groups`); each member names its group
/// and carries at most `Finding.relatedLimit` other members as related locations.
public enum DuplicateGrouping {
    /// Near-copy threshold: renamed variables and a changed line or two stay above it; unrelated
    /// bodies of the same size fall well below.
    public static let similarityThreshold = 0.7
    /// Shingles a shape needs to be compared (about a dozen tokens of body).
    public static let minimumShape = 8
    /// The related-location message prefix that marks a group member.
    public static let relatedPrefix = "also implemented here: "
    static let rows = 4
    static let bands = ShapeSignature.slots / rows
    static let representativesPerBucket = 4

    /// `findings` (in report order) with group memberships and related locations set, and the
    /// groups of two or more members in the order of their first member.
    public static func group(_ findings: [Finding]) -> (findings: [Finding], groups: [FindingGroup]) {
        var findings = findings
        let groups = group(&findings)
        return (findings, groups)
    }

    /// Sets group memberships and related locations on `findings` (in report order), in place,
    /// and returns the groups.
    public static func group(_ findings: inout [Finding]) -> [FindingGroup] {
        var byRule: [RuleID: [Int]] = [:]
        for (index, finding) in findings.enumerated() where finding.groupKey != nil || finding.shape != nil {
            byRule[finding.ruleID, default: []].append(index)
        }
        var components: [[Int]] = []
        for members in byRule.values where members.count > 1 {
            components += self.components(members, findings).filter { $0.count > 1 }
        }
        guard !components.isEmpty else { return [] }
        components.sort { $0[0] < $1[0] }
        var groups: [FindingGroup] = []
        for (number, component) in components.enumerated() {
            let id = "G\(number + 1)"
            let members = component.map { index in
                FindingGroup.Member(path: findings[index].path, location: findings[index].location,
                                    utf16Location: findings[index].utf16Location, subject: subject(of: findings[index]))
            }
            groups.append(FindingGroup(id: id, ruleID: findings[component[0]].ruleID, name: plainName(members[0].subject),
                                       members: members))
            for (position, index) in component.enumerated() {
                findings[index].group = GroupMembership(id: id, size: component.count)
                var related = findings[index].relatedLocations
                for (otherPosition, other) in members.enumerated() where otherPosition != position {
                    guard related.count < Finding.relatedLimit else { break }
                    related.append(RelatedLocation(path: other.path, location: other.location,
                                                   message: relatedPrefix + "`\(other.subject)`", utf16Location: other.utf16Location))
                }
                findings[index].relatedLocations = related.sorted()
            }
        }
        return groups
    }

    /// Connected components of `members` (ascending indices) under "same key or near-copy", each
    /// sorted.
    private static func components(_ members: [Int], _ findings: [Finding]) -> [[Int]] {
        var sets = DisjointSets(count: members.count)
        var firstWithKey: [String: Int] = [:]
        var firstWithShape: [[UInt64]: Int] = [:]
        var shaped: [Int] = []
        for (position, index) in members.enumerated() {
            if let key = findings[index].groupKey {
                if let first = firstWithKey[key] { sets.union(first, position) } else { firstWithKey[key] = position }
            }
            guard let shape = findings[index].shape, shape.shingleCount >= minimumShape else { continue }
            if let first = firstWithShape[shape.minima] {
                sets.union(first, position)
            } else {
                firstWithShape[shape.minima] = position
                shaped.append(position)
            }
        }
        // Near-copies among the distinct shapes, through the bands.
        for band in 0..<bands {
            var buckets: [BandKey: [Int]] = [:]
            for position in shaped {
                let minima = findings[members[position]].shape!.minima
                let key = BandKey(minima[(band * rows)..<(band * rows + rows)])
                var representatives = buckets[key] ?? []
                var joined = false
                for other in representatives {
                    if sets.find(other) == sets.find(position) {
                        joined = true
                        break
                    }
                    if similarity(findings[members[other]].shape, findings[members[position]].shape) >= similarityThreshold {
                        sets.union(other, position)
                        joined = true
                        break
                    }
                }
                if !joined, representatives.count < representativesPerBucket {
                    representatives.append(position)
                    buckets[key] = representatives
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for position in members.indices { groups[sets.find(position), default: []].append(members[position]) }
        return groups.values.map { $0.sorted() }
    }

    /// Estimated Jaccard similarity of two shapes (0 when either is missing).
    public static func similarity(_ a: ShapeSignature?, _ b: ShapeSignature?) -> Double {
        guard let a, let b else { return 0 }
        return a.similarity(to: b)
    }

    /// One band of a signature, as a hash key.
    private struct BandKey: Hashable {
        var slots: (UInt64, UInt64, UInt64, UInt64)

        init(_ slice: ArraySlice<UInt64>) {
            let base = slice.startIndex
            slots = (slice[base], slice[base + 1], slice[base + 2], slice[base + 3])
        }

        static func == (lhs: BandKey, rhs: BandKey) -> Bool {
            lhs.slots.0 == rhs.slots.0 && lhs.slots.1 == rhs.slots.1 && lhs.slots.2 == rhs.slots.2 && lhs.slots.3 == rhs.slots.3
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(slots.0)
            hasher.combine(slots.1)
            hasher.combine(slots.2)
            hasher.combine(slots.3)
        }
    }

    /// Union–find with path halving and union by smaller root index.
    private struct DisjointSets {
        private var parent: [Int]

        init(count: Int) { parent = Array(0..<count) }

        mutating func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }

        mutating func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
    }

    // MARK: - Names

    /// The function a grouped finding is about: its subject (`TokenService.verify_token`), else
    /// its group key.
    public static func subject(of finding: Finding) -> String {
        finding.subject ?? finding.groupKey ?? finding.ruleID.rawValue
    }

    /// `TokenService.verify_token` → `verify_token`.
    static func plainName(_ subject: String) -> String {
        guard let dot = subject.lastIndex(of: ".") else { return subject }
        return String(subject[subject.index(after: dot)...])
    }
}
