import Foundation
import Testing

/// No report ever prints a hard-coded secret in full: a tree with secrets in every form (sink
/// argument, constant reaching a sink, secret-named target, environment default, literal JWT;
/// Python and TypeScript; application and test code) is scanned to text and JSON, on stdout and
/// with `--output`, and every output is searched for every secret.
@Suite struct SecretMaskingTests {
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJlMmUtbWFza2luZyJ9.ZTJlLW1hc2tpbmctc2ln"
    static let tsJWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0cy1maXh0dXJlIn0.dHMtc2lnbmF0dXJl"

    /// Every secret planted in the tree; each must be reported (masked) and never shown.
    static let secrets = [
        "py-sink-direct-secret-0001", "py-sink-constant-secret-0002", "py-class-field-secret-0003",
        "py-env-default-secret-0004", "py-dict-value-secret-00005", "py-test-code-secret-000006",
        "ts-sink-direct-secret-0007", "ts-sink-constant-secret-0008", "ts-env-default-secret-00009",
        "ts-property-secret-0000010", "ts-chained-sign-secret-011", jwt, tsJWT,
    ]

    static func writeTree(_ tree: TempTree) throws {
        try tree.write("app/settings.py", """
            import os
            import jwt

            TOKEN = jwt.encode({"sub": "1"}, "\(secrets[0])", algorithm="HS256")
            SIGNING = "\(secrets[1])"


            def sign(payload):
                return jwt.encode(payload, SIGNING)


            class Settings:
                JWT_SECRET_KEY: str = "\(secrets[2])"


            JWT_SECRET = os.getenv("JWT_SECRET", "\(secrets[3])")
            CONFIG = {"jwt_secret": "\(secrets[4])", "fixture": "\(jwt)"}

            """)
        try tree.write("tests/test_auth.py", "JWT_SECRET = \"\(secrets[5])\"  # a fake secret for tests\n")
        try tree.write("src/auth.ts", """
            import jwt from 'jsonwebtoken';
            import { SignJWT } from 'jose';
            const direct = jwt.sign({ sub: id }, '\(secrets[6])', { expiresIn: '1h' });
            const KEY = '\(secrets[7])';
            export const check = (t: string) => jwt.verify(t, KEY);
            const jwtSecret = process.env.JWT_SECRET || '\(secrets[8])';
            export const cfg = { signingKey: '\(secrets[9])' };
            export const mint = () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('\(secrets[10])'));
            export const fixture = '\(tsJWT)';

            """)
    }

    /// `de…(41 chars)`: what `SecretMask` shows for a secret of ASCII characters.
    static func mask(_ secret: String) -> String {
        "\(secret.prefix(2))…(\(secret.count) chars)"
    }

    @Test func noOutputShowsASecretAndEveryOutputShowsItsMask() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try Self.writeTree(tree)
        var outputs: [(String, String)] = []
        for format in ["text", "json"] {
            let run = try Tool.run(["scan", ".", "--format", format], in: tree.root)
            #expect(run.status == 1, "\(format): \(run.stderr)")
            outputs.append(("\(format) stdout", run.stdout))
            outputs.append(("\(format) stderr", run.stderr))
            let file = "report.\(format)"
            let toFile = try Tool.run(["scan", "app", "src", "tests", "--format", format, "--output", file], in: tree.root)
            #expect(toFile.status == 1)
            let written = try String(contentsOf: tree.root.appendingPathComponent(file), encoding: .utf8)
            outputs.append(("\(format) --output", written))
            outputs.append(("\(format) --output stdout", toFile.stdout + toFile.stderr))
        }
        for (name, text) in outputs {
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(name) shows \(secret)")
            }
        }
        for (name, text) in outputs where !name.contains("stderr") && !name.hasSuffix("--output stdout") {
            for secret in Self.secrets {
                #expect(text.contains(Self.mask(secret)), "\(name) lacks the mask of \(secret)")
            }
        }
    }

    @Test func everyFormIsReportedWithItsContext() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try Self.writeTree(tree)
        let run = try Tool.run(["scan", ".", "--format", "json"], in: tree.root)
        let findings = try #require(Tool.json(run.stdout)["findings"] as? [[String: Any]])
        let secretFindings = findings.filter { $0["ruleId"] as? String == "jwt-hardcoded-secret" }
        let described = secretFindings.map { "\($0["path"]!):\($0["line"]!) \($0["severity"]!)" }
        #expect(described == [
            "app/settings.py:4 error", "app/settings.py:9 error", "app/settings.py:13 error", "app/settings.py:16 error",
            "app/settings.py:17 error", "app/settings.py:17 error", "src/auth.ts:3 error", "src/auth.ts:5 error",
            "src/auth.ts:6 error", "src/auth.ts:7 error", "src/auth.ts:8 error", "src/auth.ts:9 error",
            "tests/test_auth.py:1 warning",
        ])
        let messages = secretFindings.compactMap { $0["message"] as? String }
        #expect(messages.contains("hard-coded JWT secret \(Self.mask(Self.secrets[1])) used as the key of jwt.encode"))
        #expect(messages.contains("hard-coded JWT secret \(Self.mask(Self.jwt)) (a literal JWT)"))
        // The constant's literal is a related location of the sink finding.
        let viaConstant = try #require(secretFindings.first { ($0["line"] as? Int) == 9 })
        let related = try #require(viaConstant["relatedLocations"] as? [[String: Any]])
        #expect(related.map { "\($0["line"]!) \($0["message"]!)" } == ["5 secret defined here"])
    }

    @Test func theSourceLineOfEveryFindingOnASecretsLineIsMasked() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.write("sign.py", "import jwt\ntoken = jwt.encode({\"sub\": \"1\"}, \"\(Self.secrets[0])\", algorithm=\"HS256\")\n")
        let run = try Tool.run(["scan", ".", "--format", "text"], in: tree.root)
        // Two findings on the line (jwt-direct-call and jwt-hardcoded-secret): both show it masked.
        #expect(run.stdout.components(separatedBy: "\"\(Self.mask(Self.secrets[0]))\"").count == 3, "\(run.stdout)")
        #expect(!run.stdout.contains(Self.secrets[0]))
    }
}
