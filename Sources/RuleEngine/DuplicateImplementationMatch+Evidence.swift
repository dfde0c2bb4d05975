import Facts
import Model

extension DuplicateImplementationMatch {
    /// What `function` (nested functions included) does itself, as message fragments in
    /// the order calls, claims, stores: `calls jwt.decode`, `checks claim exp`,
    /// `keeps revocation store _blacklist`. Empty when it only delegates.
    func evidence(for function: FunctionFact, body: FunctionBody, in facts: FileFacts) -> [String] {
        let calls = FunctionBodies.calls(startingIn: function.bodyRange, facts.calls)
        let delegated = FunctionBodies.delegatedRanges(calls, patterns: delegates[facts.language] ?? [])
        func isDelegated(_ range: ByteRange) -> Bool {
            delegated.contains { $0.start <= range.start && range.end <= $0.end }
        }

        var items: [String] = []
        let modules = libraryModules[facts.language] ?? []
        if !modules.isEmpty {
            var called: [String] = []
            for call in calls where !call.isChained {
                guard let name = call.qualifiedName, !called.contains(name),
                      Self.isLibraryCall(name, modules: modules, language: facts.language),
                      !Self.isExceptionName(name), !isDelegated(call.range) else { continue }
                called.append(name)
            }
            items += called.map { "calls \($0)" }
        }
        if !claims.isEmpty {
            var checked: [String] = []
            for read in body.reads where read.compared && claims.contains(read.name) && !checked.contains(read.name) {
                if !isDelegated(read.range) { checked.append(read.name) }
            }
            items += checked.map { "checks claim \($0)" }
        }
        if !revocationStores.isEmpty {
            let matcher = NormalizedMatcher(revocationStores)
            var stores: [String] = []
            for container in body.containers where matcher.matches(container.text) && !isDelegated(container.range) {
                if !stores.contains(container.text) { stores.append(container.text) }
            }
            for key in body.keyStrings where matcher.matches(key.text) && !isDelegated(key.range) {
                let shown = "\"\(key.text)\""
                if !stores.contains(shown) { stores.append(shown) }
            }
            items += stores.map { "keeps revocation store \($0)" }
        }
        return items
    }

    /// Whether `name` is in one of `modules`: equal, or followed by `.` (and in TypeScript `/`).
    static func isLibraryCall(_ name: String, modules: [String], language: Language) -> Bool {
        modules.contains { module in
            Evaluator.isModule(name, within: module, separator: ".")
                || (language == .typescript && Evaluator.isModule(name, within: module, separator: "/"))
        }
    }

    /// `jwt.InvalidTokenError`, `jose.exceptions.JWTError`: constructing an exception to raise.
    static func isExceptionName(_ name: String) -> Bool {
        let last = name.utf8.lastIndex(of: UInt8(ascii: ".")).map { name[name.index(after: $0)...] } ?? name[...]
        return last.hasSuffix("Error") || last.hasSuffix("Exception") || last.hasSuffix("Warning")
    }

    /// Structural fingerprints: sorted, distinct hashes of `shingleLength`-code windows.
    enum Shape {
        static let shingleLength = 5

        static func fingerprint(_ skeleton: [UInt32]) -> [UInt64] {
            guard skeleton.count >= shingleLength else { return [] }
            var hashes: [UInt64] = []
            hashes.reserveCapacity(skeleton.count - shingleLength + 1)
            for start in 0...(skeleton.count - shingleLength) {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for code in skeleton[start..<(start + shingleLength)] {
                    hash = (hash ^ UInt64(code)) &* 0x100_0000_01b3
                    hash ^= hash >> 29
                }
                hashes.append(hash)
            }
            hashes.sort()
            var unique: [UInt64] = []
            unique.reserveCapacity(hashes.count)
            for hash in hashes where unique.last != hash { unique.append(hash) }
            return unique
        }
    }
}

/// Questions both function rules ask about a function's body.
enum FunctionBodies {
    /// The calls (sorted by start, as in `FileFacts.calls`) that start inside `range`.
    static func calls(startingIn range: ByteRange, _ calls: [CallFact]) -> ArraySlice<CallFact> {
        let first = lowerBound(calls, range.start)
        let end = lowerBound(calls, range.end)
        return calls[first..<max(first, end)]
    }

    private static func lowerBound(_ calls: [CallFact], _ offset: Int) -> Int {
        var low = 0
        var high = calls.count
        while low < high {
            let mid = (low + high) / 2
            if calls[mid].range.start < offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Ranges of the calls that hand their arguments to the SSOT.
    static func delegatedRanges(_ calls: ArraySlice<CallFact>, patterns: [NamePattern]) -> [ByteRange] {
        guard !patterns.isEmpty else { return [] }
        var ranges: [ByteRange] = []
        for call in calls where patterns.contains(where: { $0.matches(call.callee) || call.qualifiedName.map($0.matches) == true }) {
            ranges.append(call.range)
        }
        return ranges
    }
}

extension DuplicateImplementationMatch {
    /// The functions of a file by qualified name, to find the local helpers a function uses.
    struct Helpers {
        private var byName: [String: Int] = [:]
        private let operations: [String?]

        init(_ facts: FileFacts, operations: [String?]) {
            self.operations = operations
            for (index, function) in facts.functions.enumerated() where byName[function.qualifiedName] == nil {
                byName[function.qualifiedName] = index
            }
        }

        /// Helpers function `index` calls or refers to: module-level functions called by name,
        /// methods of its class through `self.` / `cls.` / `this.` (called, or read as a value).
        /// Operations (reported on their own) and functions nested in it or around it are left out.
        func used(by index: Int, body: FunctionBody, in facts: FileFacts) -> [Int] {
            let function = facts.functions[index]
            var found: [Int] = []
            func add(_ candidate: Int?) {
                guard let candidate, candidate != index, operations[candidate] == nil, !found.contains(candidate) else { return }
                let other = facts.functions[candidate].bodyRange
                let own = function.bodyRange
                guard !(own.start <= other.start && other.end <= own.end), !(other.start <= own.start && own.end <= other.end)
                else { return }
                found.append(candidate)
            }
            for call in FunctionBodies.calls(startingIn: function.bodyRange, facts.calls)
            where call.qualifiedName == nil && !call.isChained {
                let callee = call.callee
                if !callee.utf8.contains(UInt8(ascii: ".")) {
                    add(byName[callee])
                } else if let member = Self.member(of: callee) {
                    add(method(member, around: function.scope))
                }
            }
            for read in body.reads where read.form == .attribute {
                add(method(read.name, around: function.scope))
            }
            return found
        }

        /// `X` of `self.X` / `cls.X` / `this.X`.
        private static func member(of callee: String) -> Substring? {
            for receiver in ["self.", "cls.", "this."] where callee.hasPrefix(receiver) {
                let member = callee.dropFirst(receiver.count)
                return member.utf8.contains(UInt8(ascii: ".")) ? nil : member
            }
            return nil
        }

        /// The method `name` of the class that `scope` is in (or around).
        private func method(_ name: some StringProtocol, around scope: String) -> Int? {
            var scope = Substring(scope)
            while !scope.isEmpty {
                if let index = byName[scope + "." + name] { return index }
                guard let dot = scope.lastIndex(of: ".") else { break }
                scope = scope[..<dot]
            }
            return nil
        }
    }
}
