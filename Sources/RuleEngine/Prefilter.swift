import Model

/// Whether a file can produce a finding at all, decided from its bytes alone: most files of a
/// large codebase hold none of the names the rules look for, and are then neither lexed nor
/// given facts.
///
/// Built from the rules' `TextRequirement`s, per language. A file passes when one rule's
/// requirement holds in it. Exact, not heuristic: every requirement is implied by its rule
/// firing, and the search compares needles with the text the way the matchers could see it:
/// - the *folded* text: ASCII letters in lower case, `_` `-` `.` left out, each non-ASCII letter
///   that Unicode case mapping turns into ASCII letters (`ſ`→`s`, `K` (Kelvin)→`k`, `ß`→`ss`)
///   as those letters (`caseMappedLetters`);
/// - the same after decoding escapes (`\x6a`, `\u006a`, `\152`, line continuations), for files
///   that have any; a `\N{…}` escape (a character by name) passes the file;
/// - for `.word` needles, the raw text as a whole word.
/// One pass over the bytes with a DFA (Aho–Corasick) over the needles' bytes; a second only for
/// files with escapes, a third (words) only when a clause still waits for a word.
public struct Prefilter: Sendable {
    struct Compiled: Sendable {
        var text: Automaton
        var words: Automaton
        var wordNeedles: [[UInt8]]
        /// Per clause: for each group, the needle ids (text ids first, then words), and paths.
        var clauses: [(groups: [[Int]], paths: [Glob])]
        var always: Bool
        var never: Bool
    }

    private var compiled: [Language: Compiled] = [:]

    /// The prefilter of `rules` (every rule that runs).
    public init(rules: [Rule]) {
        for language in Language.allCases {
            let requirement = rules.reduce(TextRequirement.never) { $0.or($1.match.requirement(for: language)) }
            compiled[language] = Self.compile(requirement)
        }
    }

    /// Whether a rule may fire in `bytes`, a file in `language` at `path` (as rules see it).
    public func mayFire(_ bytes: UnsafeRawBufferPointer, language: Language, path: String) -> Bool {
        guard let compiled = compiled[language] else { return true }
        if compiled.always { return true }
        if compiled.never { return false }
        var seen = [Bool](repeating: false, count: compiled.text.patternCount + compiled.wordNeedles.count)
        func satisfied(_ seen: [Bool]) -> Bool {
            compiled.clauses.contains { clause in
                clause.groups.allSatisfy { $0.contains { seen[$0] } }
                    && (clause.paths.isEmpty || clause.paths.contains { $0.matches(path) })
            }
        }
        if compiled.text.search(folded: bytes, seen: &seen, satisfied: satisfied) { return true }
        switch EscapeDecoder.decode(bytes) {
        case .none: break
        case .unknowable: return true
        case .decoded(let decoded):
            if decoded.withUnsafeBytes({ compiled.text.search(folded: $0, seen: &seen, satisfied: satisfied) }) { return true }
        }
        guard !compiled.wordNeedles.isEmpty else { return false }
        let textCount = compiled.text.patternCount
        // Words are searched only when some clause lacks nothing else.
        let wordsCould = compiled.clauses.contains { clause in
            clause.groups.allSatisfy { group in group.contains { seen[$0] || $0 >= textCount } }
        }
        guard wordsCould else { return false }
        return compiled.words.searchWords(bytes, offset: textCount, seen: &seen, satisfied: satisfied)
    }

    static func compile(_ requirement: TextRequirement) -> Compiled {
        var textIDs: [[UInt8]: Int] = [:]
        var wordIDs: [[UInt8]: Int] = [:]
        var texts: [[UInt8]] = []
        var words: [[UInt8]] = []
        var clauses: [(groups: [[Int]], paths: [Glob])] = []
        for clause in requirement.clauses {
            let groups = clause.groups.map { group in
                group.map { needle -> (Bool, Int) in
                    switch needle {
                    case .text(let bytes):
                        if let id = textIDs[bytes] { return (false, id) }
                        texts.append(bytes)
                        textIDs[bytes] = texts.count - 1
                        return (false, texts.count - 1)
                    case .word(let bytes):
                        if let id = wordIDs[bytes] { return (true, id) }
                        words.append(bytes)
                        wordIDs[bytes] = words.count - 1
                        return (true, words.count - 1)
                    }
                }
            }
            clauses.append((groups.map { $0.map { $0.0 ? -1 - $0.1 : $0.1 } }, clause.paths))
        }
        // Word ids come after the text ids.
        let offset = texts.count
        clauses = clauses.map { clause in (clause.groups.map { $0.map { $0 < 0 ? offset + (-1 - $0) : $0 } }, clause.paths) }
        return Compiled(text: Automaton(texts, folding: true), words: Automaton(words, folding: false), wordNeedles: words,
                        clauses: clauses, always: requirement.isAlways, never: requirement.clauses.isEmpty)
    }
}
