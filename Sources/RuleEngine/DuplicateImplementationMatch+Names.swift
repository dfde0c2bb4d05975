import Facts
import Model

extension DuplicateImplementationMatch {
    /// A name pattern matched against *normalised* names: lowercase ASCII, `_` and `-` removed,
    /// so `*validate*token*` matches `validateAccessToken` and `validate_access_token`. `*`
    /// matches any run of characters.
    public struct NormalizedPattern: Hashable, Sendable, CustomStringConvertible {
        /// The pattern as written in the rule file.
        public let pattern: String
        /// The normalised pattern, matched by the one wildcard matcher.
        private let normalizedPattern: NamePattern
        /// The bytes a name must contain to match: a cheap first test.
        let required: ByteSet

        public init(_ pattern: String) {
            self.pattern = pattern
            let normalized = Self.normalize(pattern)
            normalizedPattern = NamePattern(String(decoding: normalized, as: UTF8.self))
            required = ByteSet(normalized.filter { $0 != UInt8(ascii: "*") })
        }

        public var description: String { pattern }

        /// Whether `name` (as written) matches.
        public func matches(_ name: String) -> Bool { matches(normalized: Self.normalize(name)) }

        /// Whether an already normalised name matches.
        func matches(normalized text: [UInt8]) -> Bool { normalizedPattern.matches(utf8: text) }

        /// `name` as rules compare names (see `NamePattern.normalizedName`).
        public static func normalize(_ name: String) -> [UInt8] { NamePattern.normalizedName(name) }

        static func normalize(_ name: String, into buffer: inout [UInt8]) { NamePattern.normalizedName(name, into: &buffer) }
    }

    /// The set of byte values in a text, as four 64-bit words.
    struct ByteSet: Hashable, Sendable {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes {
                let bit = UInt64(1) << UInt64(byte & 63)
                switch byte >> 6 {
                case 0: words.0 |= bit
                case 1: words.1 |= bit
                case 2: words.2 |= bit
                default: words.3 |= bit
                }
            }
        }

        /// Whether every byte of `other` is in this set.
        func contains(_ other: ByteSet) -> Bool {
            other.words.0 & ~words.0 == 0 && other.words.1 & ~words.1 == 0
                && other.words.2 & ~words.2 == 0 && other.words.3 & ~words.3 == 0
        }

        static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
            lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }

    /// Matches normalised names against several patterns, skipping patterns whose bytes the name
    /// lacks (most names of a codebase fail that test at once).
    struct NormalizedMatcher {
        let patterns: [NormalizedPattern]

        init(_ patterns: [NormalizedPattern]) { self.patterns = patterns }

        func matches(_ normalized: [UInt8]) -> Bool {
            let present = ByteSet(normalized)
            return patterns.contains { present.contains($0.required) && $0.matches(normalized: normalized) }
        }

        func matches(_ name: String) -> Bool { matches(NormalizedPattern.normalize(name)) }
    }
}
