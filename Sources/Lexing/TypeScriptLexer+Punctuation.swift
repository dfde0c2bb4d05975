// MARK: - Identifiers, numbers and punctuation

extension TypeScriptLexer.Scanner {
    /// A name or keyword: identifier bytes and `\uXXXX` / `\u{...}` escapes.
    ///
    /// Keywords after which an expression starts (`return`, `typeof`, ...) let a following `/`
    /// be a regex and `<` be JSX, unless the word is a property name (`x.return`).
    mutating func lexIdentifier() {
        let start = cursor.offset
        let isProperty = lastSignificant == .dot || lastSignificant == .questionDot
        eatIdentifierRest()
        emit(.identifier, from: start)
        expressionMayStart = !isProperty && Self.isExpressionKeyword(cursor.bytes, start, cursor.offset)
    }

    /// Consumes identifier bytes, stopping at non-ASCII white space and line breaks.
    mutating func eatIdentifierRest() {
        while !cursor.isAtEnd {
            let b = cursor.peek()
            if b < 0x80 {
                if Self.isIdentifierContinue(b) {
                    cursor.advance()
                } else if b == UInt8(ascii: "\\"), cursor.peek(1) == UInt8(ascii: "u") {
                    eatUnicodeEscapeTail()
                } else {
                    return
                }
            } else {
                if Self.unicodeSpace(cursor.bytes, at: cursor.offset).length > 0 { return }
                cursor.advance()
            }
        }
    }

    /// Consumes `\u` followed by `{hex...}` or up to four hex digits.
    mutating func eatUnicodeEscapeTail() {
        cursor.advance(2)
        if cursor.eat(UInt8(ascii: "{")) {
            cursor.eat(while: Self.isHexDigit)
            _ = cursor.eat(UInt8(ascii: "}"))
        } else {
            var count = 0
            while count < 4, Self.isHexDigit(cursor.peek()) {
                cursor.advance()
                count += 1
            }
        }
    }

    /// `#name` (a private class member) is one identifier; a lone `#` is unknown.
    mutating func lexPrivateNameOrUnknown() {
        let start = cursor.offset
        let next = cursor.peek(1)
        guard Self.isIdentifierStart(next) || (next == UInt8(ascii: "\\") && cursor.peek(2) == UInt8(ascii: "u")) else {
            cursor.advance()
            emit(.unknown, from: start)
            return
        }
        cursor.advance()
        eatIdentifierRest()
        emit(.identifier, from: start)
        expressionMayStart = false
    }

    /// Decimal (with fraction, exponent, leading dot), hex, octal and binary numbers, `_`
    /// separators and the BigInt suffix `n`.
    mutating func lexNumber() {
        let start = cursor.offset
        let isDecimalDigit: (UInt8) -> Bool = { ByteClass.isDigit($0) || $0 == UInt8(ascii: "_") }
        if cursor.peek() == UInt8(ascii: "0"), let radix = Self.radixDigits(cursor.peek(1)) {
            cursor.advance(2)
            cursor.eat(while: radix)
        } else {
            cursor.eat(while: isDecimalDigit)
            if cursor.eat(UInt8(ascii: ".")) { cursor.eat(while: isDecimalDigit) }
            let e = cursor.peek()
            if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                let sign = cursor.peek(1)
                let hasSign = sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
                if ByteClass.isDigit(cursor.peek(hasSign ? 2 : 1)) {
                    cursor.advance(hasSign ? 2 : 1)
                    cursor.eat(while: isDecimalDigit)
                }
            }
        }
        _ = cursor.eat(UInt8(ascii: "n"))
        emit(.number, from: start)
    }

    /// The digit class after `0x`, `0o` or `0b`, or nil for a decimal number.
    static func radixDigits(_ marker: UInt8) -> ((UInt8) -> Bool)? {
        switch marker | 0x20 {
        case UInt8(ascii: "x"): return { isHexDigit($0) || $0 == UInt8(ascii: "_") }
        case UInt8(ascii: "o"): return { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7")) || $0 == UInt8(ascii: "_") }
        case UInt8(ascii: "b"): return { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: "1") || $0 == UInt8(ascii: "_") }
        default: return nil
        }
    }

    @inline(__always)
    static func isHexDigit(_ b: UInt8) -> Bool {
        ByteClass.isDigit(b) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "f"))
    }

    /// `.` or `...` (a `.` followed by a digit is a number, see `lexCodeToken`).
    mutating func lexDot() {
        let start = cursor.offset
        if cursor.peek(1) == UInt8(ascii: "."), cursor.peek(2) == UInt8(ascii: ".") {
            cursor.advance(3)
            emit(.operator, from: start)
        } else {
            cursor.advance()
            emit(.dot, from: start)
        }
    }

    /// Brackets, separators and operators, munched maximally; anything else is one `.unknown` byte.
    mutating func lexPunctuation() {
        let start = cursor.offset
        let b = cursor.peek()
        let kind: TokenKind
        switch b {
        case UInt8(ascii: "("): kind = .lParen
        case UInt8(ascii: ")"): kind = .rParen
        case UInt8(ascii: "["): kind = .lBracket
        case UInt8(ascii: "]"): kind = .rBracket
        case UInt8(ascii: "{"):
            frames.append(.brace)
            kind = .lBrace
        case UInt8(ascii: "}"):
            lexClosingBrace()
            return
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "@"): kind = .at
        case UInt8(ascii: "?"):
            if cursor.peek(1) == UInt8(ascii: "."), !ByteClass.isDigit(cursor.peek(2)) {
                cursor.advance(2)
                emit(.questionDot, from: start)
                return
            }
            kind = .operator
        case UInt8(ascii: "="):
            if cursor.peek(1) == UInt8(ascii: ">") {
                cursor.advance(2)
                emit(.arrow, from: start)
                return
            }
            kind = cursor.peek(1) == UInt8(ascii: "=") ? .operator : .equal
        case UInt8(ascii: "*"):
            kind = cursor.peek(1) == UInt8(ascii: "*") || cursor.peek(1) == UInt8(ascii: "=") ? .operator : .star
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "!"),
             UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "%"), UInt8(ascii: "~"),
             UInt8(ascii: "/"):
            kind = .operator
        default:
            cursor.advance()
            emit(.unknown, from: start)
            return
        }
        cursor.advance(kind == .operator || kind == .star ? Self.operatorLength(cursor.bytes, at: start) : 1)
        emit(kind, from: start)
        if kind == .operator, cursor.offset - start == 2, b == UInt8(ascii: "+") || b == UInt8(ascii: "-"),
           cursor.bytes[start + 1] == b {
            expressionMayStart = false  // `a++ / 2` divides
        }
    }

    /// The length of the longest operator at `i` (whose first byte is an operator byte).
    static func operatorLength(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        let b = bytes[i]
        let n = bytes.count
        func at(_ k: Int) -> UInt8 { i + k < n ? bytes[i + k] : 0 }
        let eq = UInt8(ascii: "=")
        switch b {
        case UInt8(ascii: "="), UInt8(ascii: "!"):  // = == === ! != !==
            return at(1) == eq ? (at(2) == eq ? 3 : 2) : 1
        case UInt8(ascii: ">"):  // > >= >> >>= >>> >>>=
            var k = 1
            while k < 3, at(k) == b { k += 1 }
            return at(k) == eq ? k + 1 : k
        case UInt8(ascii: "<"), UInt8(ascii: "*"), UInt8(ascii: "&"), UInt8(ascii: "|"):
            // < <= << <<=, * *= ** **=, & &= && &&=, | |= || ||=
            if at(1) == b { return at(2) == eq ? 3 : 2 }
            return at(1) == eq ? 2 : 1
        case UInt8(ascii: "?"):  // ? ?? ??=
            return at(1) == b ? (at(2) == eq ? 3 : 2) : 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):  // + ++ +=, - -- -=
            return at(1) == b || at(1) == eq ? 2 : 1
        case UInt8(ascii: "^"), UInt8(ascii: "%"), UInt8(ascii: "/"):  // ^ ^= % %= / /=
            return at(1) == eq ? 2 : 1
        default:
            return 1
        }
    }

    // MARK: Keywords

    /// Keywords after which an expression starts, so `/` is a regex and `<` may be JSX.
    static let expressionKeywords: [[UInt8]] = [
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do",
        "else", "yield", "await",
    ].map { Array($0.utf8) }

    static func isExpressionKeyword(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length >= 2, length <= 10, bytes[start] >= UInt8(ascii: "a") else { return false }
        for word in expressionKeywords where word.count == length && word[0] == bytes[start] {
            var k = 1
            while k < length, word[k] == bytes[start + k] { k += 1 }
            if k == length { return true }
        }
        return false
    }
}
