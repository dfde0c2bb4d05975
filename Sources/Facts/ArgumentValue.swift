import Lexing
import Model

/// Describes an argument's value expression for rules: a plain string literal, a dotted name, or
/// an object literal / dict display with its entries.
enum ArgumentValue {
    static func describe(_ stream: TokenStream, from first: Int, to last: Int, language: Language,
                         matching: [Int32]) -> ArgumentFact {
        var fact = ArgumentFact(range: stream.range(first, last))
        if first == last, stream.kind(first) == .string {
            fact.stringValue = stream.stringValue(first, language: language)
            fact.stringRange = stream.tokens[first].range
        } else if stream.kind(first) == .identifier, isDottedName(stream, from: first, to: last) {
            var name = stream.text(first)
            _ = stream.appendMembers(to: &name, from: first + 1)
            fact.name = name
        } else if stream.kind(first) == .lBrace, Int(matching[first]) == last {
            fact.properties = entries(stream, open: first, close: last, language: language, matching: matching)
        }
        return fact
    }

    private static func isDottedName(_ stream: TokenStream, from first: Int, to last: Int) -> Bool {
        var k = first + 1
        while k < last {
            guard stream.kind(k) == .dot, stream.kind(k + 1) == .identifier else { return false }
            k += 2
        }
        return k == last + 1
    }

    /// `{key: value, 'key': value, shorthand}` → one fact per entry with `keyword` set.
    private static func entries(_ stream: TokenStream, open: Int, close: Int, language: Language,
                                matching: [Int32]) -> [ArgumentFact] {
        var result: [ArgumentFact] = []
        var start = open + 1
        var k = open + 1
        while k <= close {
            if k == close || stream.kind(k) == .comma {
                if k > start + 1, stream.kind(start + 1) == .colon, k - 1 >= start + 2 {
                    let key: String? = stream.kind(start) == .identifier ? stream.text(start)
                        : stream.stringValue(start, language: language)
                    if let key {
                        var entry = describe(stream, from: start + 2, to: k - 1, language: language, matching: matching)
                        entry.keyword = key
                        result.append(entry)
                    }
                }
                start = k + 1
            } else if let kind = stream.kind(k), kind == .lParen || kind == .lBracket || kind == .lBrace || kind == .templateHead {
                let match = Int(matching[k])
                if match > k, match < close { k = match }
            }
            k += 1
        }
        return result
    }
}
