// MARK: - Numbers and operators

extension PythonLexer.State {
    /// Lexes a number: `0x`/`0o`/`0b` integers, decimal integers and floats with `_` separators,
    /// an exponent (`1e-5`) and an imaginary `j`. A trailing name is not swallowed (`1if` is
    /// `1` then `if`, as in CPython).
    mutating func number(start: Int) {
        let radix = cursor.peek(1) | 0x20
        if cursor.peek() == UInt8(ascii: "0")
            && (radix == UInt8(ascii: "x") || radix == UInt8(ascii: "o") || radix == UInt8(ascii: "b")) {
            cursor.advance(2)
            cursor.eat(while: { isHexDigit($0) || $0 == UInt8(ascii: "_") })
            emit(.number, start, cursor.offset)
            return
        }
        cursor.eat(while: isDigitOrUnderscore)
        if cursor.eat(UInt8(ascii: ".")) {
            cursor.eat(while: isDigitOrUnderscore)
        }
        if cursor.peek() | 0x20 == UInt8(ascii: "e") {
            let sign = cursor.peek(1) == UInt8(ascii: "+") || cursor.peek(1) == UInt8(ascii: "-")
            if ByteClass.isDigit(cursor.peek(sign ? 2 : 1)) {
                cursor.advance(sign ? 2 : 1)
                cursor.eat(while: isDigitOrUnderscore)
            }
        }
        if cursor.peek() | 0x20 == UInt8(ascii: "j") {
            cursor.advance()
        }
        emit(.number, start, cursor.offset)
    }

    /// The kind and length of the operator starting with `b` at the cursor (longest match), or
    /// nil if `b` starts none. Brackets are handled by the caller.
    func operatorToken(_ b: UInt8) -> (kind: TokenKind, length: Int)? {
        let next = cursor.peek(1)
        let equals = next == UInt8(ascii: "=")
        switch b {
        case UInt8(ascii: ","): return (.comma, 1)
        case UInt8(ascii: ";"): return (.semicolon, 1)
        case UInt8(ascii: "~"): return (.operator, 1)
        case UInt8(ascii: "."):
            return next == UInt8(ascii: ".") && cursor.peek(2) == UInt8(ascii: ".") ? (.operator, 3) : (.dot, 1)
        case UInt8(ascii: ":"): return equals ? (.operator, 2) : (.colon, 1)
        case UInt8(ascii: "="): return equals ? (.operator, 2) : (.equal, 1)
        case UInt8(ascii: "@"): return equals ? (.operator, 2) : (.at, 1)
        case UInt8(ascii: "-"):
            return next == UInt8(ascii: ">") ? (.arrow, 2) : (.operator, equals ? 2 : 1)
        case UInt8(ascii: "*"):
            if next == b { return (.operator, cursor.peek(2) == UInt8(ascii: "=") ? 3 : 2) }
            return equals ? (.operator, 2) : (.star, 1)
        case UInt8(ascii: "/"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            if next == b { return (.operator, cursor.peek(2) == UInt8(ascii: "=") ? 3 : 2) }
            return (.operator, equals ? 2 : 1)
        case UInt8(ascii: "+"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "|"),
             UInt8(ascii: "^"), UInt8(ascii: "!"):
            return (.operator, equals ? 2 : 1)
        default:
            return nil
        }
    }
}

@inline(__always)
private func isDigitOrUnderscore(_ b: UInt8) -> Bool {
    ByteClass.isDigit(b) || b == UInt8(ascii: "_")
}

@inline(__always)
private func isHexDigit(_ b: UInt8) -> Bool {
    ByteClass.isDigit(b) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "f"))
}
