import Facts
import JSONC
import Model

/// The `match` fields of a `forbidden-import` rule.
///
/// Import-name filters work like ESLint's `no-restricted-imports`: an import "brings in only
/// names" when it imports named members and not the module itself (`from jwt import
/// InvalidTokenError`, `import { JsonWebTokenError } from 'jsonwebtoken'`, a destructured
/// `require`). `import jwt`, default and namespace imports, `import *` and plain `require`s bring
/// in the module and never count as names only.
public struct ForbiddenImportMatch: Sendable, Equatable {
    public var modules: [Language: [String]]
    /// An import whose every name matches one of these is not reported.
    public var allowImportNames: [NamePattern]
    /// When set, only imports whose every name matches one of these are reported.
    public var onlyImportNames: [NamePattern]

    public init(modules: [Language: [String]], allowImportNames: [NamePattern] = [], onlyImportNames: [NamePattern] = []) {
        self.modules = modules
        self.allowImportNames = allowImportNames
        self.onlyImportNames = onlyImportNames
    }

    init(_ reader: JSONObjectReader) throws {
        modules = try RuleLoader.perLanguage(reader, key: "modules")
        allowImportNames = try (reader.optionalStringArray("allowImportNames") ?? []).map(NamePattern.init)
        onlyImportNames = try (reader.optionalStringArray("onlyImportNames") ?? []).map(NamePattern.init)
        if !allowImportNames.isEmpty, !onlyImportNames.isEmpty {
            throw reader.error("a rule takes \"allowImportNames\" or \"onlyImportNames\", not both", key: "onlyImportNames")
        }
    }

    /// Whether the rule reports `fact` (whose module it forbids), given the import-name filters.
    func reports(_ fact: ImportFact) -> Bool {
        let namesOnly = !fact.importsModule && !fact.members.isEmpty
        func allMatch(_ patterns: [NamePattern]) -> Bool {
            namesOnly && fact.members.allSatisfy { member in patterns.contains { $0.matches(member) } }
        }
        if !onlyImportNames.isEmpty { return allMatch(onlyImportNames) }
        if !allowImportNames.isEmpty { return !allMatch(allowImportNames) }
        return true
    }
}

extension ForbiddenImportMatch {
    /// An import names its module as written: the longest piece of one of the modules.
    func requirement(for language: Language) -> TextRequirement {
        TextRequirement.all([modules[language] ?? []])
    }
}
