/// Finds every occurrence of many byte patterns in one pass over a text (Aho–Corasick): the work
/// is linear in the text plus the occurrences, whatever the number of patterns, and building is
/// linear in the patterns' total length.
public struct MultiPatternSearch: Sendable {
    /// Per state: first outgoing edge in `edgeBytes`/`edgeTargets` and how many (sorted by byte).
    private var edgeStart: [Int32] = [0]
    private var edgeCount: [Int32] = [0]
    private var edgeBytes: [UInt8] = []
    private var edgeTargets: [Int32] = []
    private var failure: [Int32] = [0]
    /// Length of the longest pattern ending at each state (through failure links), 0 for none.
    private var longest: [Int32] = [0]

    /// Whether there is nothing to find.
    public var isEmpty: Bool { longest.count == 1 }

    /// Builds the automaton for `patterns` (empty patterns are ignored).
    public init(_ patterns: [[UInt8]]) {
        // A trie first, with edges in a dictionary; then flattened, sorted edges per state.
        var children: [[UInt8: Int32]] = [[:]]
        var ends: [Int32] = [0]
        for pattern in patterns where !pattern.isEmpty {
            var state = 0
            for byte in pattern {
                if let next = children[state][byte] {
                    state = Int(next)
                } else {
                    children.append([:])
                    ends.append(0)
                    let next = Int32(children.count - 1)
                    children[state][byte] = next
                    state = Int(next)
                }
            }
            ends[state] = max(ends[state], Int32(pattern.count))
        }
        let count = children.count
        edgeStart = [Int32](repeating: 0, count: count)
        edgeCount = [Int32](repeating: 0, count: count)
        for state in 0..<count {
            edgeStart[state] = Int32(edgeBytes.count)
            edgeCount[state] = Int32(children[state].count)
            for (byte, target) in children[state].sorted(by: { $0.key < $1.key }) {
                edgeBytes.append(byte)
                edgeTargets.append(target)
            }
        }
        failure = [Int32](repeating: 0, count: count)
        longest = ends
        // Breadth-first: a state's failure link is decided before its children's.
        var queue: [Int32] = []
        for edge in 0..<Int(edgeCount[0]) { queue.append(edgeTargets[edge]) }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            longest[state] = max(longest[state], longest[Int(failure[state])])
            let first = Int(edgeStart[state])
            for edge in first..<(first + Int(edgeCount[state])) {
                let child = Int(edgeTargets[edge])
                var fallback = Int(failure[state])
                while true {
                    if let next = step(fallback, edgeBytes[edge]) {
                        failure[child] = Int32(next)
                        break
                    }
                    if fallback == 0 {
                        failure[child] = 0
                        break
                    }
                    fallback = Int(failure[fallback])
                }
                queue.append(Int32(child))
            }
        }
    }

    /// The target of the edge from `state` on `byte`, if there is one (binary search).
    @inline(__always)
    private func step(_ state: Int, _ byte: UInt8) -> Int? {
        var low = Int(edgeStart[state])
        var high = low + Int(edgeCount[state])
        while low < high {
            let mid = (low + high) / 2
            let value = edgeBytes[mid]
            if value == byte { return Int(edgeTargets[mid]) }
            if value < byte { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// Calls `found` with the range of the longest pattern ending at each position where one
    /// ends, in order of their ends.
    public func forEachLongestMatch<C: Collection>(in text: C, _ found: (Range<Int>) -> Void)
    where C.Element == UInt8, C.Index == Int {
        guard !isEmpty else { return }
        var state = 0
        for index in text.indices {
            let byte = text[index]
            while true {
                if let next = step(state, byte) {
                    state = next
                    break
                }
                if state == 0 { break }
                state = Int(failure[state])
            }
            let length = Int(longest[state])
            if length > 0 { found((index + 1 - length)..<(index + 1)) }
        }
    }

    /// The merged ranges covered by any occurrence of any pattern, sorted.
    public func coveredRanges<C: Collection>(in text: C) -> [Range<Int>] where C.Element == UInt8, C.Index == Int {
        var ranges: [Range<Int>] = []
        forEachLongestMatch(in: text) { match in
            var merged = match
            while let last = ranges.last, merged.lowerBound <= last.upperBound {
                merged = min(last.lowerBound, merged.lowerBound)..<max(last.upperBound, merged.upperBound)
                ranges.removeLast()
            }
            ranges.append(merged)
        }
        return ranges
    }
}
