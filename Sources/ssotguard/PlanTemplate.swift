/// The generic migration plan `init --plan` writes for teams without the JWT remediation plan:
/// one phase per kind of work, in the order a migration usually goes, due dates left to fill in.
enum PlanTemplate {
    static let text = """
        // A migration plan for ssotguard (see the README, "Migration plans"). Each finding lands in
        // the first phase whose "match" accepts it; fill in the due dates ("due": "YYYY-MM-DD") and
        // adjust the matches to your codebase, then name this file in .ssotguard.json ("plan").
        {
          "version": 1,
          "plan": "jwt-ssot-migration",
          "title": "JWT single source of truth migration",
          "description": "Move every JWT operation into the SSOT; other modules delegate to it.",
          "phases": [
            {
              "id": "security",
              "title": "Security: token failures",
              "description": "Unverified or unsigned tokens, unpinned algorithms, secrets in payloads, local fallbacks, tokens in URLs or web storage.",
              // "due": "YYYY-MM-DD",
              "match": [ { "rules": ["jwt-unverified-signature", "jwt-none-algorithm", "jwt-algorithm-not-pinned", "jwt-sensitive-claims",
                                     "jwt-local-fallback", "jwt-lifetime-outside-ssot", "jwt-in-url", "jwt-in-web-storage",
                                     "jwt-ws-close-internal-error"] } ],
              "done": { "openFindings": 0, "description": "No security finding left" }
            },
            {
              "id": "imports",
              "title": "Imports: the JWT library only in the SSOT",
              "description": "Modules outside the SSOT that import a JWT library (or only its exceptions).",
              // "due": "YYYY-MM-DD",
              "match": [ { "rules": ["jwt-direct-import", "jwt-exception-import"] } ],
              "done": { "openFindings": 0, "description": "No JWT library import outside the SSOT" }
            },
            {
              "id": "calls",
              "title": "Calls: token operations through the SSOT",
              "description": "Calls of the JWT library outside the SSOT.",
              // "due": "YYYY-MM-DD",
              "match": [ { "rules": ["jwt-direct-call"] } ],
              "done": { "openFindings": 0, "description": "No JWT library call outside the SSOT" }
            },
            {
              "id": "duplicates",
              "title": "Duplicates: one implementation of each token operation",
              "description": "Functions that re-implement a token operation, and hand-rolled decoders.",
              // "due": "YYYY-MM-DD",
              "match": [ { "rules": ["jwt-duplicate-implementation", "jwt-manual-decode"] } ],
              "done": { "openFindings": 0, "description": "Every token operation delegates to the SSOT" }
            },
            {
              "id": "secrets",
              "title": "Secrets: the JWT secret only in the SSOT",
              "description": "Hard-coded JWT secrets, and JWT secret settings read outside the SSOT.",
              // "due": "YYYY-MM-DD",
              "match": [ { "rules": ["jwt-hardcoded-secret", "jwt-secret-config"] } ],
              "done": { "openFindings": 0, "description": "No JWT secret outside the SSOT's secret store" }
            }
          ]
        }

        """
}
