import Model

/// The SSOT `init` proposes: the module that handles JWTs most, preferring one named like a JWT
/// module (`jwt.py`, `jwt_handler.py`, `jwt.service.ts`, `JwtService.ts`), from the findings of
/// a scan with no SSOT yet (every JWT import and library call is a finding then).
struct SSOTProposal {
    var paths: [String]
    /// Why, and the runners-up, for the user to check.
    var explanation: String

    struct Candidate {
        var path: String
        var imports = 0
        var calls = 0
        var namedLikeJWT: Bool
    }

    static func propose(_ findings: [Finding]) -> SSOTProposal {
        var candidates: [String: Candidate] = [:]
        for finding in findings where !finding.isTestCode {
            let id = finding.ruleID.rawValue
            guard id == "jwt-direct-import" || id == "jwt-direct-call" else { continue }
            var candidate = candidates[finding.path] ?? Candidate(path: finding.path, namedLikeJWT: isNamedLikeJWT(finding.path))
            if id == "jwt-direct-import" { candidate.imports += 1 } else { candidate.calls += 1 }
            candidates[finding.path] = candidate
        }
        let ranked = candidates.values.filter { $0.imports > 0 }.sorted { a, b in
            if a.namedLikeJWT != b.namedLikeJWT { return a.namedLikeJWT }
            if a.imports + a.calls != b.imports + b.calls { return a.imports + a.calls > b.imports + b.calls }
            return a.path.utf8.lexicographicallyPrecedes(b.path.utf8)
        }
        // The best module of each language: a codebase's Python and TypeScript each have one.
        var best: [Candidate] = []
        for language in Language.allCases {
            if let first = ranked.first(where: { Language.of(fileName: $0.path) == language }) { best.append(first) }
        }
        guard !best.isEmpty else {
            return SSOTProposal(paths: [], explanation: "No module imports a JWT library: no SSOT proposed "
                                + "(name it with --ssot PATH, or set packs.jwt.ssot later).\n")
        }
        func why(_ candidate: Candidate) -> String {
            "\(candidate.path) (\(candidate.imports) JWT import\(candidate.imports == 1 ? "" : "s"), "
                + "\(candidate.calls) library call\(candidate.calls == 1 ? "" : "s")\(candidate.namedLikeJWT ? ", named like a JWT module" : ""))"
        }
        var text = "Proposed SSOT: " + best.map(why).joined(separator: "; ") + ". It becomes packs.jwt.ssot in "
            + ".ssotguard.json; choose another with --ssot PATH (repeatable).\n"
        let others = ranked.filter { candidate in !best.contains { $0.path == candidate.path } }.prefix(4)
        if !others.isEmpty { text += "Other candidates: " + others.map(why).joined(separator: "; ") + "\n" }
        return SSOTProposal(paths: best.map(\.path), explanation: text)
    }

    /// `jwt.py`, `jwt_handler.py`, `jwt.service.ts`, `JwtService.ts`, `token_service.py`.
    static func isNamedLikeJWT(_ path: String) -> Bool {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        return name.contains("jwt") || (name.contains("token") && ["service", "handler", "manager"].contains { name.contains($0) })
    }
}
