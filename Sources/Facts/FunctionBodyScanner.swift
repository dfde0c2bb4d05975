import Lexing
import Model

/// Scans the bodies of all functions of a file once, in token order: every token belongs to the
/// innermost function whose body contains it, and statements are tracked per function (a nested
/// function interrupts its parent's statement, which resumes after it). Each function gets the
/// facts of its *own* tokens; a nested function shows in its parent's skeleton as one code.
/// Linear in the tokens: per-function state lives in hash tables, never in lists searched again.
struct FunctionBodyScanner {
    let stream: TokenStream
    let language: Language
    /// Every function's body, by start (parents before the functions nested in them).
    let spans: [BodySpan]
    let keywords: KeywordSignatures
    /// The skeleton code that stands for a nested function in its parent's skeleton.
    static let nestedFunctionCode: UInt32 = 0x4000_0000

    /// A function whose body is being scanned, with its current statement's state and the facts
    /// collected so far.
    struct Active {
        var index: Int
        var first: Int
        var last: Int
        /// Open parentheses and brackets (and Python braces) in the body.
        var depth = 0
        /// The next token starts a statement.
        var fresh = true
        var statementFirst = -1
        var compared = false
        /// The statement mentions the clock (see `MemberRead.comparedWithClock`).
        var clock = false
        /// Reads (indices in `reads`) of the current statement.
        var statementReads: [Int32] = []
        /// Plain names of the current statement (token indices), kept while locals are bound.
        var names: [Int32] = []
        /// Hashes of containers already recorded.
        var seen: Set<UInt64> = []
        /// Reads bound to each local and not yet compared.
        var bound: [String: [Int32]] = [:]
        /// Skeleton codes of the function's own tokens.
        var codes: [UInt32] = []
        /// The local assigned by the statement (token index), or -1.
        var target = -1
        /// Depth of a Python `for` whose `in` is still to come, or -1.
        var pendingFor = -1
        /// Depth at which a log call's arguments were opened, or -1.
        var logDepth = -1
        /// A `raise` / `throw` statement: its strings are messages.
        var isMessage = false

        init(index: Int, first: Int, last: Int) {
            self.index = index
            self.first = first
            self.last = last
        }
    }

    /// The innermost function being scanned (valid while `isScanning`).
    var current = Active(index: -1, first: 0, last: -1)
    var isScanning = false
    /// Functions whose bodies contain `current`, innermost last.
    var suspended: [Active] = []
    /// Every read, container and key string of every body, in source order, with the function
    /// whose own tokens hold it.
    var reads: [MemberRead] = []
    var readOwners: [Int32] = []
    var containers: [NameOccurrence] = []
    var containerOwners: [Int32] = []
    var keyStrings: [NameOccurrence] = []
    var keyStringOwners: [Int32] = []
    /// Each function's own skeleton, filled when it closes.
    var skeletons: [[UInt32]]

    init(stream: TokenStream, language: Language, spans: [BodySpan]) {
        self.stream = stream
        self.language = language
        self.spans = spans
        keywords = KeywordSignatures.of(language)
        skeletons = Array(repeating: [], count: spans.count)
    }

    /// The own facts of every function, in `spans` order.
    mutating func scan() -> [FunctionBody] {
        var next = 0
        while next < spans.count {
            let outer = spans[next]
            guard outer.first <= outer.last, outer.last < stream.count else {
                next += 1
                continue
            }
            var i = outer.first
            while i <= outer.last {
                while isScanning, i > current.last { close() }
                while next < spans.count, spans[next].first <= i {
                    open(next)
                    next += 1
                }
                process(i)
                i += 1
            }
            while isScanning { close() }
        }
        var bodies = skeletons.map { FunctionBody(skeleton: $0) }
        for (r, read) in reads.enumerated() { bodies[Int(readOwners[r])].reads.append(read) }
        for (c, container) in containers.enumerated() { bodies[Int(containerOwners[c])].containers.append(container) }
        for (k, key) in keyStrings.enumerated() { bodies[Int(keyStringOwners[k])].keyStrings.append(key) }
        for index in bodies.indices {
            Self.sortByPosition(&bodies[index].reads)
            Self.sortByPosition(&bodies[index].containers)
            Self.sortByPosition(&bodies[index].keyStrings)
        }
        return bodies
    }

    /// Nearly always sorted already (facts are recorded in token order); sorts when not.
    private static func sortByPosition<T: Positioned>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for k in 1..<items.count where items[k].range.start < items[k - 1].range.start {
            items.sort { $0.range.start < $1.range.start }
            return
        }
    }

    private mutating func open(_ index: Int) {
        var last = spans[index].last
        if isScanning {
            last = min(last, current.last)
            current.codes.append(Self.nestedFunctionCode)
            suspended.append(current)
        }
        current = Active(index: index, first: spans[index].first, last: last)
        isScanning = true
    }

    private mutating func close() {
        endStatement()
        skeletons[current.index] = current.codes
        if let outer = suspended.popLast() {
            current = outer
        } else {
            isScanning = false
        }
    }

    // MARK: - Tokens

    private mutating func process(_ i: Int) {
        current.codes.append(FunctionSkeleton.code(stream, i, keywords: keywords))
        let token = stream.tokens[i]
        let kind = token.kind
        switch language {
        case .python:
            switch kind {
            case .newline, .semicolon:
                endStatement()
                return
            case .indent, .dedent:
                return
            case .lBrace:
                current.depth += 1
                return
            case .rBrace:
                current.depth = max(0, current.depth - 1)
                return
            default:
                break
            }
        case .typescript:
            if token.newlineBefore, current.depth == 0, !current.fresh { endStatement() }
            switch kind {
            case .semicolon:
                endStatement()
                return
            case .lBrace:
                if current.depth == 0 { endStatement() } else { current.depth += 1 }
                return
            case .rBrace:
                if current.depth == 0 { endStatement() } else { current.depth -= 1 }
                return
            default:
                break
            }
        }
        if current.fresh { startStatement(i) }
        switch kind {
        case .lBracket:
            subscriptRead(i)
            current.depth += 1
        case .lParen:
            current.depth += 1
        case .rParen, .rBracket:
            closeBracket()
        case .templateHead:
            keyPiece(i)
            current.depth += 1
        case .templateMiddle:
            keyPiece(i)
        case .templateTail:
            keyPiece(i)
            closeBracket()
        case .dot, .questionDot:
            member(i)
        case .identifier:
            if isClockWord(i) { current.clock = true }
            plainName(i)
        case .string:
            keyString(i)
        case .operator:
            if isComparison(i), !isNothing(i + 1), !isNothing(i - 1) { current.compared = true }
        default:
            break
        }
    }

    private mutating func closeBracket() {
        current.depth = max(0, current.depth - 1)
        if current.logDepth >= 0, current.depth <= current.logDepth { current.logDepth = -1 }
    }

    /// A comparison operator: `== != <= >= === !==`; `<` / `>` in Python, and in TypeScript only
    /// with white space on both sides (not type arguments, not JSX tags). The caller leaves out
    /// presence tests (`== None`, `!== undefined`).
    private func isComparison(_ i: Int) -> Bool {
        let token = stream.tokens[i]
        let start = Int(token.start)
        let bytes = stream.bytes
        let first = bytes[start]
        switch token.length {
        case 1:
            guard first == UInt8(ascii: "<") || first == UInt8(ascii: ">") else { return false }
            if language == .python { return true }
            return start > 0 && start + 1 < bytes.count && Self.isSpace(bytes[start - 1]) && Self.isSpace(bytes[start + 1])
        case 2:
            return bytes[start + 1] == UInt8(ascii: "=") && (first == UInt8(ascii: "=") || first == UInt8(ascii: "!")
                || first == UInt8(ascii: "<") || first == UInt8(ascii: ">"))
        case 3:
            return (first == UInt8(ascii: "=") || first == UInt8(ascii: "!")) && bytes[start + 1] == UInt8(ascii: "=")
                && bytes[start + 2] == UInt8(ascii: "=")
        default:
            return false
        }
    }

    /// `now`, `utcnow`, `time`, `Date`, `datetime`, `timestamp`, `today`, `clock`, `monotonic`.
    private func isClockWord(_ i: Int) -> Bool {
        switch stream.tokens[i].length {
        case 3: return stream.isWord(i, "now")
        case 4: return stream.isWord(i, "time") || stream.isWord(i, "Date")
        case 5: return stream.isWord(i, "today") || stream.isWord(i, "clock")
        case 6: return stream.isWord(i, "utcnow")
        case 8: return stream.isWord(i, "datetime")
        case 9: return stream.isWord(i, "timestamp") || stream.isWord(i, "monotonic")
        default: return false
        }
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}

/// Facts with a source position, kept sorted by it.
protocol Positioned {
    var range: ByteRange { get }
}

extension MemberRead: Positioned {}
extension NameOccurrence: Positioned {}
