import Facts
import Model

extension DuplicateImplementationMatch {
    /// What each function of a file does itself, from its own body, in time linear in the file's
    /// calls, reads and functions.
    struct Evidence {
        /// Per function: evidence from its own body.
        var direct: [EvidenceList]

        static func collect(_ match: DuplicateImplementationMatch, _ facts: FileFacts, bodies: [FunctionBody],
                            nameMatches: [Bool]) -> Evidence {
            let functions = facts.functions
            let owners = facts.callOwners()
            let language = facts.language
            let delegated = DelegatedRanges(facts.calls, patterns: match.delegates[language] ?? [])
            var direct = [EvidenceList](repeating: EvidenceList(), count: functions.count)
            let modules = match.libraryModules[language] ?? []
            let decoders = match.decoders[language] ?? []
            let parsers = match.parsers[language] ?? []
            let signatureChecks = match.signatureChecks[language] ?? []
            let libraryCalls = match.libraryCalls[language]
            var splits = [Bool](repeating: false, count: functions.count)
            var decoderCalls = [String?](repeating: nil, count: functions.count)
            var parses = [Bool](repeating: false, count: functions.count)
            var signatureCalls: [Int: [(Int, String)]] = [:]
            // 1.–3. Calls, in the function that makes them.
            for (k, owner) in owners.enumerated() where owner >= 0 {
                let call = facts.calls[k]
                guard !delegated.contains(call.range) else { continue }
                if !splits[owner], ManualDecodeMatch.splitsOnDot(call) { splits[owner] = true }
                if decoderCalls[owner] == nil, let decoder = decoders.first(where: { $0.matches(call) }) {
                    decoderCalls[owner] = decoder.describe(call)
                }
                if !parses[owner], parsers.contains(where: { $0.matches(call.qualifiedName ?? call.callee) }) { parses[owner] = true }
                let name = call.qualifiedName ?? call.callee
                if !signatureChecks.isEmpty, signatureChecks.contains(where: { $0.matches(name) }) {
                    signatureCalls[owner, default: []].append((call.range.start, name))
                }
                guard !modules.isEmpty, !call.isChained, let qualified = call.qualifiedName,
                      DuplicateImplementationMatch.isOnLibraryObjects(qualified),
                      isLibraryCall(qualified, modules: modules, language: language), !isExceptionName(qualified),
                      libraryCalls.map({ patterns in patterns.contains { $0.matches(qualified) } }) ?? true else { continue }
                direct[owner].add(.init(kind: .call, position: call.range.start, text: qualified))
            }
            for index in functions.indices where splits[index] {
                // As `manual-decode` judges it: the decoded segment is parsed or a claim is read. A
                // token, not a signed cookie: the same test for a signature check, or the name.
                let readsToken = parses[index] || bodies[index].reads.contains(where: { match.claims.contains($0.name) })
                if let decoder = decoderCalls[index], readsToken {
                    direct[index].add(.init(kind: .handDecode, position: functions[index].bodyRange.start,
                                            text: "splits on \".\" and calls \(decoder)"))
                }
                guard readsToken || nameMatches[index] else { continue }
                for (position, name) in signatureCalls[index] ?? [] {
                    direct[index].add(.init(kind: .signature, position: position, text: name))
                }
            }
            // 4.–5. Claims and stores, from each function's own body. A value returned by a local
            // helper that calls the library or decodes by hand (one level) was decoded by the
            // function itself.
            let origins = ValueBindingIndex(facts)
            let helpers = Helpers(facts)
            func decodesThroughHelper(_ value: String, in index: Int) -> Bool {
                guard value.hasSuffix("()"), value.utf8.filter({ $0 == UInt8(ascii: "(") }).count == 1,
                      let helper = helpers.called(callee: String(value.dropLast(2)), in: functions[index]), helper != index
                else { return false }
                return direct[helper].items.contains { $0.kind == .call || $0.kind == .handDecode }
            }
            let stores = NormalizedMatcher(match.revocationStores)
            for (index, body) in bodies.enumerated() {
                var claims = ClaimChecks()
                if !match.claims.isEmpty {
                    for read in body.reads where read.compared && match.claims.contains(read.name) && !delegated.contains(read.range) {
                        let origin = match.origin(of: read, in: index, facts: facts, origins: origins, parsers: parsers,
                                                  decodesThroughHelper: { decodesThroughHelper($0, in: index) })
                        switch origin {
                        case .selfDecoded: claims.decoded.append((read.range.start, read.name))
                        case .unknown:
                            if read.comparedWithClock, match.timeClaims.contains(read.name) {
                                claims.time.append((read.range.start, read.name))
                            } else {
                                claims.other.append((read.range.start, read.name))
                            }
                        case .used: break
                        }
                    }
                }
                let unknown = claims.time + claims.other
                let copiesChecks = !claims.time.isEmpty && Set(unknown.map(\.1)).count >= 2
                let checked = claims.decoded + (nameMatches[index] || copiesChecks ? unknown : [])
                for (position, name) in checked { direct[index].add(.init(kind: .claim, position: position, text: name)) }
                guard !match.revocationStores.isEmpty, nameMatches[index] || !checked.isEmpty || !direct[index].isEmpty
                        || body.reads.contains(where: { match.claims.contains($0.name) }) else { continue }
                for container in body.containers where stores.matches(container.text) && !delegated.contains(container.range) {
                    direct[index].add(.init(kind: .store, position: container.range.start, text: container.text))
                }
                for key in body.keyStrings where stores.matches(key.text) && !delegated.contains(key.range) {
                    direct[index].add(.init(kind: .store, position: key.range.start, text: "\"\(key.text)\""))
                }
            }
            return Evidence(direct: direct)
        }

        /// The claims a function compares, by where their value comes from.
        private struct ClaimChecks {
            var decoded: [(Int, String)] = []
            var time: [(Int, String)] = []
            var other: [(Int, String)] = []
        }
    }

    /// Where a claim read's value comes from.
    enum Origin {
        /// A token the function decoded itself: the library's result, or a parser's.
        case selfDecoded
        /// The result of any other call (the SSOT, the auth client): used, not checked.
        case used
        /// A parameter, an attribute, a name bound to something else.
        case unknown
    }

    /// The origin of `read`'s receiver in function `index`.
    func origin(of read: MemberRead, in index: Int, facts: FileFacts, origins: ValueBindingIndex,
                parsers: [NamePattern], decodesThroughHelper: (String) -> Bool = { _ in false }) -> Origin {
        guard let receiver = read.receiver, !origins.isEmpty,
              let binding = origins.binding(of: receiver, in: index, before: read.range.start) else { return .unknown }
        guard binding.isCallResult else { return .unknown }
        let modules = libraryModules[facts.language] ?? []
        if binding.isResolved, Self.isLibraryCall(binding.value, modules: modules, language: facts.language) { return .selfDecoded }
        if let open = binding.value.utf8.firstIndex(of: UInt8(ascii: "(")) {
            let callee = String(binding.value[..<open])
            if parsers.contains(where: { $0.matches(callee) }) { return .selfDecoded }
        }
        if !binding.isResolved, decodesThroughHelper(binding.value) { return .selfDecoded }
        return .used
    }

    /// Whether `name` is in one of `modules`: equal, or followed by `.` (and in TypeScript `/`).
    static func isLibraryCall(_ name: String, modules: [String], language: Language) -> Bool {
        modules.contains { module in
            Evaluator.isModule(name, within: module, separator: ".")
                || (language == .typescript && Evaluator.isModule(name, within: module, separator: "/"))
        }
    }

    /// Whether every call in `name`'s chain constructs an object (its name starts with a capital):
    /// `@nestjs/jwt.JwtService().verify`, `jwt.PyJWKClient().get_signing_key_from_jwt` are the
    /// library's own methods; `jwt.decode().get` is a method of the result (a dict), not the library.
    static func isOnLibraryObjects(_ name: String) -> Bool {
        let bytes = name.utf8
        var segmentStart = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") {
                segmentStart = bytes.index(after: index)
            } else if byte == UInt8(ascii: "(") {
                guard segmentStart < index, bytes[segmentStart] >= UInt8(ascii: "A"), bytes[segmentStart] <= UInt8(ascii: "Z")
                else { return false }
            }
            index = bytes.index(after: index)
        }
        return true
    }

    /// `jwt.InvalidTokenError`, `jose.exceptions.JWTError`: constructing an exception to raise.
    static func isExceptionName(_ name: String) -> Bool {
        let last = name.utf8.lastIndex(of: UInt8(ascii: ".")).map { name[name.index(after: $0)...] } ?? name[...]
        return last.hasSuffix("Error") || last.hasSuffix("Exception") || last.hasSuffix("Warning")
    }

    /// Evidence items of one function: distinct texts per kind, at most `limitPerKind` of each
    /// kind, shown by kind then by position: `calls the library (jwt.decode, jwt.encode); checks
    /// claims itself (exp via _check)`.
    struct EvidenceList {
        static let limitPerKind = 8

        enum Kind: Int, Comparable, CaseIterable {
            case call, handDecode, signature, claim, store

            static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }

            var label: String {
                switch self {
                case .call: return "calls the library"
                case .handDecode: return "decodes by hand"
                case .signature: return "verifies a signature itself"
                case .claim: return "checks claims itself"
                case .store: return "keeps its own revocation store"
                }
            }
        }

        struct Item {
            var kind: Kind
            var position: Int
            var text: String
        }

        private(set) var items: [Item] = []

        var isEmpty: Bool { items.isEmpty }

        mutating func add(_ item: Item) {
            var sameKind = 0
            for (index, existing) in items.enumerated() where existing.kind == item.kind {
                if existing.text == item.text {
                    if item.position < existing.position { items[index] = item }
                    return
                }
                sameKind += 1
            }
            if sameKind < Self.limitPerKind { items.append(item) }
        }

        /// The message's `{evidence}`.
        var summary: String {
            var parts: [String] = []
            for kind in Kind.allCases {
                let ofKind = items.filter { $0.kind == kind }.sorted { $0.position < $1.position }
                guard !ofKind.isEmpty else { continue }
                let texts = ofKind.map(\.text)
                parts.append("\(kind.label): " + texts.joined(separator: ", "))
            }
            return parts.joined(separator: "; ")
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
    /// The functions of a file by qualified name, to find the local helpers a function calls.
    struct Helpers {
        private var byName: [String: Int] = [:]

        init(_ facts: FileFacts) {
            for (index, function) in facts.functions.enumerated() where byName[function.qualifiedName] == nil {
                byName[function.qualifiedName] = index
            }
        }

        /// The helper a call (made in `function`, unresolved and not chained) calls: a function
        /// nested in the caller, a module-level function, or a method of the caller's class through
        /// `self.` / `cls.` / `this.`.
        func called(by call: CallFact, in function: FunctionFact) -> Int? {
            called(callee: call.callee, in: function)
        }

        func called(callee: String, in function: FunctionFact) -> Int? {
            if !callee.utf8.contains(UInt8(ascii: ".")) {
                return byName[function.qualifiedName + "." + callee] ?? byName[callee]
            }
            guard let member = Self.member(of: callee) else { return nil }
            return method(member, around: function.scope)
        }

        static func isInstance(_ receiver: String) -> Bool {
            receiver == "self" || receiver == "this" || receiver == "cls"
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
