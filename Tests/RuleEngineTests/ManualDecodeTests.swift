import Facts
import Model
import Testing
@testable import RuleEngine

private let rule = "jwt-manual-decode"

@Suite struct ManualDecodeTests {
    @Test func pythonDecoders() {
        let code = """
            import base64, json
            from base64 import urlsafe_b64decode as b64

            def peek_claims(token):
                header, payload, sig = token.split(".")
                padded = payload + "=" * (-len(payload) % 4)
                return json.loads(base64.urlsafe_b64decode(padded))

            class Debug:
                def user_of(self, token):
                    body = token.rsplit(".", 2)[1]
                    claims = ast.literal_eval(b64(body + "==").decode())
                    return claims["sub"]

                def kid(self, token):
                    return json.loads(base64.b64decode(token.split(".")[0]))
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "4: `peek_claims` decodes a JWT by hand (splits on \".\"; base64.urlsafe_b64decode; json.loads)",
            "10: `Debug.user_of` decodes a JWT by hand (splits on \".\"; base64.urlsafe_b64decode; reads claim sub)",
            "15: `Debug.kid` decodes a JWT by hand (splits on \".\"; base64.b64decode; json.loads)",
        ])
        #expect(RuleProbe.texts(code, .python, rule: rule) == ["peek_claims", "user_of", "kid"])
    }

    @Test func typeScriptDecoders() {
        let code = """
            export function getUserId(token: string) {
              const payload = JSON.parse(atob(token.split('.')[1]));
              return payload.sub;
            }
            const claims = (t: string) => {
              const [, body] = t.split('.');
              return JSON.parse(Buffer.from(body, 'base64url').toString());
            };
            class Tokens {
              expiry(t: string) {
                const seg = t.split(".")[1];
                return this.base64UrlDecode(seg).exp;
              }
            }
            """
        #expect(RuleProbe.messages(code, .typescript, rule: rule) == [
            "1: `getUserId` decodes a JWT by hand (splits on \".\"; atob; JSON.parse)",
            "5: `claims` decodes a JWT by hand (splits on \".\"; Buffer.from(…, 'base64url'); JSON.parse)",
            "10: `Tokens.expiry` decodes a JWT by hand (splits on \".\"; this.base64UrlDecode; reads claim exp)",
        ])
    }

    @Test func allThreeIngredientsAreNeeded() {
        let code = """
            import base64, json

            def decode_attachment(data):
                return base64.b64decode(data)

            def host_of(url):
                return url.split(".")[0]

            def parse_version(v):
                return json.loads(v.split(".")[0])

            def split_decode(v):
                parts = v.split(".")
                return base64.b64decode(parts[0])

            def other_separator(v):
                return json.loads(base64.b64decode(v.split(":")[1]))
            """
        #expect(RuleProbe.messages(code, .python, rule: rule).isEmpty)
        let keyword = "def f(v):\n    return json.loads(base64.b64decode(v.split(sep=\".\")[1]))\n"
        #expect(RuleProbe.texts(keyword, .python, rule: rule) == ["f"])
        let ts = """
            export function hostOf(url: string) { return url.split('.')[0]; }
            function fromHex(v: string) { return JSON.parse(Buffer.from(v.split('.')[0], 'hex').toString()); }
            """
        #expect(RuleProbe.messages(ts, .typescript, rule: rule).isEmpty)
    }

    @Test func aLocalHelperAroundTheDecoderCounts() {
        let code = """
            def _b64url_decode(segment):
                padded = segment + "=" * (-len(segment) % 4)
                return base64.urlsafe_b64decode(padded.encode("ascii"))

            def decode(token):
                parts = token.split(".")
                return json.loads(_b64url_decode(parts[1]))

            class Peek:
                def _seg(self, s):
                    return base64.b64decode(s)

                def claims(self, t):
                    return json.loads(self._seg(t.split(".")[1]))

            def not_a_helper(t):
                return json.loads(other_module.decode(t.split(".")[1]))

            class Credentials:
                @classmethod
                def from_json(cls, s):
                    return cls(base64.b64decode(json.loads(s)["key"]))

                @classmethod
                def new_from_json(cls, s):
                    data = json.loads(s)
                    module = __import__(data["_module"], fromlist=data["_module"].split(".")[:-1])
                    from_json = getattr(module, "from_json")
                    return from_json(s)

            class Other:
                def load(self, s):
                    return json.loads(self._seg(s.split(".")[1]))
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "5: `decode` decodes a JWT by hand (splits on \".\"; _b64url_decode (base64.urlsafe_b64decode); json.loads)",
            "13: `Peek.claims` decodes a JWT by hand (splits on \".\"; _seg (base64.b64decode); json.loads)",
        ])
    }

    @Test func onlyTheInnermostDecoderIsReported() {
        let code = """
            def outer(token):
                def _decode(segment):
                    parts = segment.split(".")
                    return json.loads(base64.urlsafe_b64decode(parts[1]))
                return _decode(token)

            def split_here(token):
                def _b64(s):
                    return base64.urlsafe_b64decode(s)
                return json.loads(_b64(token.split(".")[1]))
            """
        #expect(RuleProbe.texts(code, .python, rule: rule) == ["_decode", "split_here"])
    }

    @Test func aDuplicateThatDecodesByHandGetsBothFindings() {
        let code = "def validate_token(t):\n    claims = json.loads(base64.b64decode(t.split('.')[1]))\n    return claims['exp'] > time.time()\n"
        #expect(RuleProbe.texts(code, .python, rule: rule) == ["validate_token"])
        #expect(RuleProbe.texts(code, .python, rule: "jwt-duplicate-implementation") == ["validate_token"])
    }

    @Test func allowedPathsAndModuleLevelCode() {
        let code = "def peek(t):\n    return json.loads(base64.b64decode(t.split('.')[1]))\n"
        #expect(RuleProbe.messages(code, .python, rule: rule, path: "auth_service/auth_core/core/jwt_handler.py").isEmpty)
        let moduleLevel = "claims = json.loads(base64.b64decode(TOKEN.split('.')[1]))\n"
        #expect(RuleProbe.messages(moduleLevel, .python, rule: rule).isEmpty)
    }
}

@Suite struct ManualDecodeLoaderTests {
    @Test func decodersAreRequiredAndWellFormed() {
        #expect(CustomRule.error(kind: "manual-decode", match: #"{ "parsers": { "python": ["json.loads"] } }"#)?
            .contains("at \"rules[0].match\": missing required key \"decoders\"") == true)
        #expect(CustomRule.error(kind: "manual-decode",
                                 match: #"{ "decoders": { "typescript": ["atob", "Buffer.from:"] }, "claims": ["sub"] }"#)?
            .contains("at \"rules[0].match.decoders.typescript[1]\": write a decoder as \"call\" or \"call:argument\"") == true)
        #expect(CustomRule.error(kind: "manual-decode", match: #"{ "decoders": { "python": [":x"] }, "claims": ["sub"] }"#)?
            .contains("at \"rules[0].match.decoders.python[0]\"") == true)
    }

    @Test func parsersOrClaimsAreNeeded() {
        #expect(CustomRule.error(kind: "manual-decode", match: #"{ "decoders": { "python": ["b64"] } }"#)?
            .contains("needs \"parsers\" or \"claims\"") == true)
        #expect(CustomRule.error(kind: "manual-decode", match: #"{ "decoders": { "python": ["b64"] }, "parser": {} }"#)?
            .contains("unknown key \"parser\"; did you mean \"parsers\"?") == true)
    }

    @Test func aCustomRuleRuns() throws {
        let rule = try CustomRule.load(kind: "manual-decode",
                                       match: #"{ "decoders": { "python": ["codecs.decode:base64"] }, "claims": ["sub"] }"#)
        let code = "import codecs\ndef f(t):\n    return codecs.decode(t.split('.')[1], 'base64')['sub']\n"
        #expect(Snippet.hits(code, .python, path: "a.py", rule: rule).count == 1)
        let other = "import codecs\ndef f(t):\n    return codecs.decode(t.split('.')[1], 'rot13')['sub']\n"
        #expect(Snippet.hits(other, .python, path: "a.py", rule: rule).isEmpty)
    }
}
