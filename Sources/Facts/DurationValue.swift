import Lexing
import Model

/// The length of time an expression spells, when it is written with literals: a
/// `timedelta(minutes=15)` (also `datetime.timedelta`, `relativedelta`), a product of numbers
/// (`60 * 60`), or the clock plus one of those (`datetime.utcnow() + timedelta(hours=1)`,
/// `int(time.time()) + 3600`, `Math.floor(Date.now() / 1000) + 60 * 60`). Token lifetimes are
/// written like this; a lifetime read from settings is not a literal and has no value here.
public enum DurationValue {
    /// Seconds, and whether the expression adds them to the clock (an expiry time, not a length).
    static func evaluate(_ stream: TokenStream, from first: Int, to last: Int) -> (seconds: Double, fromClock: Bool)? {
        guard first < last else { return nil }
        // Most values are no length: reject them with one look at the top level (a call must be
        // a timedelta; anything else needs a `+` or `*`).
        if stream.kind(first) == .identifier || stream.kind(first) == .lParen {
            var k = first
            var operators = false
            while k <= last {
                if let close = stream.closer(of: k), close <= last {
                    if close == last, k > first, stream.kind(k) == .lParen {
                        if !operators, !(stream.isWord(k - 1, "timedelta") || stream.isWord(k - 1, "relativedelta")) { return nil }
                    }
                    k = close + 1
                    continue
                }
                if stream.isOperator(k, "+") || stream.isOperator(k, "*") || stream.kind(k) == .star { operators = true }
                k += 1
            }
            if !operators, !(stream.kind(last) == .rParen) { return nil }
        } else if stream.kind(first) != .number {
            return nil
        }
        var terms: [(first: Int, last: Int)] = []
        var start = first
        var k = first
        while k <= last {
            if let close = stream.closer(of: k), close <= last {
                k = close + 1
                continue
            }
            if stream.isOperator(k, "+") {
                guard k > start else { return nil }
                terms.append((start, k - 1))
                start = k + 1
            }
            k += 1
        }
        guard start <= last else { return nil }
        terms.append((start, last))
        var seconds = 0.0
        var clocks = 0
        for term in terms {
            if let value = timedelta(stream, term.first, term.last) ?? product(stream, term.first, term.last) {
                seconds += value
            } else if mentionsClock(stream, term.first, term.last) {
                clocks += 1
            } else {
                return nil
            }
        }
        // One clock plus lengths, or one length alone (the clock alone is a time, not a length).
        if clocks > 1 || (clocks == 0 && terms.count > 1) || (clocks == 1 && terms.count == 1) { return nil }
        return (seconds, clocks == 1)
    }

    /// `[datetime.]timedelta(days=1, hours=2)`, `relativedelta(minutes=5)`; positional days, seconds.
    private static func timedelta(_ stream: TokenStream, _ first: Int, _ last: Int) -> Double? {
        guard stream.kind(last) == .rParen, let open = (first..<last).first(where: { stream.kind($0) == .lParen }),
              stream.closer(of: open) == last, open > first,
              stream.isWord(open - 1, "timedelta") || stream.isWord(open - 1, "relativedelta") else { return nil }
        var total = 0.0
        for (index, item) in stream.items(between: open, and: last).enumerated() {
            if stream.kind(item.first) == .identifier, stream.kind(item.first + 1) == .equal {
                guard let value = product(stream, item.first + 2, item.last),
                      let unit = timedeltaUnit(keyword: stream.text(item.first), position: index) else { return nil }
                total += value * unit
            } else {
                guard let value = product(stream, item.first, item.last),
                      let unit = timedeltaUnit(keyword: nil, position: index) else { return nil }
                total += value * unit
            }
        }
        return total
    }

    /// Seconds per unit of a `timedelta` argument: by keyword (`weeks` … `microseconds`), else by
    /// position (days, then seconds); nil for anything else.
    public static func timedeltaUnit(keyword: String?, position: Int) -> Double? {
        switch keyword {
        case "weeks"?: return 604_800
        case "days"?: return 86_400
        case "hours"?: return 3_600
        case "minutes"?: return 60
        case "seconds"?: return 1
        case "milliseconds"?: return 0.001
        case "microseconds"?: return 0.000_001
        case nil where position == 0: return 86_400
        case nil where position == 1: return 1
        default: return nil
        }
    }

    /// Numbers joined by `*` (or one number), possibly in parentheses.
    private static func product(_ stream: TokenStream, _ first: Int, _ last: Int) -> Double? {
        if stream.kind(first) == .lParen, stream.closer(of: first) == last { return product(stream, first + 1, last - 1) }
        var value = 1.0
        var k = first
        while k <= last {
            guard stream.kind(k) == .number, let number = Double(stream.text(k).replacing("_", with: "")) else { return nil }
            value *= number
            if k == last { return value }
            guard stream.kind(k + 1) == .star || stream.isOperator(k + 1, "*") else { return nil }
            k += 2
        }
        return nil
    }

    /// Whether the term reads the clock: `time.time()`, `datetime.utcnow()`, `Date.now()`, `now`.
    private static func mentionsClock(_ stream: TokenStream, _ first: Int, _ last: Int) -> Bool {
        var k = first
        while k <= last {
            if stream.kind(k) == .identifier {
                let text = stream.text(k)
                switch text {
                case "now", "utcnow", "time", "Date", "timestamp", "today", "iat", "issued_at", "issuedAt": return true
                default: break
                }
            }
            k += 1
        }
        return false
    }
}
