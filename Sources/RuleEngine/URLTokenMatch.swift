import Facts
import JSONC
import Model

/// A token put into a URL's query string: a parameter named like a token (`parameters`, without
/// case) whose value the code appends or interpolates (`'?token=' + jwt`,
/// `` `${wsUrl}?jwt=${token}` ``, `f"{url}?token={access_token}"`; see `URLParameterFact`), unless
/// the value is named like something safe to put there (`unlessValues`: a ticket id).
///
/// Query strings built by calls count too (`queryArguments`, per language; `callee` matches the
/// callee as written or its qualified name, `socket.io-client`): an object of
/// parameters (`{"callee": "*", "keyword": "params"}` for `requests.get(url, params={"token": t})`,
/// `{"callee": "io", "argument": 1, "property": "query"}`), or with `"pair": true` a call whose
/// first argument names the parameter and second gives its value
/// (`url.searchParams.set('token', jwt)`).
///
/// The message fills `{parameter}` and `{value}` (the appended name or call, or `…`).
public struct URLTokenMatch: Sendable, Equatable {
    public struct QueryArgument: Sendable, Equatable {
        public var callee: NamePattern
        public var keyword: String?
        public var argument: Int?
        public var property: String?
        public var pair: Bool
    }

    public var parameters: [NamePattern]
    public var unlessValues: [NamePattern]
    public var queryArguments: [Language: [QueryArgument]]
    public var skipTestCode: Bool

    init(_ reader: JSONObjectReader) throws(JSONSchemaError) {
        let names = try reader.stringArray("parameters")
        guard !names.isEmpty, !names.contains(where: \.isEmpty) else { throw reader.error("list non-empty patterns", key: "parameters") }
        parameters = names.map { NamePattern($0.lowercased()) }
        unlessValues = (try reader.optionalStringArray("unlessValues") ?? []).map { NamePattern($0.lowercased()) }
        skipTestCode = try reader.optionalBool("skipTestCode") ?? false
        var arguments: [Language: [QueryArgument]] = [:]
        if let lists = try reader.optionalObject("queryArguments") {
            for language in Language.allCases {
                guard let nodes = try lists.optionalArray(language.rawValue) else { continue }
                arguments[language] = try nodes.enumerated().map { (index, node) throws(JSONSchemaError) -> QueryArgument in
                    let item = try JSONObjectReader(node, path: lists.path(of: language.rawValue, index: index))
                    let callee = try item.string("callee")
                    let keyword = try item.optionalString("keyword")
                    let argument = try item.optionalInt("argument")
                    let property = try item.optionalString("property")
                    let pair = try item.optionalBool("pair") ?? false
                    try item.finish()
                    if callee.isEmpty { throw item.error("the callee must not be empty", key: "callee") }
                    if !pair, keyword == nil, argument == nil { throw item.error("say where the parameters are: \"argument\" and/or \"keyword\", or \"pair\": true") }
                    return QueryArgument(callee: NamePattern(callee), keyword: keyword, argument: argument, property: property, pair: pair)
                }
            }
            try lists.finish()
        }
        queryArguments = arguments
    }

    func evaluate(_ facts: FileFacts, rule: Rule, isTestCode: Bool) -> [RuleHit] {
        guard !(skipTestCode && isTestCode) else { return [] }
        var hits: [RuleHit] = []
        for fact in facts.urlParameters {
            let name = fact.name.lowercased()
            guard parameters.contains(where: { $0.matches(name) }) else { continue }
            let value = fact.value.lowercased()
            if unlessValues.contains(where: { $0.matches(value) }) { continue }
            hits.append(Evaluator.hit(rule, range: fact.range, values: ["parameter": fact.name, "value": fact.value]))
        }
        if let checks = queryArguments[facts.language], !checks.isEmpty {
            for call in facts.calls where !call.arguments.isEmpty {
                for check in checks {
                    // The cheap test first: the keyword is there.
                    if let keyword = check.keyword, check.argument == nil, !call.arguments.contains(where: { $0.keyword == keyword }) {
                        continue
                    }
                    guard check.callee.matches(call.callee) || (call.qualifiedName.map { check.callee.matches($0) } ?? false)
                    else { continue }
                    guard let (name, value) = parameter(in: call, check) else { continue }
                    hits.append(Evaluator.hit(rule, range: call.range, values: ["parameter": name, "value": value]))
                    break
                }
            }
        }
        return hits
    }

    /// The first token-named parameter a call puts in a query string, with its value.
    private func parameter(in call: CallFact, _ check: QueryArgument) -> (String, String)? {
        func named(_ text: String) -> Bool { parameters.contains { $0.matches(text.lowercased()) } }
        func safe(_ value: String) -> Bool { unlessValues.contains { $0.matches(value.lowercased()) } }
        if check.pair {
            guard let name = call.argument(keyword: nil, position: 0)?.stringValue, named(name),
                  let second = call.argument(keyword: nil, position: 1) else { return nil }
            let value = second.name ?? "…"
            return safe(value) ? nil : (name, value)
        }
        var found = call.argument(keyword: check.keyword, position: check.argument)
        if let property = check.property { found = found?.property(property) }
        guard let entries = found?.properties else { return nil }
        for entry in entries {
            guard let key = entry.keyword, named(key) else { continue }
            let value = entry.name ?? (entry.stringValue != nil ? "a string literal" : "…")
            if !safe(value) { return (key, value) }
        }
        return nil
    }
}

extension URLTokenMatch {
    /// Every finding names one of the parameters (in a URL or as a query argument's key).
    func requirement(for language: Language) -> TextRequirement {
        .all([parameters.map(\.pattern)])
    }
}
