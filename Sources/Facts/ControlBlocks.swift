import Lexing
import Model

/// A block of statements that runs only in some cases: a `try` body, an exception handler, the
/// body of an `if` / `elif` / `else if`, or of an `else`. Rules ask what runs when a call fails
/// (a handler of an auth-service call that validates the token itself) or when a check fails (a
/// branch on `not result.valid` that closes the socket).
public struct BlockFact: Hashable, Sendable {
    public enum Kind: UInt8, Hashable, Sendable {
        /// `try:` / `try {`; also the receiver chain of a promise's `.catch(...)`.
        case tryBody
        /// `except ...:` / `catch (e) {`; also the callback of a promise's `.catch(...)`.
        case handler
        /// The body of `if` / `elif` / `else if`.
        case branch
        /// The body of the `else` of an `if` (its header is that `if`'s condition).
        case elseBranch
    }

    public var kind: Kind
    /// The header as written, white space collapsed, at most 100 bytes: a handler's caught types
    /// (`(ConnectionError, TimeoutError)`, empty for a bare `except:`) or TypeScript catch
    /// parameter (`e`); a branch's condition (`not result.valid`); an else's `if` condition.
    public var header: String
    /// The identifiers and string contents of the header, in order (at most 32).
    public var headerWords: [String]
    public var headerRange: ByteRange
    /// The statements: a Python block (first to last token) or one-line body, a TypeScript block
    /// with its braces or single statement, a `.catch` callback.
    public var body: ByteRange
    /// For a handler: the index in `FileFacts.blocks` of its `try` body.
    public var tryBlock: Int?
    /// The index of the innermost block whose body contains this one.
    public var parent: Int?
    /// Whether the body has a `return`, `raise` / `throw`, `break` or `continue` (at any depth):
    /// a handler without one lets the code after its `try` statement run.
    public var exits: Bool = false

    /// The header as the language writes it, for messages: `if not result.valid`,
    /// `if (!token)`, `except ConnectionError`, `catch (err)`, `.catch`, `try`.
    public func written(in language: Language) -> String {
        let python = language == .python
        switch kind {
        case .branch, .elseBranch: return python ? "if \(header)" : "if (\(header))"
        case .handler:
            if header == ".catch" { return ".catch" }
            if python { return header.isEmpty ? "except" : "except \(header)" }
            return header.isEmpty ? "catch" : "catch (\(header))"
        case .tryBody: return "try"
        }
    }

    public init(kind: Kind, header: String, headerWords: [String], headerRange: ByteRange, body: ByteRange,
                tryBlock: Int? = nil, parent: Int? = nil) {
        self.kind = kind
        self.header = header
        self.headerWords = headerWords
        self.headerRange = headerRange
        self.body = body
        self.tryBlock = tryBlock
        self.parent = parent
    }
}

/// A `return` statement.
public struct ReturnFact: Hashable, Sendable {
    /// From `return` through the end of its value.
    public var range: ByteRange
    /// The value, described like an argument (a leading `await` and enclosing parentheses left
    /// out); nil for a bare `return`.
    public var value: ArgumentFact?
    /// The expression body of the arrow callback of a promise's `.catch(() => value)`: the
    /// handler's result, which is no `return` of the function around it.
    public var isArrowBody: Bool

    public init(range: ByteRange, value: ArgumentFact?, isArrowBody: Bool = false) {
        self.range = range
        self.value = value
        self.isArrowBody = isArrowBody
    }
}

/// Finds blocks and returns in one pass over a file's tokens (see `BlockFact`, `ReturnFact`).
/// Headers and return values are scanned once more, jumping over nested brackets, so the work is
/// linear in the tokens.
struct ControlBlocks {
    let stream: TokenStream
    let language: Language
    private(set) var blocks: [BlockFact] = []
    private(set) var returns: [ReturnFact] = []
    /// Where `return`, `raise`, `throw`, `break`, `continue` statements start, ascending.
    private var exitOffsets: [Int] = []

    init(_ stream: TokenStream, language: Language) {
        self.stream = stream
        self.language = language
    }

    static func extract(_ stream: TokenStream, language: Language) -> (blocks: [BlockFact], returns: [ReturnFact]) {
        var extractor = ControlBlocks(stream, language: language)
        if language == .python { extractor.scanPython() } else { extractor.scanTypeScript() }
        extractor.markExits()
        return (extractor.blocks, extractor.returns)
    }

    /// Adds the blocks of promise `.catch(callback)` calls (TypeScript) and sorts out nesting.
    static func finish(_ blocks: [BlockFact], calls: [CallFact]) -> [BlockFact] {
        var all = blocks
        for call in calls where call.isChained && call.callee.hasSuffix(").catch") && call.arguments.count == 1 {
            let callback = call.arguments[0].range
            guard call.range.start < callback.start else { continue }
            let receiver = ByteRange(call.range.start, callback.start)
            all.append(BlockFact(kind: .tryBody, header: "", headerWords: [], headerRange: receiver, body: receiver))
            var handler = BlockFact(kind: .handler, header: ".catch", headerWords: [], headerRange: callback, body: callback,
                                    tryBlock: -1)
            // The callback's result is the chain's result.
            handler.exits = true
            all.append(handler)
        }
        guard all.count > blocks.count else { return nestings(all) }
        // Keep each `.catch` handler right after its try body while sorting by body start.
        var order = Array(all.indices)
        order.sort { a, b in
            let ka = all[a].body.start, kb = all[b].body.start
            if ka != kb { return ka < kb }
            if all[a].body.end != all[b].body.end { return all[a].body.end > all[b].body.end }
            return a < b
        }
        var position = [Int](repeating: 0, count: all.count)
        for (k, index) in order.enumerated() { position[index] = k }
        var sorted = order.map { all[$0] }
        for (k, index) in order.enumerated() {
            guard let tryBlock = all[index].tryBlock else { continue }
            // A `.catch` handler (marked -1) belongs to the block appended just before it.
            sorted[k].tryBlock = tryBlock == -1 ? position[index - 1] : position[tryBlock]
        }
        return nestings(sorted)
    }

    /// Sets `parent` from the body ranges (blocks sorted by body start).
    private static func nestings(_ blocks: [BlockFact]) -> [BlockFact] {
        var result = blocks
        var open: [Int] = []
        for index in result.indices {
            let body = result[index].body
            while let top = open.last, result[top].body.end <= body.start { open.removeLast() }
            result[index].parent = open.last
            open.append(index)
        }
        return result
    }

    /// Sets `exits` with one binary search per block over the exit statements.
    private mutating func markExits() {
        guard !exitOffsets.isEmpty else { return }
        for index in blocks.indices {
            let body = blocks[index].body
            var low = 0, high = exitOffsets.count
            while low < high {
                let mid = (low + high) / 2
                if exitOffsets[mid] < body.start { low = mid + 1 } else { high = mid }
            }
            blocks[index].exits = low < exitOffsets.count && exitOffsets[low] < body.end
        }
    }

    /// Notes an exit statement at token `i` (`return`, `raise`, `throw`, `break`, `continue`).
    private mutating func noteExit(_ i: Int) {
        let length = stream.tokens[i].length
        guard length >= 5, length <= 8 else { return }
        if stream.isWord(i, "return") || stream.isWord(i, "raise") || stream.isWord(i, "throw") || stream.isWord(i, "break")
            || stream.isWord(i, "continue") {
            exitOffsets.append(Int(stream.tokens[i].start))
        }
    }

    // MARK: - Python

    /// An open indented block.
    private struct OpenBlock {
        var block: Int
        var level: Int
    }

    private mutating func scanPython() {
        var level = 0
        var open: [OpenBlock] = []
        var pending = -1
        var lastCode = -1
        // Per indentation level: the last `if`/`elif` and `try` whose `else`/`except` may follow.
        var lastIf: [Int] = [-1]
        var lastTry: [Int] = [-1]
        var i = 0
        let count = stream.count
        while i < count {
            switch stream.tokens[i].kind {
            case .indent:
                level += 1
                if lastIf.count <= level { lastIf.append(-1); lastTry.append(-1) }
                lastIf[level] = -1
                lastTry[level] = -1
                if pending >= 0 {
                    blocks[pending].body = ByteRange(Int(stream.tokens[min(i + 1, count - 1)].start), blocks[pending].body.end)
                    open.append(OpenBlock(block: pending, level: level))
                    pending = -1
                }
                i += 1
                continue
            case .dedent:
                level -= 1
                while let top = open.last, top.level > level {
                    let end = lastCode >= 0 ? Int(stream.tokens[lastCode].end) : blocks[top.block].body.start
                    blocks[top.block].body = ByteRange(blocks[top.block].body.start, max(end, blocks[top.block].body.start))
                    open.removeLast()
                }
                i += 1
                continue
            case .newline:
                if pending >= 0, stream.kind(i + 1) != .indent { pending = -1 }
                i += 1
                continue
            default:
                break
            }
            lastCode = i
            let atStart = stream.isPythonStatementStart(i)
            guard stream.tokens[i].kind == .identifier, atStart || stream.kind(i - 1) == .colon else {
                i += 1
                continue
            }
            noteExit(i)
            if stream.isWord(i, "return") {
                let last = pythonStatementEnd(from: i)
                addReturn(keyword: i, first: i + 1, last: last)
                lastCode = last
                i = last + 1
                continue
            }
            guard atStart, level < lastIf.count else {
                i += 1
                continue
            }
            let isIf = stream.isWord(i, "if") || stream.isWord(i, "elif")
            let isElse = stream.isWord(i, "else")
            let isTry = stream.isWord(i, "try")
            let isExcept = stream.isWord(i, "except")
            guard isIf || isElse || isTry || isExcept, let colon = pythonHeaderColon(from: i + 1) else {
                if !stream.isWord(i, "elif") { lastIf[level] = -1 }
                if !stream.isWord(i, "finally") { lastTry[level] = -1 }
                i += 1
                continue
            }
            var headerFirst = i + 1
            var headerLast = colon - 1
            var kind = BlockFact.Kind.branch
            var tryBlock: Int?
            var copyHeaderOf = -1
            if isElse {
                copyHeaderOf = lastIf[level]
                lastIf[level] = -1
                lastTry[level] = -1
                guard copyHeaderOf >= 0 else {
                    i = colon + 1
                    continue
                }
                kind = .elseBranch
            } else if isTry {
                kind = .tryBody
                lastIf[level] = -1
            } else if isExcept {
                kind = .handler
                tryBlock = lastTry[level] >= 0 ? lastTry[level] : nil
                if stream.kind(headerFirst) == .star { headerFirst += 1 }
                // `except (A, B) as e:` — the types, not the name.
                var k = headerFirst
                while k <= headerLast {
                    if let close = stream.closer(of: k), close <= headerLast { k = close + 1; continue }
                    if stream.isWord(k, "as") { headerLast = k - 1; break }
                    k += 1
                }
                lastIf[level] = -1
            } else {
                lastTry[level] = -1
            }
            let index = blocks.count
            if copyHeaderOf >= 0 {
                let source = blocks[copyHeaderOf]
                blocks.append(BlockFact(kind: kind, header: source.header, headerWords: source.headerWords,
                                        headerRange: source.headerRange, body: ByteRange(Int(stream.tokens[colon].end), Int(stream.tokens[colon].end))))
            } else {
                blocks.append(header(kind: kind, first: headerFirst, last: headerLast, after: colon, tryBlock: tryBlock))
            }
            if isIf { lastIf[level] = index }
            if isTry { lastTry[level] = index }
            if stream.kind(colon + 1) == .newline {
                pending = index
            } else {
                // One-line body, all its simple statements: `except E: log(e); return None`.
                if let last = stream.pythonLineEnd(from: colon + 1) { blocks[index].body = stream.range(colon + 1, last) }
            }
            i = colon + 1
        }
        for top in open where lastCode >= 0 {
            blocks[top.block].body = ByteRange(blocks[top.block].body.start,
                                               max(Int(stream.tokens[lastCode].end), blocks[top.block].body.start))
        }
    }

    /// Python: the last token of the simple statement that starts at `i` (its line, up to a `;`).
    private func pythonStatementEnd(from i: Int) -> Int {
        guard let last = stream.pythonLineEnd(from: i) else { return i - 1 }
        var k = i
        while k <= last, stream.tokens[k].kind != .semicolon { k += 1 }
        return k - 1
    }

    /// The `:` that ends a compound statement's header starting at `i` (past lambdas, brackets).
    private func pythonHeaderColon(from i: Int) -> Int? {
        var lambdas = 0
        var k = i
        while k < stream.count {
            switch stream.tokens[k].kind {
            case .lParen, .lBracket, .lBrace:
                guard let close = stream.closer(of: k) else { return nil }
                k = close
            case .identifier where stream.isWord(k, "lambda"):
                lambdas += 1
            case .colon:
                if lambdas == 0 { return k }
                lambdas -= 1
            case .newline, .indent, .dedent, .semicolon:
                return nil
            default:
                break
            }
            k += 1
        }
        return nil
    }

    // MARK: - TypeScript

    private mutating func scanTypeScript() {
        // The last token of each `if` body and `try` block, for the `else` / `catch` after it.
        var branchEnds: [Int: Int] = [:]
        var tryEnds: [Int: Int] = [:]
        var i = 0
        let count = stream.count
        while i < count {
            if stream.tokens[i].kind == .arrow, i + 1 < count, stream.kind(i + 1) != .lBrace, isCatchCallback(arrow: i) {
                // `.catch((err) => value)`: the value is the handler's result.
                let last = typeScriptStatementEnd(from: i + 1, stopAtLineBreak: false, stopAtComma: true)
                addReturn(keyword: i, first: i + 1, last: stream.kind(last) == .semicolon ? last - 1 : last, isArrowBody: true)
                i += 1
                continue
            }
            guard stream.tokens[i].kind == .identifier, stream.kind(i - 1) != .dot, stream.kind(i - 1) != .questionDot else {
                i += 1
                continue
            }
            noteExit(i)
            if stream.isWord(i, "return") {
                let last = typeScriptStatementEnd(from: i + 1, stopAtLineBreak: true)
                addReturn(keyword: i, first: i + 1, last: stream.kind(last) == .semicolon ? last - 1 : last)
                i += 1
            } else if stream.isWord(i, "if"), stream.kind(i + 1) == .lParen, let close = stream.closer(of: i + 1) {
                let index = blocks.count
                blocks.append(header(kind: .branch, first: i + 2, last: close - 1, after: close, tryBlock: nil))
                let last = typeScriptBody(of: index, from: close + 1)
                branchEnds[last] = index
                i = close + 1
            } else if stream.isWord(i, "else"), !stream.isWord(i + 1, "if"), let owner = branchEnds[i - 1] {
                let source = blocks[owner]
                let index = blocks.count
                blocks.append(BlockFact(kind: .elseBranch, header: source.header, headerWords: source.headerWords,
                                        headerRange: source.headerRange, body: ByteRange(Int(stream.tokens[i].end), Int(stream.tokens[i].end))))
                _ = typeScriptBody(of: index, from: i + 1)
                i += 1
            } else if stream.isWord(i, "try"), stream.kind(i + 1) == .lBrace, let close = stream.closer(of: i + 1) {
                tryEnds[close] = blocks.count
                blocks.append(BlockFact(kind: .tryBody, header: "", headerWords: [], headerRange: stream.range(i, i),
                                        body: stream.range(i + 1, close)))
                i += 2
            } else if stream.isWord(i, "catch"), let tryBlock = tryEnds[i - 1] {
                var brace = i + 1
                let index = blocks.count
                if stream.kind(brace) == .lParen, let close = stream.closer(of: brace) {
                    blocks.append(header(kind: .handler, first: brace + 1, last: close - 1, after: close, tryBlock: tryBlock))
                    brace = close + 1
                } else {
                    let keyword = stream.range(i, i)
                    blocks.append(BlockFact(kind: .handler, header: "", headerWords: [], headerRange: keyword, body: keyword,
                                            tryBlock: tryBlock))
                }
                if stream.kind(brace) == .lBrace, let close = stream.closer(of: brace) {
                    blocks[index].body = stream.range(brace, close)
                } else {
                    blocks.removeLast()
                }
                i = brace
            } else {
                i += 1
            }
        }
    }

    /// Whether the arrow at `arrow` starts the callback of a promise's `.catch(...)`: its
    /// parameters (`()`, `(err)`, `(err: unknown)`, `err`, after an optional `async`) follow
    /// `.catch(`. Looks back at most 16 tokens.
    private func isCatchCallback(arrow: Int) -> Bool {
        var open = -1
        if stream.kind(arrow - 1) == .identifier {
            open = arrow - 2
        } else if stream.kind(arrow - 1) == .rParen {
            var k = arrow - 2
            while k >= 0, arrow - k <= 16 {
                if stream.kind(k) == .lParen, stream.closer(of: k) == arrow - 1 { break }
                k -= 1
            }
            guard k >= 0, arrow - k <= 16 else { return false }
            open = k - 1
        }
        if stream.isWord(open, "async") { open -= 1 }
        return stream.kind(open) == .lParen && stream.isWord(open - 1, "catch") && stream.kind(open - 2) == .dot
    }

    /// Top-level tokens a braceless `if`/`else` body is followed for: `if (a) if (b) ... x;`
    /// nested N deep would otherwise scan N² tokens.
    static let maximumStatementTokens = 512

    /// Sets the body of block `index` starting at `first` (a `{...}` block or one statement);
    /// returns its last token.
    private mutating func typeScriptBody(of index: Int, from first: Int) -> Int {
        guard first < stream.count else { return first - 1 }
        if stream.kind(first) == .lBrace, let close = stream.closer(of: first) {
            blocks[index].body = stream.range(first, close)
            return close
        }
        let last = typeScriptStatementEnd(from: first, stopAtLineBreak: false, limit: Self.maximumStatementTokens)
        if last >= first { blocks[index].body = stream.range(first, last) }
        return max(last, first - 1)
    }

    /// The last token of the statement or expression starting at `first`: its `;`, or the token
    /// before a closing bracket it is nested in, or (with `stopAtLineBreak`, or after a complete
    /// line) the token before a line break that the next token does not continue.
    private func typeScriptStatementEnd(from first: Int, stopAtLineBreak: Bool, stopAtComma: Bool = false,
                                        limit: Int = Int.max) -> Int {
        var k = first
        if stopAtLineBreak, k < stream.count, stream.tokens[k].newlineBefore { return first - 1 }
        var steps = 0
        while k < stream.count {
            steps += 1
            if steps > limit { return k - 1 }
            switch stream.tokens[k].kind {
            case .semicolon: return k
            case .comma where stopAtComma: return k - 1
            case .rParen, .rBracket, .rBrace, .templateTail, .templateMiddle: return k - 1
            default: break
            }
            if let close = stream.closer(of: k) {
                k = close
            }
            if k + 1 < stream.count, stream.tokens[k + 1].newlineBefore, !stream.continuesLine(k + 1) {
                return k
            }
            k += 1
        }
        return k - 1
    }

    // MARK: - Shared

    private mutating func addReturn(keyword: Int, first: Int, last: Int, isArrowBody: Bool = false) {
        var first = first
        var last = last
        while first <= last {
            if stream.isWord(first, "await") {
                first += 1
            } else if stream.kind(first) == .lParen, stream.closer(of: first) == last, first + 1 < last {
                first += 1
                last -= 1
            } else {
                break
            }
        }
        var value: ArgumentFact?
        if first <= last {
            // A returned call (`return self._http.post(...)`) is found by its range; only literals,
            // names and objects need describing.
            value = stream.kind(first) == .identifier && stream.kind(last) == .rParen
                ? ArgumentFact(range: stream.range(first, last))
                : ArgumentValue.describe(stream, from: first, to: last, language: language, levels: 1)
        }
        returns.append(ReturnFact(range: stream.range(keyword, max(keyword, last)), value: value, isArrowBody: isArrowBody))
    }

    /// A block whose header is tokens `first...last` and whose body follows token `after`.
    private func header(kind: BlockFact.Kind, first: Int, last: Int, after: Int, tryBlock: Int?) -> BlockFact {
        let bodyStart = Int(stream.tokens[after].end)
        guard first <= last else {
            let range = stream.range(after, after)
            return BlockFact(kind: kind, header: "", headerWords: [], headerRange: ByteRange(range.start, range.start),
                             body: ByteRange(bodyStart, bodyStart), tryBlock: tryBlock)
        }
        var words: [String] = []
        var k = first
        while k <= last, words.count < 32 {
            if stream.tokens[k].kind == .identifier {
                words.append(stream.text(k))
            } else if let text = stream.stringValue(k, language: language) {
                words.append(text)
            }
            k += 1
        }
        let range = stream.range(first, last)
        return BlockFact(kind: kind, header: Self.collapsed(stream.bytes, range), headerWords: words, headerRange: range,
                         body: ByteRange(bodyStart, bodyStart), tryBlock: tryBlock)
    }

    /// The text of `range` with runs of white space as one space, cut at 100 bytes (with `…`).
    static func collapsed(_ bytes: UnsafeRawBufferPointer, _ range: ByteRange) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(range.end - range.start, 104))
        var space = false
        var offset = range.start
        while offset < range.end, out.count < 100 {
            let byte = bytes[offset]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x5C && offset + 1 < range.end && bytes[offset + 1] == 0x0A {
                space = true
            } else {
                if space, !out.isEmpty { out.append(0x20) }
                space = false
                out.append(byte)
            }
            offset += 1
        }
        if offset < range.end {
            // Do not end inside a UTF-8 sequence.
            while let last = out.last, last & 0xC0 == 0x80 { out.removeLast() }
            if let last = out.last, last >= 0xC0 { out.removeLast() }
            return String(decoding: out, as: UTF8.self) + "…"
        }
        return String(decoding: out, as: UTF8.self)
    }
}
