import Model

extension Prefilter {
    /// A deterministic Aho–Corasick automaton over the needles' bytes: one table step per input
    /// byte, whatever the number of needles. Bytes that occur in no needle share one class.
    struct Automaton: Sendable {
        let patternCount: Int
        private let lengths: [Int]
        /// Byte → class; `Self.skip` for bytes the folded text leaves out, `Self.wide` for the
        /// start of a non-ASCII character (folded search only).
        private let classes: [UInt8]
        private let classCount: Int
        /// `next[state * classCount + class]`: the next state, with `Self.hasOutput` set when
        /// a needle ends there.
        private let next: [Int32]
        /// Per state, its needles (those ending there, through failure links too).
        private let outputStart: [Int32]
        private let outputs: [Int32]

        static let skip: UInt8 = 255
        static let wide: UInt8 = 254
        static let hasOutput: Int32 = 1 << 30

        init(_ patterns: [[UInt8]], folding: Bool) {
            patternCount = patterns.count
            lengths = patterns.map(\.count)
            var classes = [UInt8](repeating: 0, count: 256)
            var count = 1
            for byte in Set(patterns.joined()).sorted() {
                classes[Int(byte)] = UInt8(count)
                count += 1
            }
            if folding {
                for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classes[Int(upper)] = classes[Int(upper | 0x20)] }
                for left in "_-.".utf8 { classes[Int(left)] = Self.skip }
                for byte in 0x80...0xFF { classes[byte] = Self.wide }
            }
            self.classes = classes
            classCount = count
            // The trie, as a flat table (`-1`: no edge yet).
            var table = [Int32](repeating: -1, count: count)
            var ends: [[Int32]] = [[]]
            for (id, pattern) in patterns.enumerated() where !pattern.isEmpty {
                var state = 0
                for byte in pattern {
                    let slot = state * count + Int(classes[Int(byte)])
                    if table[slot] < 0 {
                        table[slot] = Int32(ends.count)
                        ends.append([])
                        table += repeatElement(-1, count: count)
                    }
                    state = Int(table[slot])
                }
                ends[state].append(Int32(id))
            }
            // Failure links breadth-first, turning the trie into a complete transition table.
            let states = ends.count
            var failure = [Int32](repeating: 0, count: states)
            var queue: [Int] = []
            for c in 0..<count {
                if table[c] >= 0 { queue.append(Int(table[c])) } else { table[c] = 0 }
            }
            var head = 0
            while head < queue.count {
                let state = queue[head]
                head += 1
                ends[state] += ends[Int(failure[state])]
                let base = state * count
                let fallbackBase = Int(failure[state]) * count
                for c in 0..<count {
                    let child = table[base + c]
                    if child >= 0 {
                        failure[Int(child)] = table[fallbackBase + c]
                        queue.append(Int(child))
                    } else {
                        table[base + c] = table[fallbackBase + c]
                    }
                }
            }
            var starts: [Int32] = []
            var outputs: [Int32] = []
            for state in 0..<states {
                starts.append(Int32(outputs.count))
                outputs += ends[state]
            }
            starts.append(Int32(outputs.count))
            next = table.map { $0 | (ends[Int($0)].isEmpty ? 0 : Self.hasOutput) }
            outputStart = starts
            self.outputs = outputs
        }

        /// Searches the folded text of `bytes`, marking needles found in `seen`; true as soon as
        /// `satisfied` (asked whenever a needle is seen for the first time).
        func search(folded bytes: UnsafeRawBufferPointer, seen: inout [Bool], satisfied: ([Bool]) -> Bool) -> Bool {
            guard patternCount > 0 else { return false }
            return classes.withUnsafeBufferPointer { classes in
                next.withUnsafeBufferPointer { next in
                    var state = 0
                    let count = classCount
                    let n = bytes.count
                    var i = 0
                    // Steps one class; true when a newly seen needle satisfies the requirement.
                    func step(_ c: Int) -> Bool {
                        let target = next[state * count + c]
                        state = Int(target & ~Self.hasOutput)
                        guard target & Self.hasOutput != 0 else { return false }
                        return record(state, &seen, satisfied)
                    }
                    while i < n {
                        let c = classes[Int(bytes[i])]
                        if c < Self.wide {
                            let target = next[state * count + Int(c)]
                            state = Int(target & ~Self.hasOutput)
                            if target & Self.hasOutput != 0, record(state, &seen, satisfied) { return true }
                            i += 1
                        } else if c == Self.skip {
                            i += 1
                        } else {
                            let (scalar, length) = Self.scalar(bytes, at: i)
                            i += length
                            if let letters = Prefilter.caseMappedLetters(scalar) {
                                for letter in letters where step(Int(classes[Int(letter)])) { return true }
                            } else if step(0) {
                                return true
                            }
                        }
                    }
                    return false
                }
            }
        }

        /// Searches the raw text for needles that stand as whole words (not after a letter or
        /// `_`, not before a letter, digit or `_`); needle `k` is `seen[offset + k]`.
        func searchWords(_ bytes: UnsafeRawBufferPointer, offset: Int, seen: inout [Bool], satisfied: ([Bool]) -> Bool) -> Bool {
            guard patternCount > 0 else { return false }
            func isWordByte(_ byte: UInt8) -> Bool {
                byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            }
            var state = 0
            let n = bytes.count
            for i in 0..<n {
                let target = next[state * classCount + Int(classes[Int(bytes[i])])]
                state = Int(target & ~Self.hasOutput)
                guard target & Self.hasOutput != 0 else { continue }
                if i + 1 < n, isWordByte(bytes[i + 1]) || (bytes[i + 1] >= UInt8(ascii: "0") && bytes[i + 1] <= UInt8(ascii: "9")) {
                    continue
                }
                for k in Int(outputStart[state])..<Int(outputStart[state + 1]) {
                    let id = Int(outputs[k])
                    let start = i + 1 - lengths[id]
                    if start > 0, isWordByte(bytes[start - 1]) { continue }
                    if !seen[offset + id] {
                        seen[offset + id] = true
                        if satisfied(seen) { return true }
                    }
                }
            }
            return false
        }

        /// Marks the needles of `state`; true when a new one satisfies the requirement.
        private func record(_ state: Int, _ seen: inout [Bool], _ satisfied: ([Bool]) -> Bool) -> Bool {
            var fresh = false
            for k in Int(outputStart[state])..<Int(outputStart[state + 1]) where !seen[Int(outputs[k])] {
                seen[Int(outputs[k])] = true
                fresh = true
            }
            return fresh && satisfied(seen)
        }

        /// The Unicode scalar value starting at `i` and its length in bytes; a byte that starts
        /// no valid sequence is one unknown character (U+FFFD, as `String(decoding:)` reads it).
        static func scalar(_ bytes: UnsafeRawBufferPointer, at i: Int) -> (UInt32, Int) {
            let lead = bytes[i]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            guard length > 1, i + length <= bytes.count else { return (0xFFFD, 1) }
            var value = UInt32(lead) & (0xFF >> (length + 1))
            for k in 1..<length {
                let byte = bytes[i + k]
                guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
                value = value << 6 | UInt32(byte & 0x3F)
            }
            return (value, length)
        }
    }

    /// The ASCII letters a non-ASCII character turns into when a matcher lower- or upper-cases a
    /// name (Swift's `lowercased()`/`uppercased()`, full Unicode case mapping), lower-cased; nil
    /// for the others. A test recomputes the table from the case mapping itself.
    static func caseMappedLetters(_ scalar: UInt32) -> [UInt8]? {
        switch scalar {
        case 0xDF: return Array("ss".utf8)
        case 0x130, 0x131: return [UInt8(ascii: "i")]
        case 0x149: return [UInt8(ascii: "n")]
        case 0x17F: return [UInt8(ascii: "s")]
        case 0x1F0: return [UInt8(ascii: "j")]
        case 0x1E96: return [UInt8(ascii: "h")]
        case 0x1E97: return [UInt8(ascii: "t")]
        case 0x1E98: return [UInt8(ascii: "w")]
        case 0x1E99: return [UInt8(ascii: "y")]
        case 0x1E9A: return [UInt8(ascii: "a")]
        case 0x212A: return [UInt8(ascii: "k")]
        case 0xFB00: return Array("ff".utf8)
        case 0xFB01: return Array("fi".utf8)
        case 0xFB02: return Array("fl".utf8)
        case 0xFB03: return Array("ffi".utf8)
        case 0xFB04: return Array("ffl".utf8)
        case 0xFB05, 0xFB06: return Array("st".utf8)
        default: return nil
        }
    }
}
