/// Another place that belongs to a finding: the literal behind a hard-coded secret, the other
/// copies of a duplicated implementation.
public struct RelatedLocation: Hashable, Sendable, Comparable, Codable {
    /// POSIX path relative to the scan root.
    public var path: String
    public var location: SourceLocation
    public var message: String
    /// `location` with UTF-16 columns (see `Finding.utf16Location`); nil when not computed.
    public var utf16Location: SourceLocation?

    public init(path: String, location: SourceLocation, message: String, utf16Location: SourceLocation? = nil) {
        self.path = path
        self.location = location
        self.message = message
        self.utf16Location = utf16Location
    }

    public static func < (lhs: RelatedLocation, rhs: RelatedLocation) -> Bool {
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        return lhs.location < rhs.location
    }
}
