import Lexing
import Model

// MARK: - Byte questions about literals and names

extension TokenStream {
    /// The content of string token `i`, inside its prefix and quotes (`rb'''x'''` → `x`).
    /// An unterminated literal's content runs to the end of the token.
    func contentRange(_ i: Int) -> ByteRange {
        let token = tokens[i]
        let start = Int(token.start), end = Int(token.end)
        var open = start
        while open < end, bytes[open] != UInt8(ascii: "'"), bytes[open] != UInt8(ascii: "\""),
              bytes[open] != UInt8(ascii: "`") { open += 1 }
        guard open < end else { return ByteRange(end, end) }
        let quote = bytes[open]
        let triple = open + 2 < end && bytes[open + 1] == quote && bytes[open + 2] == quote && end - open >= 6
        let width = triple ? 3 : 1
        let bodyStart = min(end, open + width)
        var bodyEnd = end
        if end - width >= bodyStart, bytes[end - 1] == quote { bodyEnd = end - width }
        return ByteRange(bodyStart, bodyEnd)
    }

    /// Whether the bytes of `range` start with `prefix`.
    func bytes(_ range: ByteRange, startWith prefix: StaticString) -> Bool {
        guard range.count >= prefix.utf8CodeUnitCount else { return false }
        let pointer = prefix.utf8Start
        for k in 0..<prefix.utf8CodeUnitCount where bytes[range.start + k] != pointer[k] { return false }
        return true
    }

    /// Whether the content of string token `i` may be a JWT: `eyJ...` or `Bearer eyJ...`.
    func mayBeJWT(_ i: Int) -> Bool {
        let content = contentRange(i)
        guard content.count >= 10 else { return false }
        return bytes(content, startWith: "eyJ") || bytes(content, startWith: "Bearer eyJ")
    }

    /// Whether `range` spells an environment-variable name: `^[A-Z][A-Z0-9_]*$`.
    /// Whether the identifier at `range` contains `secret`, any case (`jwtSecret`, `jwt_secret_key`).
    func mentionsSecret(_ range: ByteRange) -> Bool {
        guard range.count >= 6, range.count <= 128 else { return false }
        let word: [UInt8] = Array("secret".utf8)
        var k = range.start
        while k + 6 <= range.end {
            var matched = true
            for j in 0..<6 where bytes[k + j] | 0x20 != word[j] {
                matched = false
                break
            }
            if matched { return true }
            k += 1
        }
        return false
    }

    func isEnvVarShaped(_ range: ByteRange) -> Bool {
        guard range.count > 0, range.count <= 128 else { return false }
        let first = bytes[range.start]
        guard first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z") else { return false }
        for k in range.start..<range.end {
            let b = bytes[k]
            let ok = (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "_")
            if !ok { return false }
        }
        return true
    }

    /// Whether token `i` is one of the comparison operators `== != === !== < > <= >=`.
    func isComparisonOperator(_ i: Int) -> Bool {
        guard kind(i) == .operator else { return false }
        let token = tokens[i]
        let first = bytes[Int(token.start)]
        switch token.length {
        case 1:
            return first == UInt8(ascii: "<") || first == UInt8(ascii: ">")
        case 2:
            let second = bytes[Int(token.start) + 1]
            return second == UInt8(ascii: "=") && (first == UInt8(ascii: "=") || first == UInt8(ascii: "!")
                || first == UInt8(ascii: "<") || first == UInt8(ascii: ">"))
        case 3:
            return isOperator(i, "===") || isOperator(i, "!==")
        default:
            return false
        }
    }

    /// Whether token `i` is a fallback operator: `or`, `||`, `??`, `||=`, `??=`.
    func isFallbackOperator(_ i: Int) -> Bool {
        isWord(i, "or") || isOperator(i, "||") || isOperator(i, "??") || isOperator(i, "??=") || isOperator(i, "||=")
    }
}

// MARK: - Constant keys

/// Hashes dotted names for per-file constant lookup without building strings: `SECRET`,
/// `Config.SECRET`; `self.x`, `this.x` and `cls.x` all hash as `@.x`, the instance's field.
enum ConstantKey {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let instance: UInt64 = mix(seed, UInt8(ascii: "@"))

    @inline(__always)
    static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }

    static func mix(_ hash: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = hash
        for b in bytes { h = mix(h, b) }
        return h
    }

    /// The key of a dotted name given as text (`self.secret` → `@.secret`).
    static func key(_ dotted: String) -> UInt64 {
        let utf8 = dotted.utf8
        let head = utf8.firstIndex(of: UInt8(ascii: ".")) ?? utf8.endIndex
        var h = seed
        var rest = utf8.startIndex
        if isInstance(utf8[..<head]) {
            h = instance
            rest = head
        }
        for b in utf8[rest...] { h = mix(h, b) }
        return h
    }

    /// Appends member `name` to a key.
    static func member(_ base: UInt64, _ name: String) -> UInt64 {
        var h = mix(base, UInt8(ascii: "."))
        for b in name.utf8 { h = mix(h, b) }
        return h
    }

    static func isInstance<C: Collection>(_ part: C) -> Bool where C.Element == UInt8 {
        part.elementsEqual("self".utf8) || part.elementsEqual("this".utf8) || part.elementsEqual("cls".utf8)
    }
}

extension TokenStream {
    /// The constant key of the dotted chain of identifiers `first`, `first+2`, ... `leaf`.
    func constantKey(from first: Int, to leaf: Int) -> UInt64 {
        var h = ConstantKey.seed
        var k = first
        while k <= leaf {
            let token = tokens[k]
            let slice = UnsafeRawBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
            if k == first {
                if isWord(k, "self") || isWord(k, "this") || isWord(k, "cls") {
                    h = ConstantKey.instance
                } else {
                    h = ConstantKey.mix(h, slice)
                }
            } else {
                h = ConstantKey.mix(ConstantKey.mix(h, UInt8(ascii: ".")), slice)
            }
            k += 2
        }
        return h
    }
}
