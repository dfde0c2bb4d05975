/// Hides every secret recognised in a file wherever text from that file is shown: the literal
/// itself, and every other occurrence of its value (a second copy on the line, the same value in
/// a comment, in a message).
///
/// Built once per file from the ranges of the secret literals and their values. Values shorter
/// than `minimumSearchedLength` bytes are masked at their own literal only: a key like `secret`
/// or `token` cannot be searched for everywhere without masking ordinary words (the rule's own
/// message, `jsonwebtoken`), and a copy of it elsewhere shows no more than its literal does.
public struct SecretMasker: Sendable {
    public static let minimumSearchedLength = 8

    /// Merged, sorted byte ranges to mask in the file: the secret literals' contents and every
    /// occurrence of a searched value (found in one pass over the file).
    private let ranges: [ByteRange]
    private let search: MultiPatternSearch

    /// A masker that hides nothing.
    public static let none = SecretMasker()

    private init() {
        ranges = []
        search = MultiPatternSearch([])
    }

    /// `ranges`: the contents of secret literals in `bytes`; `values`: the secrets' bytes (as
    /// decoded, and as written when escapes make that differ).
    public init(_ bytes: UnsafeRawBufferPointer, ranges: [ByteRange], values: [[UInt8]]) {
        let searched = Array(Set(values.filter { $0.count >= Self.minimumSearchedLength }))
        search = MultiPatternSearch(searched)
        var found = ranges.filter { $0.count > 0 }
        search.forEachLongestMatch(in: bytes) { found.append(ByteRange($0.lowerBound, $0.upperBound)) }
        self.ranges = Self.merge(found)
    }

    /// Whether the masker hides nothing.
    public var isEmpty: Bool { ranges.isEmpty && search.isEmpty }

    /// The byte ranges to mask that overlap `start..<end`, sorted. Ranges may reach outside
    /// `start..<end` (a secret straddling the edge is masked whole).
    public func covered(from start: Int, to end: Int) -> ArraySlice<ByteRange> {
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].end <= start { low = mid + 1 } else { high = mid }
        }
        var last = low
        while last < ranges.count, ranges[last].start < end { last += 1 }
        return ranges[low..<last]
    }

    /// `text` with every occurrence of a searched secret replaced by its mask.
    public func mask(_ text: String) -> String {
        guard !search.isEmpty else { return text }
        let bytes = Array(text.utf8)
        let covered = search.coveredRanges(in: bytes)
        guard !covered.isEmpty else { return text }
        var out = ""
        var cursor = 0
        for range in covered {
            out += String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self)
            out += SecretMask.mask(String(decoding: bytes[range], as: UTF8.self))
            cursor = range.upperBound
        }
        return out + String(decoding: bytes[cursor...], as: UTF8.self)
    }

    private static func merge(_ ranges: [ByteRange]) -> [ByteRange] {
        var merged: [ByteRange] = []
        for range in ranges.sorted() {
            if let last = merged.last, range.start <= last.end {
                merged[merged.count - 1] = ByteRange(last.start, max(last.end, range.end))
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
