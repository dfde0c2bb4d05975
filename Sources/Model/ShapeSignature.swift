/// A fixed-size summary of a function body's structure, for finding near-copies across files
/// (see `DuplicateImplementationMatch.Shape` for the shingles).
///
/// - `minima`: a MinHash signature. Equal slots per band make locality-sensitive hashing
///   possible, so grouping compares only pairs that share a band, never every pair.
/// - `sketch`: the `sketchSize` smallest shingle hashes (a bottom-k sketch). For bodies of up to
///   that many shingles it is the whole set, so similarity is exact where it matters most (short
///   functions, whose similarity moves in big steps); for larger bodies it is an estimate.
///
/// The size never depends on the body's length.
public struct ShapeSignature: Hashable, Sendable {
    /// Slots in the MinHash signature.
    public static let slots = 128
    /// Hashes kept in the bottom-k sketch.
    public static let sketchSize = 256

    /// How many distinct shingles the body has (tiny bodies all look alike and are not compared).
    public var shingleCount: Int
    /// The minimum hash of the shingle set under each of `slots` hash functions.
    public var minima: [UInt64]
    /// The smallest `sketchSize` mixed shingle hashes, ascending.
    public var sketch: [UInt64]

    public init(shingleCount: Int, minima: [UInt64], sketch: [UInt64]) {
        self.shingleCount = shingleCount
        self.minima = minima
        self.sketch = sketch
    }

    /// The signature of a set of shingle hashes (any order, duplicates allowed).
    public init<S: Sequence>(shingles: S) where S.Element == UInt64 {
        var minima = [UInt64](repeating: .max, count: Self.slots)
        var distinct = Set<UInt64>()
        for shingle in shingles where distinct.insert(shingle).inserted {
            minima.withUnsafeMutableBufferPointer { slots in
                for slot in 0..<Self.slots {
                    let hash = Self.mix(shingle ^ Self.seeds[slot])
                    if hash < slots[slot] { slots[slot] = hash }
                }
            }
        }
        // Mixed first, so the smallest are a random sample whatever the shingle hashes look like.
        let sketch = Array(distinct.map(Self.mix).sorted().prefix(Self.sketchSize))
        self.init(shingleCount: distinct.count, minima: distinct.isEmpty ? [] : minima, sketch: sketch)
    }

    /// Jaccard similarity of the two shingle sets from the sketches: exact when both bodies
    /// have at most `sketchSize` shingles, else the bottom-k estimate (0 when either is empty).
    public func similarity(to other: ShapeSignature) -> Double {
        guard !sketch.isEmpty, !other.sketch.isEmpty else { return 0 }
        // The smallest `sketchSize` hashes of the union, and how many of them both sets hold.
        var i = 0, j = 0, union = 0, both = 0
        while union < Self.sketchSize, i < sketch.count || j < other.sketch.count {
            if j == other.sketch.count || (i < sketch.count && sketch[i] < other.sketch[j]) {
                i += 1
            } else if i == sketch.count || other.sketch[j] < sketch[i] {
                j += 1
            } else {
                both += 1
                i += 1
                j += 1
            }
            union += 1
        }
        return Double(both) / Double(union)
    }

    /// SplitMix64's finaliser: a strong 64-bit mix.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One fixed seed per slot (deterministic: signatures are the same on every run and machine).
    static let seeds: [UInt64] = {
        var state: UInt64 = 0x5353_4F54_4755_4152  // "SSOTGUAR"
        return (0..<slots).map { _ in
            state = mix(state)
            return state
        }
    }()
}

/// Encoded as one string, `<shingleCount>:<minima in hex>:<sketch in hex>` (16 digits a value):
/// a cache or shard record with thousands of grouped findings decodes in milliseconds, not as
/// hundreds of thousands of JSON numbers.
extension ShapeSignature: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 3, let count = Int(String(decoding: parts[0], as: UTF8.self)),
              let minima = Self.values(parts[1]), let sketch = Self.values(parts[2])
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a shape signature"))
        }
        self.init(shingleCount: count, minima: minima, sketch: sketch)
    }

    public func encode(to encoder: any Encoder) throws {
        var out = Array(String(shingleCount).utf8)
        for list in [minima, sketch] {
            out.append(UInt8(ascii: ":"))
            for value in list {
                for shift in stride(from: 60, through: 0, by: -4) {
                    let digit = UInt8((value >> UInt64(shift)) & 0xF)
                    out.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
                }
            }
        }
        var container = encoder.singleValueContainer()
        try container.encode(String(decoding: out, as: UTF8.self))
    }

    private static func values(_ hex: Substring.UTF8View.SubSequence) -> [UInt64]? {
        guard hex.count % 16 == 0 else { return nil }
        var values: [UInt64] = []
        values.reserveCapacity(hex.count / 16)
        var value: UInt64 = 0
        for (index, byte) in hex.enumerated() {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
            if index % 16 == 15 {
                values.append(value)
                value = 0
            }
        }
        return values
    }
}
