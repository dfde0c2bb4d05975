import Model
import Testing
@testable import Facts

/// Python function definitions: what is a function, its name, scope and body.
@Suite struct FunctionFactsPythonDefinitionTests {
    @Test func defsAtAnyNestingWithClassScopes() {
        let code = """
            import jwt

            def validate_token(token):
                return jwt.decode(token, KEY)

            class TokenService:
                \"\"\"Docstring with def fake(): in it.\"\"\"

                async def verify_token(self, token: str) -> dict:
                    def _check(claims):
                        return claims
                    return _check(token)

                class Inner:
                    def refresh_token(self):
                        pass

            def after():
                x = 1
            """
        #expect(Functions.kinds(code, .python) == [
            "validate_token function", "TokenService.verify_token method", "TokenService.verify_token._check function",
            "TokenService.Inner.refresh_token method", "after function",
        ])
    }

    @Test func bodiesRunToTheEndOfTheBlock() {
        let code = """
            class A:
                def m(self, t):
                    if t:
                        return 1
                    return 2

                def n(self): return 3
            x = 4
            """
        #expect(Functions.bodies(code, .python) == [
            "m: if t:\n            return 1\n        return 2",
            "n: return 3",
        ])
    }

    @Test func nestedFunctionsKnowTheirParent() {
        let code = "def outer():\n    def inner():\n        return 1\n    return inner\n\ndef other():\n    pass\n"
        let functions = Functions.facts(code, .python)
        #expect(functions.map(\.name) == ["outer", "inner", "other"])
        #expect(functions.map(\.parent) == [nil, 0, nil])
    }

    @Test func oneLineDefsStubsAndProtocols() {
        let code = """
            class Validator(Protocol):
                def validate_token(self, token: str) -> dict: ...
                def verify_token(self, t):
                    raise NotImplementedError
                @abstractmethod
                def decode_token(self, t): pass
            """
        #expect(Functions.bodies(code, .python) == [
            "validate_token: ...", "verify_token: raise NotImplementedError", "decode_token: pass",
        ])
    }

    @Test func decoratorsGenericsAndMultilineSignatures() {
        let code = """
            @app.get("/token")
            @requires(
                "auth",
            )
            def create_token[T: Claims](
                user: User,
                scopes: list[str] = ["a:b"],
                *,
                ttl: int = 60,
            ) -> dict[str, T]:
                return {}
            """
        #expect(Functions.kinds(code, .python) == ["create_token function"])
        #expect(Functions.bodies(code, .python) == ["create_token: return {}"])
    }

    @Test func lambdasAssignedToANameAreFunctions() {
        let code = "verify_token = lambda t, k=lambda: 1: jwt.decode(t, KEY)\nitems.sort(key=lambda x: x.exp)\n"
        #expect(Functions.kinds(code, .python) == ["verify_token assigned"])
        #expect(Functions.bodies(code, .python) == ["verify_token: jwt.decode(t, KEY)"])
    }

    @Test func nameRangeIsTheNameToken() {
        let code = "class A:\n    async def verify_token(self):\n        pass\n"
        let function = Functions.facts(code, .python)[0]
        #expect(Functions.text(code, function.nameRange) == "verify_token")
    }

    @Test func headerWithoutBodyAndTextInStringsAreNotFunctions() {
        let code = "s = 'def f(): pass'\n# def g(): pass\nt = f\"def {x}(): pass\"\ndef broken(\n"
        #expect(Functions.names(code, .python).isEmpty)
    }

    @Test func fileWithoutFunctionsHasNone() {
        #expect(Functions.facts("import os\nX = 1\nprint(X)\n", .python).isEmpty)
    }
}

/// Python body facts: reads, comparisons, bound locals, containers, key strings.
@Suite struct FunctionFactsPythonBodyTests {
    @Test func readFormsAndComparisons() {
        let code = """
            def f(claims, cfg):
                if claims["exp"] < time.time():
                    raise Expired()
                iss = claims.get("iss", "")
                aud = claims.aud
                return cfg.timeout
            """
        #expect(Functions.reads(code, .python, of: "f") == ["[]exp*", "getiss=iss", ".aud=aud", ".timeout"])
    }

    @Test func everyComparisonOperatorCounts() {
        for comparison in ["p['exp'] > n", "p['exp'] <= n", "p['exp'] >= n", "p['exp'] == n", "p['exp'] != n",
                           "p['exp'] in n", "p['exp'] not in n", "p['exp'] is n", "p['exp'] is not n", "n < p['exp']"] {
            let code = "def f(p, n):\n    return \(comparison)\n"
            #expect(Functions.compared(code, .python, of: "f") == ["exp"], "\(comparison)")
        }
    }

    @Test func presenceTestsAreNotComparisons() {
        for test in ["p['exp'] is None", "p['exp'] is not None", "p['exp'] == None", "None != p['exp']"] {
            let code = "def f(p):\n    return \(test)\n"
            #expect(Functions.compared(code, .python, of: "f").isEmpty, "\(test)")
        }
        let mixed = "def f(p):\n    return p['exp'] is not None and p['exp'] < now\n"
        #expect(Functions.compared(mixed, .python, of: "f") == ["exp", "exp"])
    }

    @Test func loopInIsNotAComparison() {
        let code = """
            def f(p):
                for aud in p["aud"]:
                    print(aud)
                names = [x for x in p["scopes"] if x]
                ok = [x for x in p["roles"] if x in ALLOWED]
            """
        #expect(Functions.compared(code, .python, of: "f") == ["roles"])
    }

    @Test func boundLocalComparedLaterMarksTheRead() {
        let code = """
            def f(payload):
                exp = payload.get("exp")
                sub = payload["sub"]
                if sub is None:
                    return None
                if exp and exp < time.time():
                    return None
                return sub
            """
        #expect(Functions.compared(code, .python, of: "f") == ["exp"])
    }

    @Test func annotatedAssignmentBindsToo() {
        let code = "def f(p):\n    expires: int = p['exp']\n    return expires > now()\n"
        #expect(Functions.compared(code, .python, of: "f") == ["exp"])
    }

    @Test func calledMembersAreNotReads() {
        let code = "def f(p):\n    return p.exp() < 3 and p.claims.sub\n"
        #expect(Functions.reads(code, .python, of: "f") == [".claims*", ".sub*"])
    }

    @Test func statementsAreLogicalLines() {
        let code = "def f(p):\n    x = (p['exp'] +\n         1)\n    return x > (\n        2)\n"
        // The read is bound to `x`, which the next statement compares.
        #expect(Functions.reads(code, .python, of: "f") == ["[]exp*=x"])
        let unrelated = "def f(p):\n    y = p['exp']\n    return x > 2\n"
        #expect(Functions.reads(unrelated, .python, of: "f") == ["[]exp=y"])
    }

    @Test func containers() {
        let code = """
            def f(self, jti):
                self._blacklist.add(jti)
                if jti in self.revoked_tokens or jti in REVOKED:
                    return True
                BLACKLIST[jti] = time.time()
                return cache.get(jti) or self.check(jti)
            """
        // Receivers of method calls are containers whatever they are (`time` too): rules match names.
        #expect(Functions.containers(code, .python, of: "f") == ["_blacklist", "revoked_tokens", "REVOKED", "BLACKLIST", "time", "cache"])
    }

    @Test func calledNamesAfterInAreNotContainers() {
        let code = "def f(j):\n    return j in get_revoked() or j in self.store.all()\n"
        #expect(Functions.containers(code, .python, of: "f") == ["store"])
    }

    @Test func keyStringsSkipMessagesKeysAndDocstrings() {
        let code = """
            def f(self, jti):
                \"\"\"Blacklist.\"\"\"
                'revoked'
                self.redis.sadd("revoked_tokens", jti)
                self.redis.set(f"blacklist:{jti}", 1)
                logger.info("token_revoked", jti=jti)
                log.warning(f"revoked:{jti}")
                payload = {"revoked": True}
                flag = result["blacklisted"] or result.get("denylisted")
                raise TokenError("revoked")
            """
        #expect(Functions.keyStrings(code, .python, of: "f") == ["revoked_tokens", "blacklist:"])
    }

    @Test func stringsWithSpacesAreNotKeys() {
        let code = "def f(t):\n    return store.get(\"a b\") or store.get(f\"x y{t}\")\n"
        #expect(Functions.keyStrings(code, .python, of: "f").isEmpty)
    }

    @Test func nestedFunctionFactsBelongToBothButStatementsStaySeparate() {
        let code = """
            def outer(p):
                def inner(q):
                    return q["exp"] < now
                v = p["iat"]
                return inner(p)
            """
        #expect(Functions.reads(code, .python, of: "outer") == ["[]exp*", "[]iat=v"])
        #expect(Functions.reads(code, .python, of: "inner") == ["[]exp*"])
    }

    @Test func skeletonIgnoresNamesButKeepsKeywordsAndMembers() {
        let a = "def a(token, key):\n    if token:\n        return jwt.decode(token, key)\n"
        let b = "def b(t, k):\n    if t:\n        return pyjwt.decode(t, k)\n"
        let c = "def c(t, k):\n    if t:\n        return pyjwt.encode(t, k)\n"
        let skeleton = { (code: String, name: String) in Functions.body(code, .python, of: name).skeleton }
        #expect(skeleton(a, "a") == skeleton(b, "b"))
        #expect(skeleton(b, "b") != skeleton(c, "c"))
        // if t : NEWLINE INDENT return x . decode ( t , k )
        #expect(skeleton(a, "a").count == 14)
    }
}
