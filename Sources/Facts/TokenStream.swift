import Lexing
import Model

/// The code tokens of a file (comments removed) with the byte-level questions extractors ask:
/// "is token i the keyword `import`?", "what name does token i spell?".
struct TokenStream {
    let tokens: [Token]
    let bytes: UnsafeRawBufferPointer

    init(_ all: [Token], bytes: UnsafeRawBufferPointer) {
        var code: [Token] = []
        code.reserveCapacity(all.count)
        for token in all where token.kind != .comment { code.append(token) }
        tokens = code
        self.bytes = bytes
    }

    var count: Int { tokens.count }

    @inline(__always)
    func kind(_ i: Int) -> TokenKind? { i >= 0 && i < tokens.count ? tokens[i].kind : nil }

    /// Whether token `i` is an identifier spelling exactly `word`.
    @inline(__always)
    func isWord(_ i: Int, _ word: StaticString) -> Bool {
        guard i >= 0, i < tokens.count else { return false }
        let token = tokens[i]
        guard token.kind == .identifier, token.length == word.utf8CodeUnitCount else { return false }
        let start = Int(token.start)
        let pointer = word.utf8Start
        for k in 0..<token.length where bytes[start + k] != pointer[k] { return false }
        return true
    }

    /// Whether token `i` is an operator token spelling exactly `text`.
    func isOperator(_ i: Int, _ text: StaticString) -> Bool {
        guard i >= 0, i < tokens.count, tokens[i].kind == .operator,
              tokens[i].length == text.utf8CodeUnitCount else { return false }
        let start = Int(tokens[i].start)
        let pointer = text.utf8Start
        for k in 0..<tokens[i].length where bytes[start + k] != pointer[k] { return false }
        return true
    }

    /// The text of token `i` (identifiers are short: usually no heap allocation).
    func text(_ i: Int) -> String {
        let token = tokens[i]
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self)
    }

    /// The decoded value of the string token `i`, if it is a plain string literal.
    func stringValue(_ i: Int, language: Language) -> String? {
        guard kind(i) == .string else { return nil }
        return StringLiteral.value(of: tokens[i], in: bytes, language: language)
    }

    /// Appends `.b.c` member names that follow at token `j` to `name` (with `optional`, `?.` too);
    /// returns the index after the chain.
    func appendMembers(to name: inout String, from j: Int, optional: Bool = false) -> Int {
        var j = j
        while kind(j) == .dot || (optional && kind(j) == .questionDot), kind(j + 1) == .identifier {
            name += "." + text(j + 1)
            j += 2
        }
        return j
    }

    /// Byte range from the start of token `first` to the end of token `last`.
    func range(_ first: Int, _ last: Int) -> ByteRange {
        ByteRange(Int(tokens[first].start), Int(tokens[max(first, last)].end))
    }

    /// For every opening bracket, the index of its closing bracket (or -1); other tokens -1.
    /// One pass with a stack, so nested calls cost nothing extra.
    func matchingBrackets() -> [Int32] {
        var match = [Int32](repeating: -1, count: tokens.count)
        var stack: [Int32] = []
        for (i, token) in tokens.enumerated() {
            switch token.kind {
            case .lParen, .lBracket, .lBrace, .templateHead:
                stack.append(Int32(i))
            case .templateMiddle:
                // Closes one substitution and opens the next: nothing to record.
                continue
            case .rParen, .rBracket, .rBrace, .templateTail:
                if let open = stack.popLast() { match[Int(open)] = Int32(i) }
            default:
                continue
            }
        }
        return match
    }
}
