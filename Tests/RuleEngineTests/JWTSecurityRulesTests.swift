import Model
import Testing
@testable import RuleEngine

/// Issue 10: what the jwt-security rules decide beyond their examples (which the generic examples
/// test runs): messages with their evidence, fall-through handlers, one finding per value, and
/// the loader's checks of the new match fields.
@Suite struct JWTSecurityRulesTests {
    @Test func aHandlerThatSwallowsTheFailureIsJudgedByWhatFollows() {
        let code = """
            async def validate(self, token):
                try:
                    result = await self._http.post("/auth/validate", json={"token": token})
                    return result.json()
                except httpx.TransportError as exc:
                    logger.warning("auth down: %s", exc)
                cached = self._cache.get(token)
                if cached:
                    return {**cached.claims, "from_cache": True}
                return {"valid": False}

            async def strict(self, token):
                try:
                    result = await self._http.post("/auth/validate", json={"token": token})
                    return result.json()
                except httpx.TransportError as exc:
                    logger.warning("auth down: %s", exc)
                return {"valid": False, "error": "auth_service_required"}
            """
        #expect(RuleProbe.messages(code, .python, rule: "jwt-local-fallback") == [
            "9: after the `except httpx.TransportError` handler of `self._http.post` swallows the failure, the code returns a cached result `cached` from `self._cache.get`: a second validator that runs only when the auth service fails",
        ])
    }

    @Test func aLocalValidatorHandedToAWorkerCounts() {
        let code = """
            async def validate(self, token):
                if self.settings.ALLOW_DEGRADED_AUTH:
                    return await asyncio.to_thread(self._validate_locally, token)
                return {"valid": False}
            """
        #expect(RuleProbe.messages(code, .python, rule: "jwt-local-fallback") == [
            "3: the outage branch `if self.settings.ALLOW_DEGRADED_AUTH` validates it locally with `self._validate_locally`: a second validator that runs only when the auth service fails",
        ])
    }

    @Test func promiseCatchWithAnObjectBodyIsAResult() {
        let code = """
            export const check = (token: string) =>
              axios.post('/auth/validate', { token }).catch(() => ({ valid: true }));
            export const strict = (token: string) =>
              axios.post('/auth/validate', { token }).catch(() => ({ valid: false }));
            """
        #expect(RuleProbe.messages(code, .typescript, rule: "jwt-local-fallback").count == 1)
    }

    @Test func oneFindingPerLifetimeValue() {
        // The timedelta is in the payload whose `exp` the jwt.encode finding shows: reported once.
        let code = """
            import jwt
            from datetime import datetime, timedelta

            def mint(uid, key):
                payload = {"sub": uid, "exp": datetime.utcnow() + timedelta(days=30)}
                return jwt.encode(payload, key, algorithm="HS256")
            """
        #expect(RuleProbe.messages(code, .python, rule: "jwt-lifetime-outside-ssot") == [
            "6: `jwt.encode` sets the token lifetime to 30 days (2592000 s) outside the SSOT",
        ])
    }

    @Test func lifetimesFromConstantsAndParameters() {
        let code = """
            import jwt
            from datetime import datetime, timedelta

            ACCESS_TOKEN_EXPIRE_MINUTES = 30

            def mint(uid, key, minutes):
                short = datetime.utcnow() + timedelta(minutes=minutes)
                long = datetime.utcnow() + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
                return jwt.encode({"sub": uid, "exp": long, "nbf": short}, key)
            """
        #expect(RuleProbe.messages(code, .python, rule: "jwt-lifetime-outside-ssot") == [
            "8: `datetime.timedelta` sets a token lifetime of `minutes=ACCESS_TOKEN_EXPIRE_MINUTES` (a constant) outside the SSOT, in `mint`, which mints tokens with `jwt.encode`",
        ])
    }

    @Test func expiresInStringsFollowTheTimeSpanFormat() {
        #expect(Lifetime.parse("60") == 0.06)
        #expect(Lifetime.parse("90s") == 90)
        #expect(Lifetime.parse("2 days") == 172_800)
        #expect(Lifetime.parse("1.5h") == 5_400)
        #expect(Lifetime.parse("soon") == nil)
        #expect(Lifetime.parse("5 fortnights") == nil)
        #expect(Lifetime.render(60) == "60 s")
        #expect(Lifetime.render(900) == "15 min (900 s)")
        #expect(Lifetime.render(7_200) == "2 h (7200 s)")
        #expect(Lifetime.render(86_400) == "1 day (86400 s)")
        #expect(Lifetime.render(0.06) == "0.06 s")
    }

    @Test func closeCodesNameTheBranchOrHandler() {
        let code = """
            async def endpoint(ws):
                try:
                    await self._auth.validate_token(token)
                except AuthServiceError:
                    await ws.close(code=1011)
                except InvalidTokenError:
                    await ws.close(code=1011)
            """
        // The service broke: 1011 is right. The token failed: it is not.
        #expect(RuleProbe.messages(code, .python, rule: "jwt-ws-close-internal-error") == [
            "7: `ws.close` closes with code 1011 (internal error) in the `except InvalidTokenError` handler",
        ])
    }

    @Test func unverifiedDecodeThatDecidesTellsHow() {
        let code = """
            import jwt from 'jsonwebtoken';
            export function isAdmin(token: string) {
              if ((jwt.decode(token) as any).role === 'admin') return true;
              return false;
            }
            export function tokens(list: string[]) {
              return list.map((t) => jwt.decode(t));
            }
            """
        #expect(RuleProbe.messages(code, .typescript, rule: "jwt-unverified-signature") == [
            "3: `jsonwebtoken.decode` only decodes (it never checks the signature), and its result is tested in `if ((jwt.decode(token) as any).role === 'admin')`",
        ])
    }

    @Test func queryObjectsAndPairs() {
        let code = """
            export const a = io(URL, { query: { token } });
            export const b = io(URL, { auth: { token } });
            export const c = new URLSearchParams({ room, jwt: session.jwt });
            export function d(u: URL, ticket: string) { u.searchParams.set('token', ticket); }
            """
        #expect(RuleProbe.messages(code, .typescript, rule: "jwt-in-url") == [
            "1: token in a URL: `token=` gets `token`",
            "3: token in a URL: `jwt=` gets `session.jwt`",
        ])
    }

    @Test func aPresenceTestDecidesNothing() {
        let code = """
            import jwt from 'jsonwebtoken';
            export function load(token: string) {
              const payload = jwt.decode(token);
              if (!payload) throw new Error('unreadable');
              const other = jwt.decode(token) as any;
              if (other.scope === 'admin') grant();
              return 1;
            }
            """
        #expect(RuleProbe.messages(code, .typescript, rule: "jwt-unverified-signature") == [
            "5: `jsonwebtoken.decode` only decodes (it never checks the signature), and its result `other` is tested in `if (other.scope === 'admin')`",
        ])
    }

    @Test func socketIOClientByItsImport() {
        let code = """
            import socketIOClient from 'socket.io-client';
            export const s = socketIOClient(URL, { query: { token } });
            export const t = socketIOClient(URL, { auth: { token } });
            """
        #expect(RuleProbe.messages(code, .typescript, rule: "jwt-in-url") == ["2: token in a URL: `token=` gets `token`"])
    }

    @Test(arguments: [
        ("{ \"checks\": { \"python\": [ { \"call\": \"a\", \"callee\": \"b\", \"evidence\": \"e\" } ] } }", "name the call with \"call\""),
        ("{ \"checks\": { \"python\": [ { \"callee\": \"*.close\", \"argument\": 0, \"lifetime\": \"forever\", \"evidence\": \"e\" } ] } }", "\"lifetime\" is \"length\" or \"expiry\""),
        ("{ \"checks\": { \"python\": [ { \"call\": \"a\", \"failure\": [\"x\"], \"mints\": [\"y\"], \"evidence\": \"e\" } ] } }", "use one of \"decides\", \"failure\", \"mints\""),
        ("{ \"checks\": { \"python\": [ { \"call\": \"a\", \"argument\": 0, \"named\": [], \"evidence\": \"e\" } ] } }", "list non-empty patterns"),
        ("{ \"checks\": { \"python\": [ { \"call\": \"a\", \"unlessFunction\": {}, \"evidence\": \"e\" } ] } }", "list \"names\" and/or \"calls\""),
    ])
    func badInsecureCallChecksAreLoadErrors(_ match: String, _ message: String) {
        let error = CustomRule.error(kind: "insecure-call", match: match)
        #expect(error?.contains(message) == true, "\(error ?? "loaded")")
    }

    @Test func badFallbackAndURLRulesAreLoadErrors() {
        #expect(CustomRule.error(kind: "local-fallback", match: "{ \"serviceCalls\": [] }")?.contains("serviceCalls") == true)
        #expect(CustomRule.error(kind: "url-token", match: "{ \"parameters\": [\"token\"], \"queryArguments\": { \"python\": [ { \"callee\": \"f\" } ] } }")?
                    .contains("say where the parameters are") == true)
    }
}
