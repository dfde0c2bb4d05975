import Facts
import Model

/// A rule violation before it is placed in lines and columns.
public struct RuleHit: Hashable, Sendable {
    /// Another place in the same file that belongs to the hit.
    public struct Related: Hashable, Sendable {
        public var range: ByteRange
        public var message: String

        public init(range: ByteRange, message: String) {
            self.range = range
            self.message = message
        }
    }

    public var ruleID: RuleID
    public var severity: Severity
    public var message: String
    public var range: ByteRange
    public var related: [Related] = []
    /// Ranges of secret literals: shown source text must mask them (`SecretMask`).
    public var secretRanges: [ByteRange] = []
    /// See `Finding.groupKey`, `Finding.shape` and `Finding.subject`.
    public var groupKey: String?
    public var shape: ShapeSignature?
    public var subject: String?
    /// Set by `Suppressions.apply`.
    public var suppression: Suppression?

    public init(ruleID: RuleID, severity: Severity, message: String, range: ByteRange) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.range = range
    }
}

/// Applies rules to one file's facts. Pure: facts and path in, hits out, sorted by position.
public enum Evaluator {
    /// `isTestCode`: the file is test code (see `TestCode`); some rules judge tests differently.
    public static func evaluate(_ facts: FileFacts, path: String, rules: [Rule], isTestCode: Bool = false) -> [RuleHit] {
        var hits: [RuleHit] = []
        var names: CallNameIndex?
        for rule in rules where !rule.allows(path: path) {
            switch rule.match {
            case .forbiddenImport(let match):
                guard let forbidden = match.modules[facts.language], !forbidden.isEmpty else { continue }
                for fact in facts.imports {
                    guard let module = firstForbiddenModule(fact, forbidden, language: facts.language), match.reports(fact)
                    else { continue }
                    hits.append(hit(rule, range: fact.range, values: ["module": module]))
                }
            case .forbiddenCall(let calls):
                guard let patterns = calls[facts.language], !patterns.isEmpty else { continue }
                for call in facts.resolvedCalls {
                    guard let name = call.qualifiedName, patterns.contains(where: { $0.matches(name) }) else { continue }
                    hits.append(hit(rule, range: call.range, values: ["call": name]))
                }
            case .duplicateImplementation(let match):
                hits += match.evaluate(facts, rule: rule, isTestCode: isTestCode)
            case .manualDecode(let match):
                hits += match.evaluate(facts, rule: rule)
            case .hardcodedSecret(let match):
                hits += match.evaluate(facts, path: path, rule: rule, isTestCode: isTestCode)
            case .forbiddenEnv(let match):
                hits += match.evaluate(facts, rule: rule)
            case .insecureCall(let match):
                if names == nil { names = CallNameIndex(facts) }
                hits += match.evaluate(facts, rule: rule, isTestCode: isTestCode, names: names)
            case .localFallback(let match):
                hits += match.evaluate(facts, rule: rule, isTestCode: isTestCode)
            case .urlToken(let match):
                hits += match.evaluate(facts, rule: rule, isTestCode: isTestCode)
            case .meta:
                continue
            }
        }
        hits.sort { $0.range != $1.range ? $0.range < $1.range : $0.ruleID < $1.ruleID }
        return hits
    }

    /// The forbidden module an import brings in: the module itself, or for Python
    /// `from a import b` also `a.b` (so `from authlib import jose` is `authlib.jose`).
    static func firstForbiddenModule(_ fact: ImportFact, _ forbidden: [String], language: Language) -> String? {
        guard !fact.isRelative else { return nil }
        let separator: Character = language == .python ? "." : "/"
        for module in forbidden where isModule(fact.module, within: module, separator: separator) {
            return module
        }
        if language == .python {
            for member in fact.members where member != "*" {
                let full = fact.module + "." + member
                for module in forbidden where isModule(full, within: module, separator: separator) {
                    return module
                }
            }
        }
        return nil
    }

    /// Whether `name` is `module` or one of its submodules (`module` + separator + ...).
    static func isModule(_ name: String, within module: String, separator: Character) -> Bool {
        guard name.hasPrefix(module) else { return false }
        if name.utf8.count == module.utf8.count { return true }
        return name[name.index(name.startIndex, offsetBy: module.count)] == separator
    }

    /// A hit of `rule` at `range` with the rule's message, `{key}` placeholders filled from `values`.
    static func hit(_ rule: Rule, range: ByteRange, values: [String: String]) -> RuleHit {
        let message = fill(rule.message ?? defaultMessage(rule.kind)) { key in key == "rule" ? rule.id.rawValue : values[key] }
        return RuleHit(ruleID: rule.id, severity: rule.severity, message: message, range: range)
    }

    /// `template` with each `{key}` replaced by `value(key)` (left as written when it is nil), in
    /// one pass: a message is filled for every finding.
    static func fill(_ template: String, _ value: (String) -> String?) -> String {
        let bytes = template.utf8
        guard bytes.contains(UInt8(ascii: "{")) else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.utf8.firstIndex(of: UInt8(ascii: "}")) else { break }
            let key = String(after[..<close])
            if let replacement = value(key) {
                out += replacement
            } else {
                out += rest[open...close]
            }
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    static func defaultMessage(_ kind: RuleKind) -> String {
        switch kind {
        case .forbiddenImport: return "`{module}` imported outside its single source of truth"
        case .forbiddenCall: return "`{call}` called outside its single source of truth"
        case .duplicateImplementation: return "`{function}` re-implements an operation owned by its single source of truth ({evidence})"
        case .manualDecode: return "`{function}` decodes a token by hand ({evidence})"
        case .hardcodedSecret: return "hard-coded secret {secret} {context}"
        case .forbiddenEnv: return "setting `{setting}` read outside its single source of truth"
        case .insecureCall: return "`{call}` {evidence}"
        case .localFallback: return "{handler} {evidence}: a second validator that runs only when the auth service fails"
        case .urlToken: return "token in a URL: `{parameter}=` gets `{value}`"
        case .meta: return "{detail}"
        }
    }
}
