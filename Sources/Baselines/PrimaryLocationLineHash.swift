/// GitHub code scanning's `partialFingerprints.primaryLocationLineHash`: the value GitHub's upload
/// action computes for a result that comes without one. If ours differed, the action would keep
/// ours and alerts would not match the ones it computes itself, so the algorithm must be the same.
/// Written here from the algorithm's description (`shared/reference/sarif-for-github.md`, §4) and
/// checked against GitHub's published test vectors (`shared/testdata/`).
///
/// The file is read as UTF-16 code units. Spaces and tabs are dropped, CR becomes LF and an LF
/// right after a CR is dropped; then a rolling polynomial hash (base 37, modulo 2^64) runs over a
/// window of the last 100 kept units, with a sentinel 65535 at the end of the file and 100 zeros
/// to flush. A line's hash is the window that starts at its first kept unit, printed in lowercase
/// hex followed by `:` and how many times that hash has been seen so far in the file.
public enum PrimaryLocationLineHash {
    static let windowSize = 100
    static let base: UInt64 = 37
    static let endOfFile: UInt16 = 65535

    /// The hash of every line of `text`; element `i` belongs to 1-based line `i + 1`. Lines end at
    /// LF, CRLF or a lone CR, and a trailing line break starts one more (empty) line.
    public static func lineHashes(of text: String) -> [String] {
        numbered(rawHashes(utf16: text.utf16))
    }

    /// The hash of every line of a file's contents (UTF-8; invalid bytes read as U+FFFD, as
    /// Node's UTF-8 decoding reads them).
    public static func lineHashes(utf8 bytes: UnsafeRawBufferPointer) -> [String] {
        numbered(rawHashes(utf8: bytes))
    }

    /// The hashes of the given 1-based lines of a file's contents, by line: what a scanner needs
    /// for a few findings, without formatting a hash for every line. Lines past the end are
    /// left out.
    public static func hashes(ofLines lines: Set<Int>, utf8 bytes: UnsafeRawBufferPointer) -> [Int: String] {
        let raw = rawHashes(utf8: bytes)
        let wanted = Set(lines.compactMap { raw.indices.contains($0 - 1) ? raw[$0 - 1] : nil })
        var counts: [UInt64: Int] = [:]
        var out: [Int: String] = [:]
        for (index, hash) in raw.enumerated() where wanted.contains(hash) {
            let count = counts[hash, default: 0] + 1
            counts[hash] = count
            if lines.contains(index + 1) { out[index + 1] = format(hash, count) }
        }
        return out
    }

    // MARK: - Hashing

    /// `hash:occurrence` for every line, the occurrence counting equal hashes from the top.
    static func numbered(_ raw: [UInt64]) -> [String] {
        var counts: [UInt64: Int] = [:]
        return raw.map { hash in
            let count = counts[hash, default: 0] + 1
            counts[hash] = count
            return format(hash, count)
        }
    }

    static func format(_ hash: UInt64, _ occurrence: Int) -> String {
        String(hash, radix: 16) + ":\(occurrence)"
    }

    /// The unnumbered hash of every line of UTF-8 bytes. Valid UTF-8 is transcoded to UTF-16 on
    /// the fly; anything else goes through `String`, which replaces bad bytes as Node does.
    static func rawHashes(utf8 bytes: UnsafeRawBufferPointer) -> [UInt64] {
        var hasher = RollingHasher()
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                hasher.consume(UInt16(b))
                i += 1
                continue
            }
            guard let (scalar, length) = decodeScalar(bytes, at: i) else {
                return rawHashes(utf16: String(decoding: bytes, as: UTF8.self).utf16)
            }
            if scalar >= 0x10000 {
                hasher.consume(UInt16(0xD800 + ((scalar - 0x10000) >> 10)))
                hasher.consume(UInt16(0xDC00 + ((scalar - 0x10000) & 0x3FF)))
            } else {
                hasher.consume(UInt16(scalar))
            }
            i += length
        }
        return hasher.finish()
    }

    /// The unnumbered hash of every line of a text given as UTF-16 code units.
    static func rawHashes<Units: Sequence>(utf16 units: Units) -> [UInt64] where Units.Element == UInt16 {
        var hasher = RollingHasher()
        for unit in units { hasher.consume(unit) }
        return hasher.finish()
    }

    /// The multi-byte scalar starting at `i` and its length, or nil when the bytes there are not
    /// valid UTF-8 (overlong, surrogate, out of range, truncated).
    static func decodeScalar(_ bytes: UnsafeRawBufferPointer, at i: Int) -> (UInt32, Int)? {
        let b = bytes[i]
        let length: Int
        var scalar: UInt32
        var minimum: UInt32
        switch b {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in 1..<length {
            let c = bytes[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return nil }
        return (scalar, length)
    }

    /// `37^100 mod 2^64`: the weight of the unit that leaves the window.
    static let leavingWeight: UInt64 = {
        var weight: UInt64 = 1
        for _ in 0..<windowSize { weight = weight &* base }
        return weight
    }()

    /// The state of one pass over a file. Lines complete in order, so
    /// a ring of flags (does a line start at this slot?) replaces the original's line numbers.
    struct RollingHasher {
        /// The last 100 kept units.
        var window = [UInt16](repeating: 0, count: PrimaryLocationLineHash.windowSize)
        var startsLine = [Bool](repeating: false, count: PrimaryLocationLineHash.windowSize)
        var hash: UInt64 = 0
        var index = 0
        var lineStart = true
        var previousWasCR = false
        var hashes: [UInt64] = []
        let leavingWeight = PrimaryLocationLineHash.leavingWeight

        @inline(__always)
        mutating func consume(_ unit: UInt16) {
            var unit = unit
            if unit == 0x20 || unit == 0x09 || (previousWasCR && unit == 0x0A) {
                previousWasCR = false
                return
            }
            if unit == 0x0D {
                unit = 0x0A
                previousWasCR = true
            } else {
                previousWasCR = false
            }
            if startsLine[index] { emit() }
            if lineStart {
                lineStart = false
                startsLine[index] = true
            }
            if unit == 0x0A { lineStart = true }
            update(unit)
        }

        /// The end-of-file sentinel, then the zeros that carry the last lines' windows to their
        /// full length; the hash of every line.
        mutating func finish() -> [UInt64] {
            consume(PrimaryLocationLineHash.endOfFile)
            for _ in 0..<PrimaryLocationLineHash.windowSize {
                if startsLine[index] { emit() }
                update(0)
            }
            return hashes
        }

        @inline(__always)
        private mutating func update(_ unit: UInt16) {
            let leaving = window[index]
            window[index] = unit
            hash = PrimaryLocationLineHash.base &* hash &+ UInt64(unit) &- leavingWeight &* UInt64(leaving)
            index += 1
            if index == PrimaryLocationLineHash.windowSize { index = 0 }
        }

        /// Records the hash of the line whose window is now complete.
        private mutating func emit() {
            hashes.append(hash)
            startsLine[index] = false
        }
    }
}
