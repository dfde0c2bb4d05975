import Lexing
import Model

/// Skeleton codes: one `UInt32` per body token that keeps a body's structure and drops its
/// names, so copies with renamed variables look alike.
///
/// A token's *signature* is its length, first and last byte, read in O(1). Keywords and member
/// names keep their signature (`return`, `.decode` vs `.encode`), other identifiers become one
/// code, strings and numbers one code each, operators keep their signature, punctuation its kind.
enum FunctionSkeleton {
    static let identifier: UInt32 = 1
    static let literalString: UInt32 = 2
    static let number: UInt32 = 3

    @inline(__always)
    static func signature(_ token: Token, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let start = Int(token.start)
        let end = Int(token.end)
        guard end > start else { return 0 }
        return UInt32(min(end - start, 255)) << 16 | UInt32(bytes[start]) << 8 | UInt32(bytes[end - 1])
    }

    /// The code of token `i` of `stream`.
    @inline(__always)
    static func code(_ stream: TokenStream, _ i: Int, keywords: KeywordSignatures) -> UInt32 {
        let token = stream.tokens[i]
        switch token.kind {
        case .identifier:
            let signature = signature(token, stream.bytes)
            if let previous = stream.kind(i - 1), previous == .dot || previous == .questionDot {
                // A field of the object itself is local naming, like a variable: `self._key` and
                // `self._signing_material` are the same shape. Members of anything else
                // (`jwt.decode`, `payload.get`) keep their names.
                if stream.isWord(i - 2, "self") || stream.isWord(i - 2, "this") || stream.isWord(i - 2, "cls") {
                    return identifier
                }
                return 0x1000_0000 | signature
            }
            return keywords.contains(signature) ? 0x2000_0000 | signature : identifier
        case .operator:
            return 0x3000_0000 | signature(token, stream.bytes)
        case .string, .templateHead, .templateMiddle, .templateTail, .jsxText:
            return literalString
        case .number, .regex:
            return number
        default:
            return 0x100 + UInt32(token.kind.rawValue)
        }
    }
}

/// A small open-addressing set of keyword signatures (length, first and last byte): a keyword
/// check costs one multiply and usually one comparison. A name that happens to share a keyword's
/// signature counts as that keyword, which only makes a fingerprint a little more specific.
struct KeywordSignatures: Sendable {
    private var slots: [UInt32]

    init(_ words: [StaticString]) {
        slots = [UInt32](repeating: 0, count: 256)
        for word in words {
            let count = word.utf8CodeUnitCount
            let pointer = word.utf8Start
            let signature = UInt32(count) << 16 | UInt32(pointer[0]) << 8 | UInt32(pointer[count - 1])
            var slot = Self.slot(signature)
            while slots[slot] != 0, slots[slot] != signature { slot = (slot + 1) & 255 }
            slots[slot] = signature
        }
    }

    @inline(__always)
    private static func slot(_ signature: UInt32) -> Int { Int((signature &* 2_654_435_761) >> 24) }

    @inline(__always)
    func contains(_ signature: UInt32) -> Bool {
        var slot = Self.slot(signature)
        while true {
            let value = slots[slot]
            if value == signature { return true }
            if value == 0 { return false }
            slot = (slot + 1) & 255
        }
    }

    static let python = KeywordSignatures([
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ])

    static let typeScript = KeywordSignatures([
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "export",
        "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return",
        "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "let",
        "static", "await", "async", "of", "undefined",
    ])

    static func of(_ language: Language) -> KeywordSignatures { language == .python ? python : typeScript }
}
