import Foundation
import Testing

/// The masking promise, as an attacker would test it: files with distinctive fake secrets in
/// every pattern ssotguard recognises, each secret repeated on its line (a second literal, a
/// comment, a suppression's reason), scanned by every command in every format, with and without
/// the secret rule. No output, file written or diagnostic may hold any 8-character piece of any
/// secret.
@Suite(.serialized) struct SecretLeakEverywhereTests {
    static let jwtToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsZWFrLXRlc3QifQ.bGVha3Rlc3RzaWduYXR1cmU"
    /// Random values: nothing else in an output shares an 8-character piece with them.
    static let secrets = [
        "ox9yimTcfipZGnzPbDFD", "yFKm51zfFoWbSrHAE56y", "UhQqg0eyN1ygQdvpSfF5", "PH5nLZjMeI8cFSmj83LD",
        "UL4CsJw24BikWMgISuSw", "8P1FGNmtjwHsGQeZ52G6", "SIowp6asvorcBqyt1T5A", "lQzhk7Q2bmXkthaYWyv1",
        "kKB5oiAKCAAfLesTgcfQ", "gWHHxjZ7GFTjMemb6ivy", "QKhVtwu9xaP1Fnd4Nc49", "3WZ0LllvBChfmMoFZEYj",
        "yhgLUCPiUCGUfT7EKz0x", jwtToken,
    ]

    static func writeTree(_ tree: TempTree) throws {
        let s = secrets
        try tree.write("app/settings.py", """
            import os
            import jwt

            TOKEN = jwt.encode({"sub": "1"}, "\(s[0])", algorithm="HS256")  # key \(s[0])
            JWT_SECRET = "\(s[1])"; BACKUP = "\(s[1])"
            JWT_SECRET_KEY = "\(s[2])"  # old value: \(s[2])
            SIGNING = "\(s[3])"


            def check(t):
                return jwt.decode(t, SIGNING, algorithms=["HS256"])  # was \(s[3])


            FALLBACK = os.getenv("JWT_SECRET", "\(s[4])")  # default \(s[4])
            CONFIG = {"jwt_secret": "\(s[5])", "copy": "\(s[5])"}
            LEGACY = jwt.encode({}, "\(s[6])")  # ssotguard: ignore[jwt-hardcoded-secret, jwt-direct-call] -- rotated from \(s[6])


            class Settings:
                JWT_SECRET_KEY: str = "\(s[7])"  # \(s[7])


            FIXTURE = "\(jwtToken)"  # \(jwtToken)

            """)
        try tree.write("web/auth.ts", """
            import jwt from 'jsonwebtoken';
            import { SignJWT } from 'jose';
            export const direct = jwt.sign({ sub: 'x' }, '\(s[8])', { expiresIn: '1h' }); // was \(s[8])
            export const cfg = { jwtSecret: '\(s[9])', backup: '\(s[9])' };
            export const mint = () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('\(s[10])'));
            const jwtSecret = process.env.JWT_SECRET || '\(s[11])'; /* \(s[11]) */

            """)
        try tree.write("tests/test_auth.py", "import jwt\nJWT_SECRET = \"\(s[12])\"  # \(s[12])\njwt.decode(t, JWT_SECRET)\n")
    }

    /// Every piece of 8 characters of every secret.
    static let pieces: [String: String] = {
        var pieces: [String: String] = [:]
        for secret in secrets {
            let characters = Array(secret)
            for start in 0...(characters.count - 8) { pieces[String(characters[start..<start + 8])] = secret }
        }
        return pieces
    }()

    static func leaks(_ text: String) -> [String] {
        pieces.keys.filter { text.contains($0) }.sorted()
    }

    /// Runs every command and format in `tree` and returns (name, everything it printed or wrote).
    static func outputs(_ tree: TempTree) throws -> [(String, String)] {
        var outputs: [(String, String)] = []
        func record(_ name: String, _ arguments: [String], files: [String] = []) throws {
            let run = try Tool.run(arguments, in: tree.root)
            #expect(run.status != 64 && run.status != 2, "\(name): \(run.stderr)")
            outputs.append((name, run.stdout + run.stderr))
            for file in files {
                let url = tree.root.appendingPathComponent(file)
                outputs.append(("\(name) → \(file)", (try? String(contentsOf: url, encoding: .utf8)) ?? ""))
                try? FileManager.default.removeItem(at: url)
            }
        }
        for format in ["text", "json", "sarif", "github", "markdown"] {
            try record("scan \(format)", ["scan", ".", "--format", format])
            try record("scan \(format) --output", ["scan", ".", "--format", format, "--output", "out.report"], files: ["out.report"])
        }
        try record("scan sarif --sarif-all", ["scan", ".", "--format", "sarif", "--sarif-all"])
        try record("scan --shard", ["scan", ".", "--shard", "1/2", "--format", "json", "--output", "s1.json"], files: [])
        try record("scan --shard", ["scan", ".", "--shard", "2/2", "--format", "json", "--output", "s2.json"], files: [])
        for format in ["text", "json", "sarif"] {
            try record("merge \(format)", ["merge", "s1.json", "s2.json", "--format", format],
                       files: format == "sarif" ? ["s1.json", "s2.json"] : [])
        }
        // The scan cache on disk holds what the reports show, never more.
        let cache = tree.root.appendingPathComponent(".ssotguard-cache/v1")
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(!cached.isEmpty)
        for name in cached {
            let bytes = try Data(contentsOf: cache.appendingPathComponent(name))
            outputs.append(("scan cache → \(name)", String(decoding: bytes.map { $0 == 0 ? 0x0A : $0 }, as: UTF8.self)))
        }
        try record("scan --write-baseline", ["scan", ".", "--write-baseline", "base.json"], files: [])
        try record("scan --baseline", ["scan", ".", "--baseline", "base.json", "--format", "json"], files: ["base.json"])
        for format in ["text", "markdown", "json"] {
            try record("progress \(format)", ["progress", ".", "--format", format])
        }
        try record("config --print", ["config", "--print", "."])
        try record("scan --staged", ["scan", "--staged", "--format", "json"])
        try record("scan --staged files", ["scan", "--staged", "app/settings.py", "web/auth.ts"])
        for format in ["csv", "json", "html"] {
            try record("history \(format)", ["history", ".", "--format", format, "--every", "1"])
        }
        return outputs
    }

    static func repository(configuration: String?) throws -> TempTree {
        let tree = try TempTree()
        try writeTree(tree)
        if let configuration { try tree.write(".ssotguard.json", configuration) }
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"],
                          ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "secrets"]] {
            #expect(try Tool.run([], in: tree.root, rawCommand: ["/usr/bin/env", "git"] + arguments).status == 0)
        }
        // Staged too, for --staged.
        try tree.write("app/staged.py", "import jwt\nK = jwt.encode({}, \"\(secrets[0])\")  # \(secrets[0])\n")
        #expect(try Tool.run([], in: tree.root, rawCommand: ["/usr/bin/env", "git", "add", "app/staged.py"]).status == 0)
        return tree
    }

    @Test func noCommandOrFormatShowsAPieceOfASecret() throws {
        let tree = try Self.repository(configuration: nil)
        defer { tree.remove() }
        // The tree must really hold findings on every secret's line, else the test proves nothing.
        let json = try Tool.json(try Tool.run(["scan", ".", "--format", "json"], in: tree.root).stdout)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["ruleId"] as? String == "jwt-hardcoded-secret" }.count >= 12)
        for (name, text) in try Self.outputs(tree) {
            #expect(Self.leaks(text).isEmpty, "\(name) shows pieces of a secret: \(Self.leaks(text).prefix(3))")
        }
    }

    /// With the secret rule disabled, other rules' findings still show the secrets' lines:
    /// recognition for masking does not depend on the rule.
    @Test func withTheSecretRuleDisabledNothingLeaksEither() throws {
        let tree = try Self.repository(configuration: """
            { "version": 1, "rules": { "jwt-hardcoded-secret": { "enabled": false } } }
            """)
        defer { tree.remove() }
        let text = try Tool.run(["scan", "."], in: tree.root).stdout
        #expect(text.contains("jwt-direct-call"))
        #expect(!text.contains("[jwt-hardcoded-secret]"))
        for (name, text) in try Self.outputs(tree) {
            #expect(Self.leaks(text).isEmpty, "\(name) shows pieces of a secret: \(Self.leaks(text).prefix(3))")
        }
    }

    /// `init` prints and writes no secret either.
    @Test func initShowsNoSecret() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try Self.writeTree(tree)
        let run = try Tool.run(["init", "."], in: tree.root)
        #expect(run.status == 0, "\(run.stderr)")
        var texts = [run.stdout + run.stderr]
        for file in [".ssotguard.json", ".ssotguard-baseline.json"] {
            texts.append(try String(contentsOf: tree.root.appendingPathComponent(file), encoding: .utf8))
        }
        for text in texts { #expect(Self.leaks(text).isEmpty) }
    }
}
