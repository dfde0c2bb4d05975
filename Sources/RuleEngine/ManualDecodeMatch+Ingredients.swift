import Facts
import Model

extension ManualDecodeMatch {
    /// What the functions of a file contain, in time linear in calls plus functions: each call is
    /// attributed to its innermost function once, and what a function has is passed up to the
    /// functions around it (a body includes its nested functions).
    struct Ingredients {
        /// A call that is an ingredient, by position (the first in source order wins).
        struct Mention {
            var position: Int
            var text: String
        }

        struct Found {
            var splits = false
            var decoder: Mention?
            var parser: Mention?

            mutating func add(_ other: Found) {
                splits = splits || other.splits
                decoder = Self.first(decoder, other.decoder)
                parser = Self.first(parser, other.parser)
            }

            static func first(_ a: Mention?, _ b: Mention?) -> Mention? {
                guard let a else { return b }
                guard let b else { return a }
                return b.position < a.position ? b : a
            }
        }

        /// Per function: what its body contains, nested functions included.
        var total: [Found]

        init(_ facts: FileFacts, decoders: [Decoder], parsers: [NamePattern]) {
            let functions = facts.functions
            let owners = facts.callOwners()
            var own = [Found](repeating: Found(), count: functions.count)
            var helperCalls: [Int] = []
            // Bytes each pattern needs: most calls lack one of them and skip the pattern match.
            typealias ByteSet = DuplicateImplementationMatch.ByteSet
            let decoderBytes = decoders.map { ByteSet($0.call.pattern.utf8.filter { $0 != UInt8(ascii: "*") }) }
            let parserBytes = parsers.map { ByteSet($0.pattern.utf8.filter { $0 != UInt8(ascii: "*") }) }
            for (k, owner) in owners.enumerated() where owner >= 0 {
                let call = facts.calls[k]
                let position = call.range.start
                if !own[owner].splits, ManualDecodeMatch.splitsOnDot(call) { own[owner].splits = true }
                let name = call.qualifiedName ?? call.callee
                let present = ByteSet(name.utf8)
                if let d = decoderBytes.indices.first(where: { present.contains(decoderBytes[$0]) && decoders[$0].matches(call) }) {
                    own[owner].decoder = Found.first(own[owner].decoder, Mention(position: position, text: decoders[d].describe(call)))
                } else if parserBytes.indices.contains(where: { present.contains(parserBytes[$0]) && parsers[$0].matches(name) }) {
                    own[owner].parser = Found.first(own[owner].parser, Mention(position: position, text: name))
                }
                if call.qualifiedName == nil, !call.isChained { helperCalls.append(k) }
            }
            total = Self.propagate(own, functions)
            // A call to a function of the file that decodes (`_b64url_decode(seg)`) is a decoder call.
            var helpers: [String: String] = [:]
            for (index, function) in functions.enumerated() {
                if let decoder = total[index].decoder, helpers[function.qualifiedName] == nil {
                    helpers[function.qualifiedName] = "\(function.name) (\(decoder.text))"
                }
            }
            guard !helpers.isEmpty else { return }
            var changed = false
            for k in helperCalls {
                let owner = owners[k]
                guard let text = Self.helper(facts.calls[k], from: functions[owner], in: helpers) else { continue }
                let mention = Mention(position: facts.calls[k].range.start, text: text)
                own[owner].decoder = Found.first(own[owner].decoder, mention)
                changed = true
            }
            if changed { total = Self.propagate(own, functions) }
        }

        /// `own` summed over nested functions (children have higher indices than their parent).
        private static func propagate(_ own: [Found], _ functions: [FunctionFact]) -> [Found] {
            var total = own
            for index in functions.indices.reversed() {
                if let parent = functions[index].parent { total[parent].add(total[index]) }
            }
            return total
        }

        /// The helper `call` (made in `function`) calls: a module-level `name(...)`, or a method
        /// of the caller's class through `self.name(...)` / `cls.name(...)` / `this.name(...)`.
        static func helper(_ call: CallFact, from function: FunctionFact, in helpers: [String: String]) -> String? {
            let callee = call.callee
            guard callee.utf8.contains(UInt8(ascii: ".")) else { return helpers[callee] }
            for receiver in ["self.", "cls.", "this."] where callee.hasPrefix(receiver) {
                let member = callee.dropFirst(receiver.count)
                guard !member.utf8.contains(UInt8(ascii: ".")), !function.scope.isEmpty else { return nil }
                return helpers[function.scope + "." + member]
            }
            return nil
        }
    }
}
