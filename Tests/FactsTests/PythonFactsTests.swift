import Model
import Testing
@testable import Facts

@Suite struct PythonFactsTests {
    @Test func importStatementsBindNames() {
        let facts = Extract.facts("import a.b as c, d.e\nimport jwt\n", .python)
        #expect(facts.imports.map(\.module) == ["a.b", "d.e", "jwt"])
        #expect(facts.bindings == ["c": "a.b", "d": "d", "jwt": "jwt"])
    }

    @Test func fromImportsWithAliasesParenthesesAndStar() {
        let code = """
            from jose import jwt as jose_jwt, jws
            from authlib.jose import (
                JsonWebToken,
                jwk as keys,
            )
            from jwt import *

            """
        let facts = Extract.facts(code, .python)
        #expect(Extract.imports(code, .python) == ["jose{jwt,jws}", "authlib.jose{JsonWebToken,jwk}", "jwt{*}"])
        #expect(facts.bindings["jose_jwt"] == "jose.jwt")
        #expect(facts.bindings["keys"] == "authlib.jose.jwk")
        #expect(Extract.importTexts(code, .python)[1].hasSuffix(")"))
    }

    @Test func relativeImportsKeepTheirDots() {
        let facts = Extract.facts("from . import jwt\nfrom ..auth.jwt import decode\nfrom ...x import y\n", .python)
        #expect(facts.imports.map(\.module) == [".", "..auth.jwt", "...x"])
        #expect(facts.imports.allSatisfy { $0.isRelative })
    }

    @Test func importsInsideFunctionsAtAnyIndentation() {
        let code = """
            class TokenSecurityValidator:
                def extract_metadata(self, token):
                    try:
                        if token:
                            import jwt as pyjwt
                            return pyjwt.get_unverified_header(token)
                    except ImportError:
                        pyjwt = None

            """
        #expect(Extract.imports(code, .python) == ["jwt"])
        #expect(Extract.calls(code, .python) == ["jwt.get_unverified_header"])
        #expect(Extract.callTexts(code, .python) == ["pyjwt.get_unverified_header(token)"])
    }

    @Test func notImportsRaiseFromAndYieldFrom() {
        let code = "raise ValueError('x') from err\ndef g():\n    yield from items\n"
        #expect(Extract.imports(code, .python).isEmpty)
    }

    @Test func dynamicImports() {
        let code = """
            jwt_mod = __import__("jwt")
            import importlib
            jose_jwt = importlib.import_module("jose.jwt")
            from importlib import import_module
            other = import_module("jwcrypto.jwt")
            jwt_mod.encode({}, "k")
            jose_jwt.decode(t, k)
            other.JWT(header={})

            """
        #expect(Extract.imports(code, .python) == ["jwt", "importlib", "jose.jwt", "importlib{import_module}", "jwcrypto.jwt"])
        #expect(Extract.calls(code, .python) == ["importlib.import_module", "importlib.import_module",
                                                 "jwt.encode", "jose.jwt.decode", "jwcrypto.jwt.JWT"])
    }

    @Test func callsResolveThroughBindingsAndAliases() {
        let code = """
            import jwt as pyjwt
            from jwt import decode
            verify_fn = pyjwt.decode

            def check(token, key):
                header = pyjwt.get_unverified_header(token)
                claims = decode(token, key, algorithms=["HS256"])
                return verify_fn(token, key)

            """
        #expect(Extract.calls(code, .python) == ["jwt.get_unverified_header", "jwt.decode", "jwt.decode"])
    }

    @Test func unboundAndMemberCallsAreNotResolved() {
        let code = """
            import jwt
            def decode(x):
                return x
            self.jwt.decode(t)
            json.decode(s)
            obj.jwt.encode(p)

            """
        #expect(Extract.calls(code, .python).isEmpty)
    }

    @Test func stringsCommentsAndDocstringsProduceNothing() {
        let code = """
            \"\"\"Example:
                import jwt
                jwt.decode(token)
            \"\"\"
            # import jwt
            s = "from jwt import decode"

            """
        let facts = Extract.facts(code, .python)
        #expect(facts.imports.isEmpty)
        #expect(facts.calls.isEmpty)
    }

    @Test func fStringReplacementFieldsAreCode() {
        let code = "import jwt\nmsg = f\"token={jwt.encode({'a': 1}, key)} text jwt.decode(x)\"\n"
        #expect(Extract.calls(code, .python) == ["jwt.encode"])
    }

    @Test func callsInsideTheArgumentsOfAChainedCallAreRecorded() {
        let facts = Extract.facts("import jwt\nx = json.loads(b64(jwt.decode(t, k).split(\".\"))).get(\"kid\").strip()\n", .python)
        #expect(facts.calls.map(\.callee) == ["json.loads", "json.loads().get", "json.loads().get().strip", "b64",
                                              "jwt.decode", "jwt.decode().split"])
        #expect(Extract.calls("import jwt\nx = f(jwt.decode(t)).g()\n", .python) == ["jwt.decode"])
    }

    @Test func importLookalikesAreDifferentModules() {
        #expect(Extract.imports("import jwt_validator\nimport pyjwt_utils as jwt\n", .python) == ["jwt_validator", "pyjwt_utils"])
    }
}
