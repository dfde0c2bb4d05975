import Facts
import Model

extension DuplicateImplementationMatch {
    /// What each function of a file does itself, nested functions included, worked out bottom-up
    /// in time linear in the file's calls, reads and functions.
    struct Evidence {
        /// Per function: its own evidence and that of the functions nested in it.
        var direct: [EvidenceList]
        /// Per function: the direct evidence of the local helpers it (or a function nested in it)
        /// uses, `... via helper`; what counts when it has no evidence of its own.
        var viaHelpers: [EvidenceList]

        static func collect(_ match: DuplicateImplementationMatch, _ facts: FileFacts, bodies: [FunctionBody],
                            operations: [String?]) -> Evidence {
            let functions = facts.functions
            let owners = facts.callOwners()
            let delegated = DelegatedRanges(facts.calls, patterns: match.delegates[facts.language] ?? [])
            var direct = [EvidenceList](repeating: EvidenceList(), count: functions.count)
            // 1. Library calls, in the function that makes them.
            let modules = match.libraryModules[facts.language] ?? []
            if !modules.isEmpty {
                for (k, owner) in owners.enumerated() where owner >= 0 {
                    let call = facts.calls[k]
                    guard !call.isChained, let name = call.qualifiedName, isLibraryCall(name, modules: modules, language: facts.language),
                          !isExceptionName(name), !delegated.contains(call.range) else { continue }
                    direct[owner].add(.init(kind: .call, position: call.range.start, text: "calls \(name)"))
                }
            }
            // 2. Claims compared and 3. revocation stores, from each function's own body.
            let stores = NormalizedMatcher(match.revocationStores)
            for (index, body) in bodies.enumerated() {
                if !match.claims.isEmpty {
                    for read in body.reads where read.compared && match.claims.contains(read.name) && !delegated.contains(read.range) {
                        direct[index].add(.init(kind: .claim, position: read.range.start, text: "checks claim \(read.name)"))
                    }
                }
                guard !match.revocationStores.isEmpty else { continue }
                for container in body.containers where stores.matches(container.text) && !delegated.contains(container.range) {
                    direct[index].add(.init(kind: .container, position: container.range.start,
                                            text: "keeps revocation store \(container.text)"))
                }
                for key in body.keyStrings where stores.matches(key.text) && !delegated.contains(key.range) {
                    direct[index].add(.init(kind: .keyString, position: key.range.start,
                                            text: "keeps revocation store \"\(key.text)\""))
                }
            }
            // Children follow their parent: in reverse order each is complete before it is added.
            for index in functions.indices.reversed() {
                if let parent = functions[index].parent { direct[parent].add(direct[index]) }
            }
            // Helpers: the direct evidence of the local functions each function uses.
            let helpers = Helpers(facts)
            let ends = facts.nestingEnds()
            var viaHelpers = [EvidenceList](repeating: EvidenceList(), count: functions.count)
            func use(_ helper: Int?, by index: Int, at position: Int) {
                guard let helper, helper != index, operations[helper] == nil, !direct[helper].isEmpty,
                      !Helpers.isNested(helper, in: index, ends), !Helpers.isNested(index, in: helper, ends) else { return }
                for (order, text) in direct[helper].texts.enumerated() {
                    viaHelpers[index].add(.init(kind: .helper, position: position, order: order,
                                                text: "\(text) via \(functions[helper].name)", helper: helper))
                }
            }
            for (k, owner) in owners.enumerated() where owner >= 0 {
                let call = facts.calls[k]
                guard call.qualifiedName == nil, !call.isChained else { continue }
                use(helpers.called(by: call, in: functions[owner]), by: owner, at: call.range.start)
            }
            for (index, body) in bodies.enumerated() {
                for read in body.reads where read.form == .attribute {
                    use(helpers.method(read.name, around: functions[index].scope), by: index, at: read.range.start)
                }
            }
            for index in functions.indices.reversed() {
                guard let parent = functions[index].parent else { continue }
                for item in viaHelpers[index].items where !Helpers.isNested(item.helper, in: parent, ends)
                    && !Helpers.isNested(parent, in: item.helper, ends) && item.helper != parent {
                    viaHelpers[parent].add(item)
                }
            }
            return Evidence(direct: direct, viaHelpers: viaHelpers)
        }
    }

    /// Evidence items of one function: distinct texts, at most `limitPerKind` of each kind,
    /// shown by kind (calls, claims, stores; helpers by where they are used), then by position.
    struct EvidenceList {
        static let limitPerKind = 8

        enum Kind: Int, Comparable {
            case call, claim, container, keyString, helper

            static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
        }

        struct Item {
            var kind: Kind
            var position: Int
            /// Order among items of the same position (a helper's own items).
            var order = 0
            var text: String
            /// The helper the item comes through (kind `helper`), else -1.
            var helper = -1
        }

        private(set) var items: [Item] = []

        var isEmpty: Bool { items.isEmpty }

        mutating func add(_ item: Item) {
            var sameKind = 0
            for (index, existing) in items.enumerated() where existing.kind == item.kind {
                if existing.text == item.text {
                    if (item.position, item.order) < (existing.position, existing.order) { items[index] = item }
                    return
                }
                sameKind += 1
            }
            if sameKind < Self.limitPerKind { items.append(item) }
        }

        mutating func add(_ other: EvidenceList) {
            for item in other.items { add(item) }
        }

        /// The message fragments, in order.
        var texts: [String] {
            items.enumerated().sorted { a, b in
                (a.element.kind, a.element.position, a.element.order, a.offset)
                    < (b.element.kind, b.element.position, b.element.order, b.offset)
            }.map(\.element.text)
        }
    }

    /// The ranges of the calls that hand their arguments to the SSOT, merged, for O(log n) tests.
    struct DelegatedRanges {
        private var ranges: [ByteRange] = []

        init(_ calls: [CallFact], patterns: [NamePattern]) {
            guard !patterns.isEmpty else { return }
            for call in calls where patterns.contains(where: { $0.matches(call.callee) || call.qualifiedName.map($0.matches) == true }) {
                if let last = ranges.last, call.range.start < last.end {
                    ranges[ranges.count - 1] = ByteRange(last.start, max(last.end, call.range.end))
                } else {
                    ranges.append(call.range)
                }
            }
        }

        /// Whether `range` lies inside a delegated call.
        func contains(_ range: ByteRange) -> Bool {
            var low = 0, high = ranges.count
            while low < high {
                let mid = (low + high) / 2
                if ranges[mid].start <= range.start { low = mid + 1 } else { high = mid }
            }
            guard low > 0 else { return false }
            return range.end <= ranges[low - 1].end
        }
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

    /// Structural shingles: hashes of every `shingleLength`-code window of a skeleton.
    enum Shape {
        static let shingleLength = 5

        static func shingles(_ skeleton: [UInt32]) -> [UInt64] {
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
            return hashes
        }
    }
}

extension DuplicateImplementationMatch {
    /// The functions of a file by qualified name, to find the local helpers a function uses.
    struct Helpers {
        private var byName: [String: Int] = [:]

        init(_ facts: FileFacts) {
            for (index, function) in facts.functions.enumerated() where byName[function.qualifiedName] == nil {
                byName[function.qualifiedName] = index
            }
        }

        /// The helper a call (made in `function`, unresolved and not chained) calls: a
        /// module-level function called by name, or a method of the caller's class through
        /// `self.` / `cls.` / `this.`.
        func called(by call: CallFact, in function: FunctionFact) -> Int? {
            let callee = call.callee
            if !callee.utf8.contains(UInt8(ascii: ".")) { return byName[callee] }
            guard let member = Self.member(of: callee) else { return nil }
            return method(member, around: function.scope)
        }

        /// Whether function `inner` is nested in `outer` (see `FileFacts.nestingEnds`).
        static func isNested(_ inner: Int, in outer: Int, _ ends: [Int]) -> Bool {
            outer < inner && inner < ends[outer]
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
        func method(_ name: some StringProtocol, around scope: String) -> Int? {
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
