import Facts
import Foundation
import Lexing
import Model
import RuleEngine
import Synchronization
import Testing
@testable import Pipeline

/// A mutation fuzzer over the per-file stages (lex → facts → rules → suppressions → placement →
/// masking), with the built-in rules. Seeds are the fixture files plus snippets of what has broken
/// scanners before; each input is a few mutations of one or two seeds (byte flips, inserted
/// tokens, deleted or repeated ranges, splices), scanned as Python, TypeScript and TSX.
///
/// Invariants checked on every input: the scan finishes; findings lie inside the file with sane
/// locations; snippets stay bounded and carry no secret the file's recognisers found (8 bytes or
/// longer); scanning again gives the same findings; scanning without the prefilter too.
///
/// `swift test` runs a short deterministic slice. For a long run:
/// `scripts/fuzz ITERATIONS [SEED]` (release build, both cores).
@Suite struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = Int(environment["SSOTGUARD_FUZZ_ITERATIONS"] ?? "") ?? 200
    static let seed = UInt64(environment["SSOTGUARD_FUZZ_SEED"] ?? "") ?? 0x5EED

    @Test func mutatedInputsKeepEveryInvariant() throws {
        let corpus = try Self.corpus()
        let rules = RuleSet(rules: try RuleLoader.combine(RuleLoader.builtinPacks()))
        let workers = Self.iterations >= 10_000 ? ProcessInfo.processInfo.activeProcessorCount : 1
        let problems = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var random = SplitMix64(seed: Self.seed &+ UInt64(worker) &* 0x9E37_79B9_7F4A_7C15)
            var count = worker
            while count < Self.iterations {
                let input = Self.mutate(corpus, &random)
                for path in ["fuzz.py", "fuzz.ts", "fuzz.tsx"] {
                    if let problem = Self.check(input, path: path, rules: rules) {
                        problems.withLock { $0.append("input \(count) as \(path): \(problem)") }
                    }
                }
                count += workers
            }
        }
        let found = problems.withLock { $0 }
        #expect(found.isEmpty, "\(found.count) problems; first: \(found.prefix(3))")
        if Self.iterations >= 10_000 {
            print("fuzz: \(Self.iterations) inputs × 3 languages, seed \(Self.seed), \(found.count) problems")
        }
    }

    // MARK: - Invariants

    static func check(_ bytes: [UInt8], path: String, rules: RuleSet) -> String? {
        guard let file = SourceFile(path: path, diskPath: path) else { return "no source file" }
        let first = bytes.withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: rules) }
        let again = bytes.withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: rules) }
        guard first.findings == again.findings, first.diagnostics == again.diagnostics else { return "not deterministic" }
        // The prefilter is exact: scanning every file anyway finds the same.
        var unfiltered = rules
        unfiltered.usesPrefilter = false
        let full = bytes.withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: unfiltered) }
        guard full.findings == first.findings, full.diagnostics == first.diagnostics else {
            return "the prefilter skipped a finding: \(full.findings.map(\.ruleID))"
        }
        let lines = LineIndex(bytes).lineCount
        for finding in first.findings {
            let l = finding.location
            guard finding.range.start >= 0, finding.range.end <= bytes.count, finding.range.start <= finding.range.end,
                  l.line >= 1, l.column >= 1, l.endLine >= l.line, l.line <= lines, l.endLine <= lines,
                  l.endLine > l.line || l.endColumn >= l.column else { return "bad place \(l) for \(finding.ruleID)" }
            let snippet = finding.snippet
            guard snippet.text.unicodeScalars.count <= 4 * Snippet.maximumWidth,
                  snippet.markerStart >= 0, snippet.markerStart <= snippet.text.unicodeScalars.count + 1
            else { return "unbounded snippet for \(finding.ruleID)" }
            for related in finding.relatedLocations where related.location.line < 1 || related.location.line > lines {
                return "bad related place \(related.location)"
            }
        }
        if first.diagnostics.filter({ $0.path == path && $0.line != nil }).count > FileScanner.problemLimit {
            return "more than \(FileScanner.problemLimit) problems listed"
        }
        // No recognised secret of 8 bytes or more is shown in full.
        let language = file.language
        let secrets: [String] = bytes.withUnsafeBytes { raw in
            let lexed = Lexer.tokenize(raw, language: language, jsx: file.allowsJSX)
            let facts = FactExtractor.extract(tokens: lexed.tokens, bytes: raw, language: language)
            return rules.secretLiterals(facts, path: path).map(\.value).filter { $0.utf8.count >= 8 }
        }
        for finding in first.findings {
            for secret in secrets where finding.snippet.text.contains(secret) || finding.message.contains(secret) {
                return "secret shown by \(finding.ruleID): \(finding.snippet.text)"
            }
        }
        return nil
    }

    // MARK: - Inputs

    static let tokens: [String] = [
        "import jwt\n", "from jose import jwt\n", "import jwt from 'jsonwebtoken';\n", "const jwt = require('jsonwebtoken');\n",
        "jwt.decode(", "jwt.encode(p, \"s3cr3t-value-123\", algorithm=\"HS256\")", "jwt.sign(p, 'sign-key-abcdef')",
        "jwt.verify(t, KEY)", "def validate_token(t):\n    ", "async def verify_jwt(self, token):\n", "function verifyToken(t) {",
        "class A:\n    ", "class B { ", "=> {", "}", "{", "(", ")", "[", "]", "\"", "'", "`", "${", "\"\"\"", "'''", "f\"{", "#",
        "//", "/*", "*/", "\\", "\n", "\r\n", "\r", "\t", "    ", "JWT_SECRET = \"abcd1234efgh5678\"",
        "os.getenv(\"JWT_SECRET\", \"fallback-key-42\")", "process.env.JWT_SECRET || 'zz-fallback-99'",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "# ssotguard: ignore[jwt-direct-call] -- reason\n",
        "// ssotguard: ignore-file[jwt-direct-import] -- x\n", "<div>", "</div>", "<T>(x: T) => x", "/re[g]ex/g", "@decorator\n",
        "lambda t: jwt.decode(t)", "token.split('.')", "base64.urlsafe_b64decode(", "json.loads(", "atob(", "JSON.parse(",
        "payload[\"exp\"] < time.time()", "if claims.exp < now:", "😀", "日本", "\u{1B}[31m", "\u{0}", "\u{FEFF}",
        "\\x6a", "\\u0077", "\\152", "\\u{74}", "\\\n", "\\N{LATIN SMALL LETTER J}", "ſ", "K", "ß", "_", "-", ".",
    ]

    static let snippets: [String] = [
        "import jwt\ndef validate_token(t):\n    return jwt.decode(t, \"k\", algorithms=[\"HS256\"])\n",
        "x = `${`${`${",
        "def a(t):\n def b(t):\n  def c(t):\n   return jwt.decode(t)\n",
        "const jwt=require(\"jsonwebtoken\");" + String(repeating: "jwt.verify(t,k);", count: 40),
        "def validate_token(token):def validate_token(token):def validate_token(token):",
        "JWT_SECRET = \"Qz7Kp2Wm9Xv4\"; BACKUP = \"Qz7Kp2Wm9Xv4\"  # old Qz7Kp2Wm9Xv4\n",
    ]

    static func corpus() throws -> [[UInt8]] {
        let root = FixtureScanTests.fixtures
        var files: [[UInt8]] = snippets.map { Array($0.utf8) }
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var paths: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if SourceFile(path: url.path, diskPath: url.path) != nil { paths.append(url.path) }
        }
        for path in paths.sorted() {
            if let data = FileManager.default.contents(atPath: path) { files.append([UInt8](data)) }
        }
        return files
    }

    static func mutate(_ corpus: [[UInt8]], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = corpus[random.below(corpus.count)]
        for _ in 0..<(1 + random.below(6)) {
            let position = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
            switch random.below(6) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next())
            case 1:
                bytes.insert(contentsOf: Array(tokens[random.below(tokens.count)].utf8), at: position)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + random.below(64))
                bytes.removeSubrange(min(position, end)..<end)
            case 3 where !bytes.isEmpty:
                let start = random.below(bytes.count)
                let end = min(bytes.count, start + 1 + random.below(200))
                let piece = Array(bytes[start..<end])
                for _ in 0..<(1 + random.below(20)) { bytes.insert(contentsOf: piece, at: min(position, bytes.count)) }
            case 4:
                let other = corpus[random.below(corpus.count)]
                let cut = other.isEmpty ? 0 : random.below(other.count)
                bytes = Array(bytes[..<min(position, bytes.count)]) + Array(other[cut...])
            default:
                bytes.insert(contentsOf: Array(tokens[random.below(tokens.count)].utf8), at: position)
            }
        }
        return bytes
    }
}

/// SplitMix64: a small, fast, deterministic generator.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        bound <= 1 ? 0 : Int(next() % UInt64(bound))
    }
}
