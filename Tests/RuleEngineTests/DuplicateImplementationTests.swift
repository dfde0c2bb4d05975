import Facts
import Model
import Testing
@testable import RuleEngine

private let rule = "jwt-duplicate-implementation"

/// Re-implementations are reported, with the evidence that they do the work themselves.
@Suite struct DuplicateImplementationPythonTests {
    @Test func libraryCallInAModuleFunction() {
        let code = """
            import jwt
            from app.services.key_manager import KeyManager

            def validate_token(token: str):
                key_manager = KeyManager()
                secret = key_manager.get_key("jwt_secret")
                return jwt.decode(token, secret, algorithms=['HS256'])
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "4: `validate_token` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jwt.decode)",
        ])
        #expect(RuleProbe.texts(code, .python, rule: rule) == ["validate_token"])
    }

    @Test func claimComparedInAClassMethod() {
        let code = """
            import time

            class TokenValidator:
                def validate_token(self, payload):
                    if payload["exp"] < time.time():
                        raise TokenExpired()
                    if payload.get("iss") != self.issuer:
                        raise BadIssuer()
                    return payload
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "4: `TokenValidator.validate_token` performs a token operation itself instead of delegating to the JWT single source of truth (checks claims itself: exp, iss)",
        ])
    }

    @Test func everyKindOfEvidenceInOrder() {
        let code = """
            from jose import jwt as jose_jwt

            class AuthClientCore:
                async def verify_jwt(self, token):
                    claims = jose_jwt.decode(token, self.key)
                    expires = claims.get("exp", 0)
                    if claims.aud not in self.audiences or expires < now():
                        return None
                    if claims["jti"] in self._revoked_jtis:
                        return None
                    return claims
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "4: `AuthClientCore.verify_jwt` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jose.jwt.decode; "
                + "checks claims itself: exp, aud, jti; keeps its own revocation store: _revoked_jtis)",
        ])
    }

    @Test func revocationStoresInEveryForm() {
        let code = """
            class Revoker:
                def revoke_token(self, jti):
                    self._blacklist.add(jti)

                def is_token_revoked(self, jti):
                    return jti in REVOKED_TOKENS

                async def blacklist_token(self, jti, ttl):
                    await self.redis.setex(f"jwt:blacklist:{jti}", ttl, "1")

                def is_blacklisted(self, jti):
                    return self.redis.sismember("token_denylist", jti)
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "2: `Revoker.revoke_token` performs a token operation itself instead of delegating to the JWT single source of truth (keeps its own revocation store: _blacklist)",
            "5: `Revoker.is_token_revoked` performs a token operation itself instead of delegating to the JWT single source of truth (keeps its own revocation store: REVOKED_TOKENS)",
            "8: `Revoker.blacklist_token` performs a token operation itself instead of delegating to the JWT single source of truth (keeps its own revocation store: \"jwt:blacklist:\")",
            "11: `Revoker.is_blacklisted` performs a token operation itself instead of delegating to the JWT single source of truth (keeps its own revocation store: \"token_denylist\")",
        ])
    }

    /// The nested function does the work (its own body) and is the finding; the function that
    /// only calls it is not reported a second time.
    @Test func theHelperThatDoesTheWorkIsTheFinding() {
        let code = """
            import jwt

            def create_access_token(user):
                def _sign(claims):
                    return jwt.encode(claims, KEY)
                return _sign({"sub": user.id})
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "4: `create_access_token._sign` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jwt.encode)",
        ])
    }

    /// Helpers (module functions, methods through `self.`) are reported on their own evidence;
    /// their callers are not (on real code every such report was a wrapper around the helper).
    @Test func localHelpersAreReportedNotTheirCallers() {
        let code = """
            import jwt

            def _decode_locally(token):
                return jwt.decode(token, KEY, algorithms=["HS256"])

            class Client:
                async def validate_token(self, token):
                    if self._breaker.open:
                        return await asyncio.to_thread(self._validate_locally, token)
                    return await self._http.post("/validate", json={"token": token})

                def _validate_locally(self, token):
                    claims = jwt.decode(token, KEY)
                    return claims if claims["exp"] > time.time() else None

                def refresh_token(self, token):
                    return self._refresh(token)

                def _refresh(self, token):
                    return self._http.post("/refresh", json={"token": token})

            def verify_token(token):
                return _decode_locally(token)
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "3: `_decode_locally` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jwt.decode)",
            "12: `Client._validate_locally` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jwt.decode; checks claims itself: exp)",
        ])
    }

    /// A token a local helper decoded (one level) is a token the caller decoded itself: checking
    /// its claims is a re-implementation, whatever the caller's name. Claims of the auth
    /// client's result are used, not checked.
    @Test func claimsOfATokenAHelperDecodedAreChecks() {
        let code = """
            import jwt, time

            class Gate:
                def _peek(self, token):
                    return jwt.decode(token, options={"verify_signature": False})

                def handle(self, token):
                    claims = self._peek(token)
                    if claims["exp"] < time.time():
                        raise Expired()
                    return claims["sub"]

                def current(self, token):
                    claims = auth_client.validate_token(token)
                    if claims["exp"] < time.time():
                        raise Expired()
                    return claims["sub"]
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "4: `Gate._peek` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jwt.decode)",
            "7: `Gate.handle` performs a token operation itself instead of delegating to the JWT single source of truth (checks claims itself: exp)",
        ])
    }

    @Test func claimBoundToALocalAndComparedLater() {
        let code = """
            def check_token(payload):
                exp = payload.get("exp")
                if exp is None or exp < time.time():
                    return False
                return True
            """
        #expect(RuleProbe.messages(code, .python, rule: rule).count == 1)
    }

    @Test func decoratedAsyncAndOneLineDefinitions() {
        let code = """
            import jwt
            class S:
                @staticmethod
                @lru_cache(maxsize=1)
                async def decode_token(t): return jwt.decode(t, K, algorithms=["HS256"])
            extract_user_id = lambda t: jwt.decode(t, K)["sub"]
            """
        #expect(RuleProbe.texts(code, .python, rule: rule) == ["decode_token", "extract_user_id"])
    }

    @Test func groupKeyIsTheNormalisedNameAndShapeIsSet() {
        let code = "import jwt\nclass A:\n    def validate_access_token(self, t):\n        return jwt.decode(t, self.key, algorithms=['HS256'])\n"
        let hits = RuleProbe.hits(code, .python, rule: rule)
        #expect(hits.map(\.groupKey) == ["validateaccesstoken"])
        #expect((hits[0].shape?.shingleCount ?? 0) >= 8)
        #expect(hits[0].shape?.minima.count == ShapeSignature.slots)
        #expect(hits[0].subject == "A.validate_access_token")
    }
}

/// Wrappers and look-alikes stay silent.
@Suite struct DuplicateImplementationPythonSilenceTests {
    @Test func delegatingWrappersWithLoggingErrorsAndShaping() {
        let code = """
            from auth_service.auth_core.unified_auth_interface import get_unified_auth
            import jwt

            def validate_token(token: str):
                logger.debug("validating %s", token[:8])
                token = token.removeprefix("Bearer ").strip()
                try:
                    return get_unified_auth().validate_token(token, token_type="access", check_blacklist=True)
                except AuthError as exc:
                    raise jwt.InvalidTokenError("token rejected") from exc
                except jwt.ExpiredSignatureError:
                    raise HTTPException(401)

            class AuthClient:
                async def validate_token(self, token):
                    if self._circuit_breaker.is_open or len(token) > 4096:
                        raise ServiceUnavailable("auth down")
                    if self.blacklist_enabled and token_type != "access":
                        return None
                    result = await self._auth_service.validate_token(token, check_revoked=True)
                    revoked = result.get("revoked")
                    if result is None or revoked:
                        logger.info("token_revoked", user=result["sub"])
                        raise TokenRevokedError()
                    return {"user_id": result["sub"], "blacklisted": False, "exp": result["exp"]}

                def extract_user_id(self, token):
                    payload = self.auth_client.validate_token(token)
                    user_id = payload.get("sub") if payload else None
                    if user_id is None or payload.get("exp") is None:
                        raise HTTPException(401, "missing claims")
                    return user_id
            """
        #expect(RuleProbe.messages(code, .python, rule: rule).isEmpty)
    }

    @Test func evidenceInsideADelegateCallDoesNotCount() {
        let code = """
            def validate_token(token, claims):
                return get_unified_auth().validate_token(token, strict=claims["exp"] < time.time(), store=BLACKLIST[0])
            """
        #expect(RuleProbe.messages(code, .python, rule: rule).isEmpty)
    }

    @Test func csrfAndFormTokensWithoutEvidence() {
        let code = """
            def validate_form_token(form):
                return form.get("csrf") == session.get("csrf")

            def validate_csrf_token(token):
                if time.time() > session["csrf_expires"]:
                    return False
                return hmac.compare_digest(token, session["csrf_token"])

            def generate_reset_token(user):
                return secrets.token_urlsafe(32)
            """
        #expect(RuleProbe.messages(code, .python, rule: rule).isEmpty)
    }

    @Test func stubsProtocolsAndAbstractMethods() {
        let code = """
            class TokenValidator(Protocol):
                def validate_token(self, token: str) -> dict: ...

            class Base(ABC):
                @abstractmethod
                def verify_token(self, token):
                    \"\"\"Checks exp < now and the blacklist.\"\"\"
                    raise NotImplementedError("verify_token: exp checked by subclasses")

                def decode_token(self, token):
                    pass
            """
        #expect(RuleProbe.messages(code, .python, rule: rule).isEmpty)
    }

    /// The name does not decide: `decode` calling the library is reported; `handle` comparing a
    /// claim of a parameter with a number (no clock, no second claim) is not; the SSOT is exempt.
    @Test func evidenceNotNamesAndTheSSOTItself() {
        let code = "import jwt\n\ndef decode(token):\n    return jwt.decode(token, KEY)\n\ndef handle(p):\n    return p['exp'] < 1\n"
        #expect(RuleProbe.texts(code, .python, rule: rule) == ["decode"])
        let ssot = "import jwt\n\ndef validate_token(token):\n    return jwt.decode(token, KEY)\n"
        #expect(RuleProbe.messages(ssot, .python, rule: rule, path: "auth_service/auth_core/core/jwt_handler.py").isEmpty)
        #expect(RuleProbe.messages(ssot, .python, rule: rule, path: "auth_service/auth_core/core/jwt_handler_v1.py").count == 1)
    }

    @Test func claimReadsWithoutComparisonAndComparisonsWithoutClaims() {
        let code = """
            def refresh_token(self, payload):
                user_id = payload["sub"]
                expires = payload.exp
                if self.attempts > 3:
                    raise TooMany()
                return self.auth_client.refresh(user_id, expires)
            """
        #expect(RuleProbe.messages(code, .python, rule: rule).isEmpty)
    }

    @Test func pythonTestFunctionsTestOperationsTheyDoNotImplementThem() {
        let code = """
            import jwt

            def test_refresh_token_is_not_an_access_token(handler):
                claims = jwt.decode(handler.create_refresh_token("u1"), options={"verify_signature": False})
                assert claims["sub"] == "u1"

            class TestTokens(unittest.TestCase):
                def testValidateToken(self):
                    self.assertTrue(jwt.decode(make(), KEY)["exp"] > 0)

            def create_test_token(claims):
                return jwt.encode(claims, "k")

            def testing_validate_token(t):
                return jwt.decode(t, KEY)
            """
        #expect(RuleProbe.texts(code, .python, rule: rule) == ["create_test_token", "testing_validate_token"])
    }

    @Test func textInCommentsAndStringsIsNotCode() {
        let code = """
            def validate_token(token):
                # return jwt.decode(token, KEY) if payload["exp"] < now
                doc = "jwt.decode(token) and payload['exp'] < now"
                return get_unified_auth().validate_token(token)
            """
        #expect(RuleProbe.messages(code, .python, rule: rule).isEmpty)
    }
}
