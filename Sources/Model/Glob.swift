/// A shell-style path pattern, matched against POSIX relative paths such as `a/b/c.py`.
///
/// Syntax, read on UTF-8 bytes:
/// - `*` matches any run of characters within one segment (never a `/`; it does match a leading
///   `.`), `?` matches exactly one Unicode scalar within a segment;
/// - `[abc]`, `[a-z]`, `[!a]`, `[^a]` match one scalar from (or not from) a class;
/// - `\x` matches `x` literally; a segment that is exactly `**` matches zero or more whole
///   segments (`a/**/b` matches `a/b` and `a/x/y/b`; `**/x`; `x/**`). Other runs of stars act as `*`.
///
/// Semantics:
/// - A pattern starting with `/` (or built with `anchored: true`) is anchored at the root. Any
///   other pattern matches at any depth: it matches when it matches a run of segments that starts
///   at a segment boundary, so `auth_service/core/x.py` matches `repo/auth_service/core/x.py`.
/// - `matches(_:)` also accepts everything below a matching directory: `tests` matches
///   `pkg/tests/b/c.py`, `src/*.py` matches `x/src/a.py` but not `src/sub/a.py`, and `src/sub`
///   matches `src/sub/a.py`.
/// - A trailing `/` restricts the pattern to directories. A path given to `matches(_:)` is taken
///   to be a file, so such a pattern matches it only through one of its proper ancestor directories.
public struct Glob: Hashable, Sendable {
    /// The pattern as written.
    public let pattern: String
    /// Whether the pattern only matches starting at the root.
    public let isAnchored: Bool
    /// Whether the pattern ends in `/` and so names directories only.
    public let isDirectoryOnly: Bool
    private let segments: [Segment]

    /// Parses `pattern`; anchored at the root when it starts with `/`.
    public init(_ pattern: String) throws(GlobError) {
        try self.init(pattern, anchored: false)
    }

    /// Parses `pattern`; anchored at the root when it starts with `/` or `anchored` is true
    /// (the rule `.gitignore` files need: there a `/` in the middle anchors too).
    public init(_ pattern: String, anchored: Bool) throws(GlobError) {
        let bytes = Array(pattern.utf8)
        guard !bytes.isEmpty else { throw GlobError(pattern: pattern, message: "empty pattern") }
        self.pattern = pattern
        isAnchored = anchored || bytes.first == UInt8(ascii: "/")
        isDirectoryOnly = bytes.count > 1 && bytes.last == UInt8(ascii: "/")
        var parser = GlobParser(pattern: pattern, bytes: bytes)
        segments = try parser.parse()
        guard !segments.isEmpty else { throw GlobError(pattern: pattern, message: "empty pattern") }
    }

    /// Whether the file at `path` matches, itself or through one of its ancestor directories.
    public func matches(_ path: String) -> Bool {
        matches(path, isDirectory: false)
    }

    /// Whether `path` (a directory when `isDirectory`) matches, itself or through an ancestor.
    public func matches(_ path: String, isDirectory: Bool) -> Bool {
        run(path, tail: isDirectoryOnly && !isDirectory ? .properAncestors : .selfOrAncestors)
    }

    /// Whether `path` itself matches, ignoring its ancestors: what `.gitignore` evaluation needs,
    /// since a walker checks every directory on the way down.
    public func matchesExactly(_ path: String, isDirectory: Bool) -> Bool {
        if isDirectoryOnly && !isDirectory { return false }
        return run(path, tail: .none)
    }

    // MARK: - Matching

    /// What the pattern may leave unmatched at the end of the path.
    private enum Tail { case none, selfOrAncestors, properAncestors }

    /// One element of the virtual pattern: the parsed segments, plus a leading `**` when
    /// unanchored and a trailing `*/**` or `**` when ancestors may match.
    private enum Element { case anySegments, oneSegment, segment(Int) }

    private func run(_ path: String, tail: Tail) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "/") {
                if i > start { ranges.append(start..<i) }
                start = i + 1
            }
            return matchSegments(bytes, ranges, tail: tail)
        }
    }

    /// The classic greedy wildcard algorithm at segment level: `**` plays `*`, every other
    /// element matches exactly one segment, and only the latest `**` is ever backtracked to,
    /// which keeps the work at O(pattern segments × path segments).
    private func matchSegments(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>],
                               tail: Tail) -> Bool {
        let lead = isAnchored ? 0 : 1
        let tailCount = tail == .none ? 0 : tail == .selfOrAncestors ? 1 : 2
        let total = lead + segments.count + tailCount
        func element(_ k: Int) -> Element {
            if k < lead { return .anySegments }
            if k < lead + segments.count {
                if case .anySegments = segments[k - lead] { return .anySegments }
                return .segment(k - lead)
            }
            return tail == .properAncestors && k == lead + segments.count ? .oneSegment : .anySegments
        }
        var p = 0, s = 0, starP = -1, starS = 0
        while s < ranges.count {
            if p < total {
                switch element(p) {
                case .anySegments:
                    starP = p; starS = s; p += 1
                    continue
                case .oneSegment:
                    p += 1; s += 1
                    continue
                case .segment(let k):
                    if case .parts(let parts) = segments[k], Glob.matchSegment(parts, bytes, ranges[s]) {
                        p += 1; s += 1
                        continue
                    }
                }
            }
            guard starP >= 0 else { return false }
            starS += 1; s = starS; p = starP + 1
        }
        while p < total, case .anySegments = element(p) { p += 1 }
        return p == total
    }

    /// Greedy star-backtracking match of one segment; a star resumes at scalar boundaries.
    private static func matchSegment(_ parts: [Part], _ bytes: UnsafeBufferPointer<UInt8>,
                                     _ range: Range<Int>) -> Bool {
        let end = range.upperBound
        var p = 0, i = range.lowerBound, starP = -1, starI = 0
        while i < end {
            if p < parts.count {
                switch parts[p] {
                case .star:
                    starP = p; starI = i; p += 1
                    continue
                case .literal(let byte) where bytes[i] == byte:
                    p += 1; i += 1
                    continue
                case .anyScalar:
                    p += 1; i = UTF8Scalar.decode(bytes, at: i, end: end).next
                    continue
                case .set(let set):
                    let (scalar, next) = UTF8Scalar.decode(bytes, at: i, end: end)
                    if set.contains(scalar) { p += 1; i = next; continue }
                default:
                    break
                }
            }
            guard starP >= 0 else { return false }
            starI = UTF8Scalar.decode(bytes, at: starI, end: end).next
            i = starI; p = starP + 1
        }
        while p < parts.count, parts[p] == .star { p += 1 }
        return p == parts.count
    }
}

/// Why a glob pattern could not be parsed.
public struct GlobError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The pattern as written.
    public var pattern: String
    /// What is wrong with it.
    public var message: String

    public init(pattern: String, message: String) {
        self.pattern = pattern
        self.message = message
    }

    public var description: String { "invalid glob '\(pattern)': \(message)" }
}

// MARK: - Parsed form

/// One `/`-separated piece of a pattern.
enum Segment: Hashable, Sendable {
    /// `**`: zero or more whole segments.
    case anySegments
    case parts([Part])
}

/// One matching step inside a segment.
enum Part: Hashable, Sendable {
    case literal(UInt8)
    case anyScalar
    case star
    case set(ScalarSet)
}

/// A bracket expression: scalar ranges, possibly negated.
struct ScalarSet: Hashable, Sendable {
    var negated: Bool
    var ranges: [ClosedRange<UInt32>]

    func contains(_ scalar: UInt32) -> Bool {
        ranges.contains { $0.contains(scalar) } != negated
    }
}

/// Decoding of one UTF-8 scalar; invalid bytes decode as themselves, one at a time.
enum UTF8Scalar {
    static func decode<C: RandomAccessCollection>(_ bytes: C, at i: Int, end: Int) -> (scalar: UInt32, next: Int)
    where C.Element == UInt8, C.Index == Int {
        let lead = bytes[i]
        let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1
        guard length > 1, i + length <= end else { return (UInt32(lead), i + 1) }
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        for k in 1..<length {
            let byte = bytes[i + k]
            guard byte & 0xC0 == 0x80 else { return (UInt32(lead), i + 1) }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        return (scalar, i + length)
    }
}

/// Turns pattern bytes into segments, reporting the first syntax error.
struct GlobParser {
    let pattern: String
    let bytes: [UInt8]
    var i = 0

    init(pattern: String, bytes: [UInt8]) {
        self.pattern = pattern
        self.bytes = bytes
    }

    mutating func parse() throws(GlobError) -> [Segment] {
        var segments: [Segment] = []
        var parts: [Part] = []
        var stars = 0, onlyStars = true
        func finish() {
            if onlyStars && stars == 2 {
                if segments.last != .anySegments { segments.append(.anySegments) }
            } else if !parts.isEmpty {
                segments.append(.parts(parts))
            }
            parts = []; stars = 0; onlyStars = true
        }
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            switch byte {
            case UInt8(ascii: "/"):
                finish()
            case UInt8(ascii: "*"):
                stars += 1
                if parts.last != .star { parts.append(.star) }
            case UInt8(ascii: "?"):
                onlyStars = false
                parts.append(.anyScalar)
            case UInt8(ascii: "["):
                onlyStars = false
                parts.append(.set(try parseSet()))
            case UInt8(ascii: "\\"):
                guard i < bytes.count else { throw error("trailing backslash escapes nothing") }
                let escaped = bytes[i]
                i += 1
                if escaped == UInt8(ascii: "/") { finish(); continue }
                onlyStars = false
                parts.append(.literal(escaped))
            default:
                onlyStars = false
                parts.append(.literal(byte))
            }
        }
        finish()
        return segments
    }

    /// Parses a bracket expression; `i` is just after the `[`.
    private mutating func parseSet() throws(GlobError) -> ScalarSet {
        let open = i - 1
        var set = ScalarSet(negated: false, ranges: [])
        if i < bytes.count, bytes[i] == UInt8(ascii: "!") || bytes[i] == UInt8(ascii: "^") {
            set.negated = true
            i += 1
        }
        while true {
            guard i < bytes.count, bytes[i] != UInt8(ascii: "/") else {
                throw error("unclosed '[' at byte \(open + 1)")
            }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                guard !set.ranges.isEmpty else { throw error("empty bracket expression at byte \(open + 1)") }
                return set
            }
            let low = try setScalar(open: open)
            var high = low
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] != UInt8(ascii: "]") {
                i += 1
                high = try setScalar(open: open)
                guard low <= high else { throw error("reversed range in bracket expression at byte \(open + 1)") }
            }
            set.ranges.append(low...high)
        }
    }

    /// One possibly escaped scalar inside a bracket expression.
    private mutating func setScalar(open: Int) throws(GlobError) -> UInt32 {
        if bytes[i] == UInt8(ascii: "\\") {
            i += 1
            guard i < bytes.count else { throw error("unclosed '[' at byte \(open + 1)") }
        }
        let (scalar, next) = UTF8Scalar.decode(bytes, at: i, end: bytes.count)
        i = next
        return scalar
    }

    private func error(_ message: String) -> GlobError {
        GlobError(pattern: pattern, message: message)
    }
}
