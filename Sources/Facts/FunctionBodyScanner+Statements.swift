import Lexing
import Model

// MARK: - Statements

extension FunctionBodyScanner {
    /// The first token of a statement: note an assigned local, a TypeScript destructuring, or a
    /// `raise` / `throw`.
    mutating func startStatement(_ i: Int) {
        current.fresh = false
        current.statementFirst = i
        guard stream.kind(i) == .identifier else { return }
        switch language {
        case .python:
            if stream.isWord(i, "raise") {
                current.isMessage = true
            } else if stream.kind(i + 1) == .equal {
                current.target = i
            } else if stream.kind(i + 1) == .colon {
                // `name: Type = value`
                var k = i + 2
                while k < min(stream.count, i + 40), stream.tokens[k].kind != .newline {
                    if stream.tokens[k].kind == .equal {
                        current.target = i
                        break
                    }
                    k += 1
                }
            }
        case .typescript:
            if stream.isWord(i, "const") || stream.isWord(i, "let") || stream.isWord(i, "var") {
                if stream.kind(i + 1) == .identifier {
                    current.target = i + 1
                } else if stream.kind(i + 1) == .lBrace {
                    destructuring(i + 1)
                }
            } else if stream.isWord(i, "throw") {
                current.isMessage = true
            } else if stream.kind(i + 1) == .equal {
                current.target = i
            }
        }
    }

    /// `const { exp, sub: userId } = ...`: reads of `exp` (bound to `exp`) and `sub` (bound to
    /// `userId`).
    private mutating func destructuring(_ open: Int) {
        var k = open + 1
        let limit = min(stream.count, open + 64)
        // `const { exp } = payload`: the reads' receiver is the name after `=` (when it is one);
        // from any other expression (`= jwtDecode(t)`) each read's receiver is the local it binds,
        // whose value flow says where it came from.
        var source: String?
        var fromExpression = false
        if let close = stream.closer(of: open), stream.kind(close + 1) == .equal {
            if stream.kind(close + 2) == .identifier, stream.kind(close + 3) != .dot, stream.kind(close + 3) != .lParen,
               !stream.isOperator(close + 3, "<"), !stream.isWord(close + 2, "await") {
                source = stream.text(close + 2)
            } else {
                fromExpression = true
            }
        }
        while k < limit, stream.tokens[k].kind != .rBrace {
            guard stream.kind(k) == .identifier, stream.kind(k - 1) == .lBrace || stream.kind(k - 1) == .comma else {
                k += 1
                continue
            }
            let next = stream.kind(k + 1)
            if next == .colon, stream.kind(k + 2) == .identifier {
                addRead(stream.text(k), .attribute, k, boundTo: stream.text(k + 2),
                        receiver: fromExpression ? stream.text(k + 2) : source)
                k += 3
            } else {
                if next == .comma || next == .rBrace || next == .equal {
                    addRead(stream.text(k), .attribute, k, boundTo: stream.text(k), receiver: fromExpression ? stream.text(k) : source)
                }
                k += 1
            }
        }
    }

    /// Ends the current statement of the innermost function: marks its reads compared and/or
    /// bound, and keeps the bound locals it compares.
    mutating func endStatement() {
        if !current.statementReads.isEmpty {
            if current.compared || current.target >= 0 {
                let target = current.target >= 0 ? stream.text(current.target) : nil
                for r in current.statementReads.map(Int.init) {
                    if current.compared {
                        reads[r].compared = true
                        if current.clock { reads[r].comparedWithClock = true }
                    }
                    if let target, reads[r].boundTo == nil {
                        reads[r].boundTo = target
                        current.bound[target, default: []].append(Int32(r))
                    }
                }
            }
            current.statementReads.removeAll(keepingCapacity: true)
        }
        if !current.names.isEmpty {
            if current.compared {
                for k in current.names { markBoundReadsCompared(Int(k)) }
            }
            current.names.removeAll(keepingCapacity: true)
        }
        current.fresh = true
        current.statementFirst = -1
        current.compared = false
        current.clock = false
        current.target = -1
        current.pendingFor = -1
        current.logDepth = -1
        current.isMessage = false
    }

    /// The plain name at `k` is compared: so are the reads bound to it.
    private mutating func markBoundReadsCompared(_ k: Int) {
        guard !current.bound.isEmpty, let reads = current.bound.removeValue(forKey: stream.text(k)) else { return }
        for r in reads {
            self.reads[Int(r)].compared = true
            if current.clock { self.reads[Int(r)].comparedWithClock = true }
        }
    }

    /// Whether token `k` spells `text`.
    func spells(_ k: Int, _ text: String) -> Bool {
        let token = stream.tokens[k]
        guard token.length == text.utf8.count else { return false }
        var offset = Int(token.start)
        for byte in text.utf8 {
            if stream.bytes[offset] != byte { return false }
            offset += 1
        }
        return true
    }

    // MARK: - Reads, names, containers

    /// `x["k"]` is a read of `k`; `x[expr]` makes `x` a container.
    mutating func subscriptRead(_ i: Int) {
        guard let previous = stream.kind(i - 1) else { return }
        switch previous {
        case .identifier:
            if stream.kind(i - 2) != .dot, stream.kind(i - 2) != .questionDot,
               keywords.contains(FunctionSkeleton.signature(stream.tokens[i - 1], stream.bytes)) { return }
        case .rParen, .rBracket, .string:
            break
        default:
            return
        }
        if stream.kind(i + 1) == .string, stream.kind(i + 2) == .rBracket {
            if let key = stream.stringValue(i + 1, language: language) {
                addRead(key, .`subscript`, i + 1, receiver: previous == .identifier ? receiver(endingAt: i - 1) : nil)
            }
        } else if previous == .identifier {
            addContainer(i - 1)
        }
    }

    /// `.name` at `i + 1`: a read, or a call whose receiver is a container (`.get("k")` also reads
    /// `k`); `.info(` and friends open a log call.
    mutating func member(_ i: Int) {
        let name = i + 1
        guard stream.kind(name) == .identifier else { return }
        guard stream.kind(name + 1) == .lParen else {
            addRead(stream.text(name), .attribute, name, receiver: receiver(endingAt: i - 1))
            return
        }
        if stream.kind(i - 1) == .identifier { addContainer(i - 1) }
        if stream.isWord(name, "get"), stream.kind(name + 2) == .string,
           stream.kind(name + 3) == .rParen || stream.kind(name + 3) == .comma,
           let key = stream.stringValue(name + 2, language: language)
        {
            addRead(key, .getCall, name + 2, receiver: receiver(endingAt: i - 1))
        }
        openLogCall(name)
    }

    /// An identifier that is not a member: comparison words, `for`, a call head, or a plain name.
    mutating func plainName(_ i: Int) {
        if let previous = stream.kind(i - 1), previous == .dot || previous == .questionDot { return }
        if language == .python {
            switch stream.tokens[i].length {
            case 2 where stream.isWord(i, "in"):
                if current.pendingFor == current.depth {
                    current.pendingFor = -1
                } else {
                    current.compared = true
                    containerAfterIn(i)
                }
                return
            case 2 where stream.isWord(i, "is"):
                let operand = stream.isWord(i + 1, "not") ? i + 2 : i + 1
                if !isNothing(operand) { current.compared = true }
                return
            case 3 where stream.isWord(i, "for"):
                current.pendingFor = current.depth
                return
            default:
                break
            }
        }
        if stream.kind(i + 1) == .lParen {
            openLogCall(i)
            return
        }
        if language == .python, current.depth > 0, stream.kind(i + 1) == .equal { return }
        if !current.bound.isEmpty { current.names.append(Int32(i)) }
    }

    /// `x in a.b.c`: `c` is a container (unless called).
    /// `None`, `null` or `undefined` at `k`: comparing with it tests presence, not a value.
    func isNothing(_ k: Int) -> Bool {
        guard let token = stream.tokens.indices.contains(k) ? stream.tokens[k] : nil, token.kind == .identifier else { return false }
        switch token.length {
        case 4: return stream.isWord(k, "None") || stream.isWord(k, "null")
        case 9: return stream.isWord(k, "undefined")
        default: return false
        }
    }

    private mutating func containerAfterIn(_ i: Int) {
        guard stream.kind(i + 1) == .identifier else { return }
        var last = i + 1
        while let next = stream.kind(last + 1), next == .dot || next == .questionDot, stream.kind(last + 2) == .identifier {
            last += 2
        }
        if stream.kind(last + 1) != .lParen { addContainer(last) }
    }

    private mutating func openLogCall(_ name: Int) {
        guard current.logDepth < 0, isLogName(name) else { return }
        current.logDepth = current.depth
    }

    /// Names of logging and printing calls, whose string arguments are messages.
    private func isLogName(_ i: Int) -> Bool {
        switch stream.tokens[i].length {
        case 3: return stream.isWord(i, "log")
        case 4: return stream.isWord(i, "info") || stream.isWord(i, "warn")
        case 5: return stream.isWord(i, "debug") || stream.isWord(i, "error") || stream.isWord(i, "print")
            || stream.isWord(i, "fatal") || stream.isWord(i, "trace")
        case 7: return stream.isWord(i, "warning")
        case 8: return stream.isWord(i, "critical")
        case 9: return stream.isWord(i, "exception")
        default: return false
        }
    }

    mutating func addRead(_ name: String, _ form: MemberRead.Form, _ token: Int, boundTo: String? = nil, receiver: String? = nil) {
        let r = Int32(reads.count)
        if let boundTo { current.bound[boundTo, default: []].append(r) }
        current.statementReads.append(r)
        reads.append(MemberRead(name: name, form: form, range: stream.tokens[token].range, boundTo: boundTo, receiver: receiver))
        readOwners.append(Int32(current.index))
    }

    /// The receiver whose last token is `end`: a plain name (`payload`) or an attribute of the
    /// object (`self.claims`, `this.payload`); nil for anything else.
    func receiver(endingAt end: Int) -> String? {
        guard stream.kind(end) == .identifier else { return nil }
        if stream.kind(end - 1) == .dot {
            guard stream.kind(end - 2) == .identifier, stream.kind(end - 3) != .dot,
                  stream.isWord(end - 2, "self") || stream.isWord(end - 2, "this") else { return nil }
            return stream.text(end - 2) + "." + stream.text(end)
        }
        return stream.kind(end - 1) == .questionDot ? nil : stream.text(end)
    }

    /// Records identifier `k` as a container once per function (`self`, `this`, `cls` never).
    mutating func addContainer(_ k: Int) {
        let token = stream.tokens[k]
        if token.length <= 4, stream.isWord(k, "self") || stream.isWord(k, "this") || stream.isWord(k, "cls") { return }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for offset in Int(token.start)..<Int(token.end) {
            hash = (hash ^ UInt64(stream.bytes[offset])) &* 0x100_0000_01b3
        }
        guard current.seen.insert(hash).inserted else { return }
        containers.append(NameOccurrence(stream.text(k), token.range))
        containerOwners.append(Int32(current.index))
    }
}
