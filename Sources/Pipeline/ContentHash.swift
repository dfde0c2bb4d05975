/// A fast 128-bit hash of a file's bytes, to tell whether a file the cache knows has changed.
///
/// Not cryptographic: it guards against accidental change (an edit, a checkout), not against
/// someone who can write the cache directory. Two independent 64-bit lanes over 8-byte words,
/// each word multiplied, rotated and folded in; the length goes into the final mix.
enum ContentHash {
    /// Lowercase hex, 32 digits.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex($0) }
    }

    static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let (a, b) = hash(bytes)
        return digits(a) + digits(b)
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87
        let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var a: UInt64 = 0x2545_F491_4F6C_DD1D
        var b: UInt64 = 0x1656_67B1_9E37_79F9
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            a = ((a ^ (word &* p1)) << 31 | (a ^ (word &* p1)) >> 33) &* p2
            b = ((b ^ (word &* p2)) << 27 | (b ^ (word &* p2)) >> 37) &* p1 &+ 0x52DC_E729
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        a = mix(a ^ tail ^ UInt64(count))
        b = mix(b ^ (tail &* p1) ^ UInt64(count) &* p2)
        return (a, b)
    }

    /// A final avalanche (every input bit moves every output bit).
    private static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    private static func digits(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
