/// Findings that are one problem in several places: the copies of a duplicated implementation.
///
/// The full membership is kept once, here; each member finding only names its group and size and
/// carries at most `Finding.relatedLimit` other members as related locations, so reports stay
/// linear in the number of findings however large a group is.
public struct FindingGroup: Hashable, Sendable {
    /// One member: where it is and what it is called.
    public struct Member: Hashable, Sendable {
        public var path: String
        public var location: SourceLocation
        public var utf16Location: SourceLocation?
        /// The function the finding is about (`TokenService.verify_token`).
        public var subject: String

        public init(path: String, location: SourceLocation, utf16Location: SourceLocation? = nil, subject: String) {
            self.path = path
            self.location = location
            self.utf16Location = utf16Location
            self.subject = subject
        }
    }

    /// `G1`, `G2`, ... in the report order of each group's first member.
    public var id: String
    public var ruleID: RuleID
    /// What the group implements, named after its first member.
    public var name: String
    /// Every member in report order.
    public var members: [Member]

    public init(id: String, ruleID: RuleID, name: String, members: [Member]) {
        self.id = id
        self.ruleID = ruleID
        self.name = name
        self.members = members
    }
}

/// A finding's place in a `FindingGroup`.
public struct GroupMembership: Hashable, Sendable, Codable {
    public var id: String
    /// How many findings the group has.
    public var size: Int

    public init(id: String, size: Int) {
        self.id = id
        self.size = size
    }
}
