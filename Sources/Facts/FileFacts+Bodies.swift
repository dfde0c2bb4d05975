import Model

extension FileFacts {
    /// The own body facts of every function (index-aligned with `functions`), scanned in one
    /// pass over the file's function bodies. Empty bodies for facts built by hand.
    public func scanFunctionBodies() -> [FunctionBody] {
        guard let source = functions.first?.source else {
            return Array(repeating: FunctionBody(), count: functions.count)
        }
        return source.bodies()
    }

    /// For each call (in `calls` order), the index of the innermost function whose body contains
    /// its start, or -1: one sweep over calls and functions with a stack of open bodies.
    public func callOwners() -> [Int] {
        innermostFunctions(containing: calls.map { $0.range.start })
    }

    /// For each offset of an ascending sequence, the index of the innermost function whose body
    /// contains it, or -1 (functions are sorted by body start, parents first).
    public func innermostFunctions<S: Sequence>(containing offsets: S) -> [Int] where S.Element == Int {
        Self.innermost(functions.map { $0.bodyRange }, containing: offsets)
    }

    /// For each offset of an ascending sequence, the index of the innermost block (see
    /// `BlockFact`) whose body contains it, or -1. Enclosing blocks follow `parent`.
    public func innermostBlocks<S: Sequence>(containing offsets: S) -> [Int] where S.Element == Int {
        Self.innermost(blocks.map { $0.body }, containing: offsets)
    }

    /// For each offset of an ascending sequence, the index of the innermost of `ranges` (nested or
    /// disjoint, sorted by start, outer first) that contains it, or -1: one sweep with a stack of
    /// open ranges.
    static func innermost<R: RandomAccessCollection, S: Sequence>(_ ranges: R, containing offsets: S) -> [Int]
    where R.Element == ByteRange, R.Index == Int, S.Element == Int {
        var owners: [Int] = []
        var open: [Int] = []
        var next = 0
        for offset in offsets {
            while next < ranges.count, ranges[next].start <= offset {
                while let top = open.last, ranges[top].end <= ranges[next].start { open.removeLast() }
                open.append(next)
                next += 1
            }
            while let top = open.last, ranges[top].end <= offset { open.removeLast() }
            owners.append(open.last ?? -1)
        }
        return owners
    }

    /// The indices of the calls (`calls`) and returns (`returns`) that start inside `range`, at
    /// most `limit` of them: two binary searches' worth of work plus the result.
    public func callIndices(startingIn range: ByteRange, limit: Int = Int.max) -> Range<Int> {
        Self.indices(count: calls.count, start: { calls[$0].range.start }, in: range, limit: limit)
    }

    public func returnIndices(startingIn range: ByteRange, limit: Int = Int.max) -> Range<Int> {
        Self.indices(count: returns.count, start: { returns[$0].range.start }, in: range, limit: limit)
    }

    /// The indices `i` of `0..<count`, whose `start(i)` ascend, with `start(i)` inside `range` (at
    /// most `limit`). The starts are read one by one: no fact is copied to read its start.
    static func indices(count: Int, start: (Int) -> Int, in range: ByteRange, limit: Int) -> Range<Int> {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if start(mid) < range.start { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < count, end - low < limit, start(end) < range.end { end += 1 }
        return low..<end
    }

    /// One past the last function nested in each function (functions nested in `i` are
    /// `i + 1 ..< end[i]`), in one pass.
    public func nestingEnds() -> [Int] {
        var ends = Array(0..<functions.count).map { $0 + 1 }
        for index in functions.indices.reversed() {
            if let parent = functions[index].parent { ends[parent] = max(ends[parent], ends[index]) }
        }
        return ends
    }

    /// Whether an identifier or string literal of the file spells one of `words` (a string's
    /// content, without quotes). One pass over the tokens kept for function bodies; false for
    /// facts built by hand or files without functions.
    public func mentions(anyOf words: [String]) -> Bool {
        guard let source = functions.first?.source else { return false }
        let wanted = words.map { Array($0.utf8) }
        let lengths = Set(wanted.map(\.count))
        return source.bytes.withUnsafeBytes { bytes in
            for token in source.tokens {
                var start = Int(token.start)
                var end = Int(token.end)
                switch token.kind {
                case .identifier: break
                case .string:
                    guard end - start >= 2 else { continue }
                    start += 1
                    end -= 1
                default: continue
                }
                guard lengths.contains(end - start) else { continue }
                for word in wanted where word.count == end - start {
                    var equal = true
                    for k in 0..<word.count where bytes[start + k] != word[k] {
                        equal = false
                        break
                    }
                    if equal { return true }
                }
            }
            return false
        }
    }

    /// Whether the file's text contains one of `fragments` (lower-case ASCII, at least 2 bytes),
    /// ignoring ASCII case. One pass over the bytes: each pair of bytes is looked up in a bitset
    /// of the fragments' first two bytes, and only hits are compared. False for facts built by
    /// hand or files without functions.
    public func containsIgnoringCase(anyOf fragments: [[UInt8]]) -> Bool {
        guard let source = functions.first?.source else { return false }
        let fragments = fragments.filter { $0.count >= 2 }
        guard !fragments.isEmpty else { return false }
        var starts = [UInt64](repeating: 0, count: 1024)
        for fragment in fragments {
            let pair = Int(fragment[0]) << 8 | Int(fragment[1])
            starts[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        return source.bytes.withUnsafeBytes { bytes in
            guard bytes.count >= 2 else { return false }
            var previous = Int(bytes[0] | 0x20)
            for k in 1..<bytes.count {
                let current = Int(bytes[k] | 0x20)
                let pair = previous << 8 | current
                previous = current
                guard starts[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                let start = k - 1
                for fragment in fragments where start + fragment.count <= bytes.count {
                    var j = 0
                    while j < fragment.count, bytes[start + j] | 0x20 == fragment[j] { j += 1 }
                    if j == fragment.count { return true }
                }
            }
            return false
        }
    }

    /// The functions nested in function `index` at any depth: the ones that follow it while
    /// their parent chain leads back to it. O(nested functions) (functions are in source order).
    public func nestedFunctions(of index: Int) -> Range<Int> {
        var end = index + 1
        while end < functions.count, isNested(end, in: index) { end += 1 }
        return (index + 1)..<end
    }

    private func isNested(_ inner: Int, in outer: Int) -> Bool {
        var parent = functions[inner].parent
        while let current = parent {
            if current == outer { return true }
            if current < outer { return false }
            parent = functions[current].parent
        }
        return false
    }
}

extension FunctionBody {
    /// The facts of function `index` and every function nested in it, in source order. Costs
    /// the size of the subtree: for one function at a time (tests, reports), never for each
    /// function of a file (rules aggregate bottom-up instead).
    public static func includingNested(_ index: Int, bodies: [FunctionBody], in facts: FileFacts) -> FunctionBody {
        var body = bodies[index]
        for nested in facts.nestedFunctions(of: index) {
            body.reads += bodies[nested].reads
            body.containers += bodies[nested].containers
            body.keyStrings += bodies[nested].keyStrings
        }
        body.reads.sort { $0.range.start < $1.range.start }
        body.containers.sort { $0.range.start < $1.range.start }
        body.keyStrings.sort { $0.range.start < $1.range.start }
        return body
    }
}
