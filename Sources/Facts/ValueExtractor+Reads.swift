import Lexing
import Model

// MARK: - Settings reads

extension ValueScanner {
    /// `receiver.NAME` with an environment-variable-shaped name that is read (not assigned or
    /// called); also a config path whose last member mentions a secret (`globalConfig.auth.jwtSecret`,
    /// `settings.jwt_secret_key`), as `.attributePath` (not `self.`/`this.` fields).
    mutating func attributeRead(_ i: Int) {
        let token = stream.tokens[i]
        let first = stream.bytes[Int(token.start)]
        let isEnvVar = first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") && stream.isEnvVarShaped(token.range)
        guard isEnvVar || stream.mentionsSecret(token.range) else { return }
        switch stream.kind(i + 1) {
        case .equal?, .lParen?: return
        default: break
        }
        guard let (receiver, start) = tokens.receiverText(endingAt: i - 2) else { return }
        if !isEnvVar, receiver == "self" || receiver == "this" || receiver == "cls" { return }
        values.settingReads.append(SettingRead(form: isEnvVar ? .attribute : .attributePath, receiver: receiver,
                                               qualifiedReceiver: CallResolver.resolve(receiver, bindings: bindings),
                                               name: stream.text(i), range: stream.range(start, i)))
    }

    /// `receiver["NAME"]` read (not assigned or deleted), the key at token `key`.
    mutating func subscriptRead(key: Int, open: Int) {
        guard stream.isEnvVarShaped(stream.contentRange(key)), stream.kind(key + 2) != .equal,
              let (receiver, start) = tokens.receiverText(endingAt: open - 1), !stream.isWord(start - 1, "del"),
              let name = stream.stringValue(key, language: language) else { return }
        values.settingReads.append(SettingRead(form: .subscript, receiver: receiver,
                                               qualifiedReceiver: CallResolver.resolve(receiver, bindings: bindings),
                                               name: name, range: stream.range(start, key + 1)))
    }

    /// TS `const { NAME, OTHER: x, THIRD = 'd' } = receiver` (the `=` at `eq`): one read per
    /// environment-variable-shaped key.
    mutating func destructuringRead(_ eq: Int) {
        guard let open = tokens.opener(of: eq - 1), stream.kind(eq + 1) == .identifier else { return }
        var end = eq + 1
        while stream.kind(end + 1) == .dot || stream.kind(end + 1) == .questionDot, stream.kind(end + 2) == .identifier { end += 2 }
        if let next = stream.kind(end + 1), next != .semicolon, next != .rBrace, next != .comma,
           !stream.tokens[end + 1].newlineBefore { return }
        var receiver = stream.text(eq + 1)
        _ = stream.appendMembers(to: &receiver, from: eq + 2, optional: true)
        let qualified = CallResolver.resolve(receiver, bindings: bindings)
        var depth = 0
        for k in (open + 1)..<(eq - 1) {
            switch stream.kind(k) {
            case .lParen?, .lBracket?, .lBrace?: depth += 1
            case .rParen?, .rBracket?, .rBrace?: depth -= 1
            case .identifier? where depth == 0 && (stream.kind(k - 1) == .lBrace || stream.kind(k - 1) == .comma):
                guard stream.isEnvVarShaped(stream.tokens[k].range) else { continue }
                values.settingReads.append(SettingRead(form: .destructuring, receiver: receiver, qualifiedReceiver: qualified,
                                                       name: stream.text(k), range: stream.tokens[k].range))
            default: break
            }
        }
    }

    /// The settings read that ends just before the fallback operator at `op`:
    /// `process.env.NAME`, `process.env["NAME"]`, `os.getenv("NAME")`, `getattr(cfg, "NAME")`.
    mutating func settingRead(endingBefore op: Int) -> EnvDefault? {
        var end = op - 1
        if language == .typescript, stream.isOperator(end, "!") { end -= 1 }
        switch stream.kind(end) {
        case .identifier?:
            guard stream.kind(end - 1) == .dot || stream.kind(end - 1) == .questionDot,
                  let (receiver, _) = tokens.receiverText(endingAt: end - 2) else { return nil }
            return EnvDefault(reader: receiver, qualifiedReader: CallResolver.resolve(receiver, bindings: bindings),
                              name: stream.text(end))
        case .rBracket?:
            guard stream.kind(end - 1) == .string, stream.kind(end - 2) == .lBracket,
                  let (receiver, _) = tokens.receiverText(endingAt: end - 3),
                  let name = stream.stringValue(end - 1, language: language) else { return nil }
            return EnvDefault(reader: receiver, qualifiedReader: CallResolver.resolve(receiver, bindings: bindings),
                              name: name)
        case .rParen?:
            let close = Int(stream.tokens[end].end)
            guard let call = calls.last(where: { $0.range.end == close }),
                  let name = call.arguments.first(where: { $0.keyword == nil && $0.stringValue != nil })?.stringValue
            else { return nil }
            return EnvDefault(reader: call.callee, qualifiedReader: call.qualifiedName, name: name)
        default:
            return nil
        }
    }

    // MARK: - Class fields

    /// A Python class-level field at token `i` (`NAME: T`, `NAME: T = v`, `NAME = v`).
    mutating func fieldDeclaration(_ i: Int) {
        guard let top = scopeStack.last else { return }
        var eq = stream.kind(i + 1) == .equal ? i + 1 : -1
        var depth = 0
        var k = i + 1
        while let kind = stream.kind(k), kind != .newline, kind != .indent, kind != .dedent {
            switch kind {
            case .lParen, .lBracket, .lBrace: depth += 1
            case .rParen, .rBracket, .rBrace: depth -= 1
            case .equal where depth == 0 && eq < 0: eq = k
            default: break
            }
            k += 1
        }
        let end = k - 1
        let scope = values.scopes[Int(top)]
        let hasValue = eq >= 0 && eq < end
        values.fieldDeclarations.append(FieldDeclaration(
            className: scope.name, classBases: scope.bases, name: stream.text(i), range: stream.tokens[i].range,
            isAnnotated: stream.kind(i + 1) == .colon, valueRange: hasValue ? stream.range(eq + 1, end) : nil,
            stringValue: hasValue && eq + 1 == end ? stream.stringValue(end, language: language) : nil))
    }

    // MARK: - Defaults passed to calls

    /// `reader("NAME", "default")`, `reader(x, "NAME", "default")`, `reader("NAME", default="x")`:
    /// the literal after a name-shaped literal (or the `default=` keyword) is that name's
    /// fallback. Rules decide which readers count.
    mutating func addCallDefaults() {
        var byContent: [Int: Int] = [:]
        var indexed = false
        for call in calls where call.arguments.count >= 2 {
            var previous: String?
            var lastName: String?
            for argument in call.arguments {
                var name: String?
                if argument.keyword == nil {
                    name = previous
                    previous = argument.stringValue.flatMap { Self.isNameShaped($0) ? $0 : nil }
                    if previous != nil { lastName = previous }
                } else if argument.keyword == "default" {
                    name = lastName
                }
                guard let name, let value = argument.stringValue, let content = argument.stringRange else { continue }
                if !indexed {
                    for (index, literal) in values.literals.enumerated() { byContent[literal.contentRange.start] = index }
                    indexed = true
                }
                let read = EnvDefault(reader: call.callee, qualifiedReader: call.qualifiedName, name: name)
                if let index = byContent[content.start] {
                    if values.literals[index].envDefault == nil { values.literals[index].envDefault = read }
                } else {
                    byContent[content.start] = values.literals.count
                    values.literals.append(StringLiteralFact(value: value, range: argument.range, contentRange: content,
                                                             envDefault: read))
                }
            }
        }
    }

    /// A setting or variable name: 1–128 bytes of letters, digits, `_ - . : /`.
    static func isNameShaped(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 128 else { return false }
        for b in utf8 {
            let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
                || b == UInt8(ascii: ".") || b == UInt8(ascii: ":") || b == UInt8(ascii: "/")
            if !ok { return false }
        }
        return true
    }

    // MARK: - Result

    /// The facts, literals in source order (assignment indices follow them).
    mutating func finish() -> ValueFacts {
        resolveKills()
        let literals = values.literals
        let order = literals.indices.sorted { literals[$0].range < literals[$1].range }
        if order != Array(literals.indices) {
            var newIndex = [Int32](repeating: -1, count: literals.count)
            for (new, old) in order.enumerated() { newIndex[old] = Int32(new) }
            values.literals = order.map { literals[$0] }
            for k in values.assignments.indices where values.assignments[k].literal >= 0 {
                values.assignments[k].literal = newIndex[Int(values.assignments[k].literal)]
            }
        }
        for (index, assignment) in values.assignments.enumerated() {
            values.assignmentsByKey[assignment.key, default: []].append(Int32(index))
        }
        return values
    }
}
