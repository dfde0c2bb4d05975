import Model
import Testing
@testable import RuleEngine

/// The prefilter: sound for every built-in rule's examples, through escapes, case mapping,
/// separators and paths; tight enough to skip files that name nothing the rules look for.
@Suite struct PrefilterTests {
    static let builtin = (try? RuleLoader.combine(RuleLoader.builtinPacks())) ?? []

    static func mayFire(_ text: String, _ rules: [Rule] = builtin, language: Language = .python, path: String? = nil) -> Bool {
        let filter = Prefilter(rules: rules)
        var text = text
        return text.withUTF8 { filter.mayFire(UnsafeRawBufferPointer($0), language: language,
                                                path: path ?? (language == .python ? "a.py" : "a.ts")) }
    }

    /// Every violating example of every built-in rule passes its own rule's prefilter (the
    /// examples test then requires the finding).
    @Test func everyViolatingExampleMeetsItsRulesRequirement() {
        #expect(Self.builtin.count >= 18)
        for rule in Self.builtin {
            for example in rule.violatingExamples {
                #expect(Self.mayFire(example.code, [rule], language: example.language, path: example.effectivePath),
                        "\(rule.id): \(example.code)")
            }
        }
    }

    @Test func filesThatNameNothingTheRulesLookForAreSkipped() {
        for text in ["x = 1\n", "import os\nprint(os.getcwd())\n", "def area(r):\n    return 3.14 * r * r\n",
                     "class Point:\n    x: int\n    y: int\n"] {
            #expect(!Self.mayFire(text), "\(text)")
        }
        #expect(!Self.mayFire("export const add = (a: number, b: number) => a + b;\n", language: .typescript))
        #expect(Self.mayFire("import jwt\n"))
        #expect(Self.mayFire("import { sign } from 'jsonwebtoken';\n", language: .typescript))
        #expect(Self.mayFire("x = 1  # ssotguard: ignore[jwt-direct-import] -- why\n"), "a directive can be unused")
    }

    @Test func namesAreFoldedAsTheMatchersFoldThem() {
        let rules = Self.builtin.filter { $0.id == "jwt-secret-config" }
        #expect(!Self.mayFire("x = os.environ['HOME']\n", rules))
        for text in ["os.environ['JWT_SECRET']\n", "os.environ['jwt-secret']\n", "config.Jwt.Secret\n",
                     "os.environ['JWT_\\x53ECRET']\n", "os.environ['JWT_\\u0053ECRET']\n", "os.environ['JWT_\\123ECRET']\n",
                     "os.environ['JWT_SE\\\nCRET']\n", "class S(BaseSettings):\n    jwt_ſecret: str\n", "x = '\\N{LATIN SMALL LETTER J}'\n"] {
            #expect(Self.mayFire(text, rules), "\(text)")
        }
        let imports = Self.builtin.filter { $0.id == "jwt-direct-import" }
        #expect(Self.mayFire("const j = require('json\\u{77}ebtoken');\n", imports, language: .typescript))
        #expect(Self.mayFire("const j = require('\\x6asonwebtoken');\n", imports, language: .typescript))
        #expect(!Self.mayFire("const j = require('lodash');\n", imports, language: .typescript))
    }

    /// A needle only some clause's other needles make worth anything is not enough alone.
    @Test func clausesNeedEveryGroup() {
        let decode = Self.builtin.filter { $0.id == "jwt-manual-decode" }
        #expect(!Self.mayFire("parts = path.split('.')\n", decode))
        #expect(!Self.mayFire("data = base64.b64decode(blob)\n", decode))
        #expect(Self.mayFire("p = t.split('.')[1]\ndata = base64.urlsafe_b64decode(p)\n", decode))
        let close = Self.builtin.filter { $0.id == "jwt-ws-close-internal-error" }
        #expect(!Self.mayFire("f.close()\n", close))
        for code in ["ws.close(code=1011)", "ws.close(0x3F3)", "ws.close(0o1763)", "ws.close(1_011)",
                     "ws.close(code=status.WS_1011_INTERNAL_ERROR)"] {
            #expect(Self.mayFire("try:\n    check(token)\nexcept AuthError:\n    await \(code)\n", close), "\(code)")
        }
    }

    /// Whole-word needles (a claim and a clock word for a copy of the SSOT's checks).
    @Test func wordNeedlesAreWholeWords() {
        let automaton = Prefilter.Automaton([Array("exp".utf8), Array("now".utf8)], folding: false)
        func words(_ text: String) -> [Bool] {
            var seen = [false, false]
            var text = text
            _ = text.withUTF8 { automaton.searchWords(UnsafeRawBufferPointer($0), offset: 0, seen: &seen, satisfied: { _ in false }) }
            return seen
        }
        #expect(words("if claims['exp'] < now():") == [true, true])
        #expect(words("export const known = expand(nowhere)") == [false, false])
        #expect(words("exp2 = now_ + snow") == [false, false])
        #expect(words("exp") == [true, false])
    }

    /// The folded search finds exactly what a plain search of the folded text finds.
    @Test func theAutomatonAgreesWithANaiveSearch() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("abcAB_-.xyz019ſK".unicodeScalars)
        for _ in 0..<300 {
            let needles = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                TextRequirement.folded(String(String.UnicodeScalarView((0..<Int.random(in: 1...4, using: &random)).map { _ in
                    alphabet[Int.random(in: 0..<12, using: &random)] })))
            }.filter { !$0.isEmpty }
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...40, using: &random)).map { _ in
                alphabet.randomElement(using: &random)! }))
            let automaton = Prefilter.Automaton(needles, folding: true)
            var seen = [Bool](repeating: false, count: needles.count)
            var copy = text
            _ = copy.withUTF8 { automaton.search(folded: UnsafeRawBufferPointer($0), seen: &seen, satisfied: { _ in false }) }
            var folded: [UInt8] = []
            for scalar in text.unicodeScalars {
                if scalar.value < 0x80 {
                    folded += TextRequirement.folded(String(scalar))
                } else {
                    folded += Prefilter.caseMappedLetters(scalar.value) ?? [0]
                }
            }
            let expected = needles.map { needle in
                folded.count >= needle.count && (0...(folded.count - needle.count)).contains { Array(folded[$0..<($0 + needle.count)]) == needle }
            }
            #expect(seen == expected, "\(needles.map { String(decoding: $0, as: UTF8.self) }) in \(text)")
        }
    }

    /// The table of non-ASCII characters that case mapping turns into ASCII letters is complete,
    /// recomputed from Swift's own `lowercased()` / `uppercased()`.
    @Test func caseMappedLettersAreThoseOfUnicodeCaseMapping() {
        for value in UInt32(0x80)...UInt32(0x2FFFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            var letters: [UInt8]?
            for form in [text.lowercased(), text.uppercased()] {
                var ascii: [UInt8] = []
                for byte in form.utf8 {
                    let lower: UInt8 = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    let isLetter = lower >= 0x61 && lower <= 0x7A
                    let isDigit = lower >= 0x30 && lower <= 0x39
                    if isLetter || isDigit { ascii.append(lower) }
                }
                if !ascii.isEmpty {
                    letters = ascii
                    break
                }
            }
            #expect(Prefilter.caseMappedLetters(value) == letters, "U+\(String(value, radix: 16))")
        }
    }

    @Test func escapesDecodeAsStringLiteralsDo() {
        func decoded(_ text: String) -> String? {
            var text = text
            return text.withUTF8 { bytes -> String? in
                if case .decoded(let out) = Prefilter.EscapeDecoder.decode(UnsafeRawBufferPointer(bytes)) {
                    return String(decoding: out, as: UTF8.self)
                }
                return nil
            }
        }
        #expect(decoded(#"a = "j\x77t""#) == #"a = "jwt""#)
        #expect(decoded(#"a = "j\u0077t\u{74}""#) == #"a = "jwtt""#)
        #expect(decoded(#"a = "\152wt""#) == #"a = "jwt""#)
        #expect(decoded("a = \"jw\\\nt\"") == "a = \"jwt\"")
        #expect(decoded(#"a = "\\x6a""#) == nil, "an escaped backslash, then plain text")
        #expect(decoded(#"a = "line\n""#) == nil, "a control character joins nothing")
        #expect(decoded("no escapes") == nil)
        var named = #"x = "\N{DIGIT ONE}""#
        #expect(named.withUTF8 { Prefilter.EscapeDecoder.decode(UnsafeRawBufferPointer($0)) } == .unknowable)
    }

    /// A generic secret name counts only in a file about JWTs: by import, or by its path.
    @Test func pathClausesAskThePath() {
        let secret = Self.builtin.filter { $0.id == "jwt-hardcoded-secret" }
        let code = "SIGNING_KEY = 'q8Zt2LmX9pWv4RsT'\n"
        #expect(!Self.mayFire(code, secret, path: "app/settings.py"))
        #expect(Self.mayFire(code, secret, path: "app/jwt_settings.py"))
        #expect(Self.mayFire("import jwt\n" + code, secret, path: "app/settings.py"))
    }
}
