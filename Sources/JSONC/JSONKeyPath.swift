/// Builds the key paths that schema errors name: `rules[3].match.modules`, `env["x-api-key"]`.
public enum JSONKeyPath {
    /// `parent.key`, or `parent["key"]` when `key` is not an identifier; `key` alone at the root.
    public static func appending(key: String, to parent: String) -> String {
        if !isIdentifier(key) { return parent + "[" + quoted(key) + "]" }
        return parent.isEmpty ? key : parent + "." + key
    }

    /// `parent[index]`.
    public static func appending(index: Int, to parent: String) -> String {
        "\(parent)[\(index)]"
    }

    /// Whether `key` can be written bare: ASCII letters, digits, `_` and `$`, not starting with a digit.
    static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !JSONParser.isDigit(first) else { return false }
        return key.utf8.allSatisfy(JSONParser.isWordByte)
    }
}

/// "Did you mean" suggestions for misspelt keys and enumeration values.
public enum Suggestion {
    /// The candidate closest to `word` if it is at most two edits away (one for short candidates,
    /// so that `x` does not suggest `id`); the earliest candidate wins a tie.
    public static func nearest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let scalars = Array(candidate.unicodeScalars)
            let limit = min(2, scalars.count / 2)
            let distance = editDistance(target, scalars)
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Levenshtein distance: insertions, deletions and substitutions each cost one.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `; did you mean "x"?` or nothing.
    public static func hint(for word: String, among candidates: [String]) -> String {
        nearest(to: word, among: candidates).map { "; did you mean \(quoted($0))?" } ?? ""
    }
}
