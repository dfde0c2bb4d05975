extension Prefilter {
    /// The text with every escape decoded as a string literal would decode it, wherever it
    /// stands: the search then sees what string values spell (`"\x6awt"` is `jwt`). Decoding
    /// outside strings, or in raw strings, only adds text to search, and the raw text is
    /// searched too.
    enum EscapeDecoder {
        enum Result: Equatable {
            /// No escape that can spell a letter or join two pieces.
            case none
            case decoded([UInt8])
            /// A `\N{name}` escape: the character cannot be told without Unicode's names.
            case unknowable
        }

        static func decode(_ bytes: UnsafeRawBufferPointer) -> Result {
            let backslash = UInt8(ascii: "\\")
            guard bytes.contains(backslash) else { return .none }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var changed = false
            var i = 0
            let n = bytes.count
            func hexValue(_ from: Int, count: Int) -> UInt32? {
                guard from + count <= n, count > 0 else { return nil }
                var value: UInt32 = 0
                for k in from..<(from + count) {
                    guard let digit = hexDigit(bytes[k]) else { return nil }
                    value = value << 4 | digit
                }
                return value
            }
            func emit(_ value: UInt32) {
                guard let scalar = Unicode.Scalar(value) else {
                    out.append(0xFF)
                    return
                }
                out += Array(String(Character(scalar)).utf8)
                changed = true
            }
            while i < n {
                let byte = bytes[i]
                guard byte == backslash, i + 1 < n else {
                    out.append(byte)
                    i += 1
                    continue
                }
                let escaped = bytes[i + 1]
                switch escaped {
                case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                    // `\xHH`, `\uHHHH`, `\u{H...}`, `\UHHHHHHHH`; not one of them: the letter alone.
                    var digits = (start: i + 2, count: escaped == UInt8(ascii: "x") ? 2 : escaped == UInt8(ascii: "u") ? 4 : 8)
                    var next = digits.start + digits.count
                    if escaped == UInt8(ascii: "u"), i + 2 < n, bytes[i + 2] == UInt8(ascii: "{") {
                        var end = i + 3
                        while end < n, end - i < 12, hexDigit(bytes[end]) != nil { end += 1 }
                        digits = (i + 3, end < n && bytes[end] == UInt8(ascii: "}") ? end - i - 3 : -1)
                        next = end + 1
                    }
                    guard let value = hexValue(digits.start, count: digits.count) else {
                        out.append(escaped)
                        i += 2
                        continue
                    }
                    emit(value)
                    i = next
                case UInt8(ascii: "N"):
                    if i + 2 < n, bytes[i + 2] == UInt8(ascii: "{") { return .unknowable }
                    out.append(escaped)
                    i += 2
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value: UInt32 = 0
                    var end = i + 1
                    while end < n, end - i <= 3, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "7") {
                        value = value * 8 + UInt32(bytes[end] - UInt8(ascii: "0"))
                        end += 1
                    }
                    emit(value)
                    i = end
                case UInt8(ascii: "\n"):
                    changed = true
                    i += 2
                case UInt8(ascii: "\r"):
                    changed = true
                    i += i + 2 < n && bytes[i + 2] == UInt8(ascii: "\n") ? 3 : 2
                case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "v"):
                    // A control character: it joins nothing.
                    out.append(0x01)
                    i += 2
                default:
                    // `\\`, `\"`, `\w`: the character alone (JavaScript reads `\w` as `w`; Python
                    // keeps the backslash, and the raw text has both). Consumed as a pair, so what
                    // follows is read as the literal reads it. Only a letter or digit can join two
                    // pieces of a name.
                    out.append(escaped)
                    let lower = escaped | 0x20
                    if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (escaped >= UInt8(ascii: "0") && escaped <= UInt8(ascii: "9")) {
                        changed = true
                    }
                    i += 2
                }
            }
            return changed ? .decoded(out) : .none
        }

        private static func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
    }
}
