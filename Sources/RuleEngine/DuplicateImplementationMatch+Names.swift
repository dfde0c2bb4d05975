import Facts
import Model

extension DuplicateImplementationMatch {
    /// A name pattern matched against *normalised* names: lowercase ASCII, `_` and `-` removed,
    /// so `*validate*token*` matches `validateAccessToken` and `validate_access_token`. `*`
    /// matches any run of characters.
    public struct NormalizedPattern: Hashable, Sendable, CustomStringConvertible {
        /// The pattern as written in the rule file.
        public let pattern: String
        private let parts: [[UInt8]]
        private let startsWithStar: Bool
        private let endsWithStar: Bool
        /// The bytes a name must contain to match: a cheap first test.
        let required: ByteSet

        public init(_ pattern: String) {
            self.pattern = pattern
            let normalized = Self.normalize(pattern)
            parts = normalized.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: true).map(Array.init)
            startsWithStar = normalized.first == UInt8(ascii: "*")
            endsWithStar = normalized.last == UInt8(ascii: "*")
            required = ByteSet(parts.joined())
        }

        public var description: String { pattern }

        /// Whether `name` (as written) matches.
        public func matches(_ name: String) -> Bool { matches(normalized: Self.normalize(name)) }

        /// Whether an already normalised name matches.
        func matches(normalized text: [UInt8]) -> Bool {
            if parts.isEmpty { return startsWithStar || text.isEmpty }
            var position = 0
            for (index, part) in parts.enumerated() {
                let isLast = index == parts.count - 1
                if index == 0, !startsWithStar {
                    guard Self.hasPart(text, part, at: 0) else { return false }
                    position = part.count
                    if isLast { return endsWithStar || position == text.count }
                    continue
                }
                if isLast, !endsWithStar {
                    let start = text.count - part.count
                    return start >= position && Self.hasPart(text, part, at: start)
                }
                guard let found = Self.find(part, in: text, from: position) else { return false }
                position = found + part.count
            }
            return true
        }

        /// `name` lowercased (ASCII) without `_` and `-`.
        public static func normalize(_ name: String) -> [UInt8] {
            var buffer: [UInt8] = []
            normalize(name, into: &buffer)
            return buffer
        }

        static func normalize(_ name: String, into buffer: inout [UInt8]) {
            buffer.removeAll(keepingCapacity: true)
            for byte in name.utf8 where byte != UInt8(ascii: "_") && byte != UInt8(ascii: "-") {
                buffer.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
            }
        }

        private static func hasPart(_ text: [UInt8], _ part: [UInt8], at offset: Int) -> Bool {
            guard offset >= 0, offset + part.count <= text.count else { return false }
            for k in 0..<part.count where text[offset + k] != part[k] { return false }
            return true
        }

        private static func find(_ part: [UInt8], in text: [UInt8], from start: Int) -> Int? {
            var offset = start
            while offset + part.count <= text.count {
                if hasPart(text, part, at: offset) { return offset }
                offset += 1
            }
            return nil
        }
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
