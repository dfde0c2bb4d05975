import Lexing
import Model

/// A URL query parameter whose value the code appends to a string: `'?token=' + jwt`,
/// `` `${wsUrl}?jwt=${token}` ``, `f"{url}?token={access_token}"`, `"...?token=%s" % token`,
/// `"...&token={}".format(token)`. Only names right after `?` or `&` count.
public struct URLParameterFact: Hashable, Sendable {
    /// The parameter name as written (`token`).
    public var name: String
    /// The value: a dotted name or call as written (`this.token`, `getToken()`), else `…`.
    public var value: String
    /// From the string piece that names the parameter through the value.
    public var range: ByteRange

    public init(name: String, value: String, range: ByteRange) {
        self.name = name
        self.value = value
        self.range = range
    }
}

/// Finds `URLParameterFact`s in one pass over the string tokens.
enum URLParameters {
    static func extract(_ stream: TokenStream, language: Language) -> [URLParameterFact] {
        var result: [URLParameterFact] = []
        for i in 0..<stream.count {
            let kind = stream.tokens[i].kind
            guard kind == .string || kind == .templateHead || kind == .templateMiddle else { continue }
            let token = stream.tokens[i]
            var end = Int(token.end)
            if kind == .string {
                // The closing quote(s).
                while end > Int(token.start), stream.bytes[end - 1] == UInt8(ascii: "\"") || stream.bytes[end - 1] == UInt8(ascii: "'")
                    || stream.bytes[end - 1] == UInt8(ascii: "`") { end -= 1 }
            } else {
                // The opening `${` / `{` of the substitution.
                end -= 1
                if end > Int(token.start), stream.bytes[end - 1] == UInt8(ascii: "$") { end -= 1 }
            }
            var suffix = end
            var format = false
            if kind == .string, end - 2 >= Int(token.start) {
                // `=%s` / `={}` / `={name}` before a `%` / `.format(...)`.
                if stream.bytes[end - 1] == UInt8(ascii: "s"), stream.bytes[end - 2] == UInt8(ascii: "%") {
                    suffix = end - 2
                    format = true
                } else if stream.bytes[end - 1] == UInt8(ascii: "}"), let open = lastByte(stream, UInt8(ascii: "{"), before: end - 1, from: Int(token.start)) {
                    suffix = open
                    format = true
                }
            }
            guard let name = parameter(stream, endingAt: suffix, from: Int(token.start)) else { continue }
            let valueFirst: Int
            if kind != .string {
                valueFirst = i + 1
            } else if format, stream.isOperator(i + 1, "%") {
                valueFirst = i + 2
            } else if format, stream.kind(i + 1) == .dot, stream.isWord(i + 2, "format"), stream.kind(i + 3) == .lParen {
                valueFirst = i + 4
            } else if !format, stream.isOperator(i + 1, "+") {
                valueFirst = i + 2
            } else {
                continue
            }
            guard valueFirst < stream.count else { continue }
            let (value, last) = describe(stream, from: valueFirst)
            result.append(URLParameterFact(name: name, value: value, range: stream.range(i, max(i, last))))
        }
        return result
    }

    /// The name in `[?&]name=` ending just before `end`.
    private static func parameter(_ stream: TokenStream, endingAt end: Int, from start: Int) -> String? {
        guard end - 1 > start, stream.bytes[end - 1] == UInt8(ascii: "=") else { return nil }
        var k = end - 2
        while k >= start, isNameByte(stream.bytes[k]) { k -= 1 }
        guard k >= start, k < end - 2, stream.bytes[k] == UInt8(ascii: "?") || stream.bytes[k] == UInt8(ascii: "&") else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: stream.bytes[(k + 1)..<(end - 1)]), as: UTF8.self)
    }

    private static func lastByte(_ stream: TokenStream, _ byte: UInt8, before end: Int, from start: Int) -> Int? {
        var k = end - 1
        while k >= start, end - k <= 40 {
            if stream.bytes[k] == byte { return k }
            k -= 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// The value expression starting at `first`: its text when it is a dotted name or a call of one
    /// (`getToken()`, `this.auth.token`), else `…`; and its last token.
    private static func describe(_ stream: TokenStream, from first: Int) -> (String, Int) {
        var k = first
        if stream.isWord(k, "await") || stream.isWord(k, "this") && stream.kind(k + 1) != .dot { k += 1 }
        guard stream.kind(k) == .identifier else { return ("…", first) }
        var text = stream.text(k)
        k = stream.appendMembers(to: &text, from: k + 1, optional: true)
        if stream.kind(k) == .lParen, let close = stream.closer(of: k) {
            text += close == k + 1 ? "()" : "(…)"
            k = close + 1
        }
        return (text, k - 1)
    }
}
