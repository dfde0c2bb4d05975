import Facts
import Model
import Testing
@testable import RuleEngine

private let rule = "jwt-duplicate-implementation"

/// Issue 9, cause 1: a re-implementation is found by what the function does, not by its name;
/// a wrapper that delegates and then uses the result is not one.
@Suite struct DuplicateEvidenceTests {
    /// Generic names that sign or verify themselves (0 of 9 were found by name).
    @Test func genericNamesThatCallTheLibrary() {
        let python = """
            import jwt

            def authenticate(request):
                return jwt.decode(request.headers["Authorization"][7:], KEY, algorithms=["HS256"])

            class Loader:
                def load_user_from_request(self, request):
                    claims = jwt.decode(request.token, KEY, algorithms=["HS256"])
                    return User(claims["sub"])
            """
        #expect(RuleProbe.texts(python, .python, rule: rule) == ["authenticate", "load_user_from_request"])
        let typescript = """
            import jwt from 'jsonwebtoken';
            export async function execute(ctx: Ctx) {
              return jwt.sign({ sub: ctx.user.id }, process.env.KEY!);
            }
            export const handle = (req: Req) => jwt.verify(req.token, process.env.KEY!);
            """
        #expect(RuleProbe.messages(typescript, .typescript, rule: rule) == [
            "2: `execute` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jsonwebtoken.sign)",
            "5: `handle` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jsonwebtoken.verify)",
        ])
    }

    /// A copy of the SSOT's claim checks under a generic name: a time claim compared with the
    /// clock and another claim compared too.
    @Test func copiedClaimChecksUnderAGenericName() {
        let code = """
            import time

            def execute(payload):
                if payload["exp"] < time.time():
                    raise ValueError("expired")
                if payload["iss"] != ISSUER:
                    raise ValueError("issuer")
                return payload
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "3: `execute` performs a token operation itself instead of delegating to the JWT single source of truth (checks claims itself: exp, iss)",
        ])
    }

    /// Named like operations, but they delegate and then use the result: not reported.
    @Test func delegatingWrappersThatUseTheResult() {
        let code = """
            import time
            from app.clients import auth_client

            def validate_token(token):
                claims = auth_client.validate_token(token)
                if claims["exp"] < time.time():
                    raise Expired()
                return claims["sub"]

            def extract_user_id(token):
                payload = get_unified_auth().validate_token(token)
                return payload.get("sub") if payload["iss"] == ISSUER else None

            def create_access_token(user):
                claims = {"sub": user.id, "exp": int(time.time()) + 900, "iss": ISSUER}
                return auth_client.create_token(claims)
            """
        #expect(RuleProbe.messages(code, .python, rule: rule).isEmpty)
        let typescript = """
            export async function verifyToken(token: string) {
              const result = await authClient.validateToken(token);
              if (result.exp * 1000 < Date.now()) throw new Error('expired');
              return result.sub;
            }
            """
        #expect(RuleProbe.messages(typescript, .typescript, rule: rule).isEmpty)
    }

    /// A token decoded by the function itself (library or parser) and then checked.
    @Test func claimsOfATokenItDecodedItselfAreChecks() {
        let code = """
            import json, base64, time

            def current_user(token):
                payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
                if payload["exp"] < time.time():
                    return None
                return payload["sub"]
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "3: `current_user` performs a token operation itself instead of delegating to the JWT single source of truth "
                + "(decodes by hand: splits on \".\" and calls base64.urlsafe_b64decode; checks claims itself: exp)",
        ])
    }

    /// A hand-rolled HS256 verifier is reported; a signed cookie (`value.sig`, no parser, no
    /// claim) and a webhook HMAC (no split on ".") are not tokens.
    @Test func signatureChecks() {
        let code = """
            import hmac, hashlib, json, base64

            def parse(token, key):
                header, payload, sig = token.split(".")
                expected = hmac.new(key, f"{header}.{payload}".encode(), hashlib.sha256).digest()
                if not hmac.compare_digest(expected, base64.urlsafe_b64decode(sig + "==")):
                    raise ValueError("bad signature")
                return json.loads(base64.urlsafe_b64decode(payload + "=="))

            def verify_signed_cookie(cookie, key):
                value, sig = cookie.rsplit(".", 1)
                expected = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
                return value if hmac.compare_digest(sig, expected) else None

            def verify_webhook(body, signature, key):
                expected = hmac.new(key, body, hashlib.sha256).hexdigest()
                return hmac.compare_digest(expected, signature)
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "3: `parse` performs a token operation itself instead of delegating to the JWT single source of truth "
                + "(decodes by hand: splits on \".\" and calls base64.urlsafe_b64decode; verifies a signature itself: hmac.new, hmac.compare_digest)",
        ])
        let typescript = """
            import crypto from 'crypto';
            export function check(token: string, key: string) {
              const [h, p, s] = token.split('.');
              const mac = crypto.createHmac('sha256', key).update(`${h}.${p}`).digest('base64url');
              if (!crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(s))) return null;
              return JSON.parse(Buffer.from(p, 'base64url').toString());
            }
            """
        #expect(RuleProbe.texts(typescript, .typescript, rule: rule) == ["check"])
    }

    /// A revocation store of its own, in a function that reads a claim.
    @Test func ownRevocationStore() {
        let code = """
            REVOKED = set()

            def logout(claims):
                REVOKED.add(claims["jti"])
            """
        #expect(RuleProbe.messages(code, .python, rule: rule) == [
            "3: `logout` performs a token operation itself instead of delegating to the JWT single source of truth (keeps its own revocation store: REVOKED)",
        ])
    }

    /// Calls through values: a stored module, a result's method, an injected library service.
    @Test func callsThroughValuesAreLibraryCalls() {
        let python = """
            from authlib.jose import jwt

            class Gate:
                def __init__(self):
                    self.codec = jwt

                def handle(self, token):
                    return self.codec.decode(token, KEY)
            """
        #expect(RuleProbe.messages(python, .python, rule: rule) == [
            "7: `Gate.handle` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: authlib.jose.jwt.decode)",
        ])
        let typescript = """
            import { JwtService } from '@nestjs/jwt';
            export class Controller {
              constructor(private readonly jwt: JwtService) {}
              run(t: string) { return this.jwt.verify(t); }
            }
            """
        #expect(RuleProbe.messages(typescript, .typescript, rule: rule) == [
            "4: `Controller.run` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: @nestjs/jwt.JwtService().verify)",
        ])
    }

    /// A method of a library *object* is the library; a method of a library call's *result*
    /// (a dict of claims) is not.
    @Test func methodsOfConstructedObjectsOnly() {
        #expect(DuplicateImplementationMatch.isOnLibraryObjects("jwt.decode"))
        #expect(DuplicateImplementationMatch.isOnLibraryObjects("@nestjs/jwt.JwtService().verify"))
        #expect(DuplicateImplementationMatch.isOnLibraryObjects("jwt.PyJWKClient().get_signing_key_from_jwt"))
        #expect(!DuplicateImplementationMatch.isOnLibraryObjects("jwt.decode().get"))
        #expect(!DuplicateImplementationMatch.isOnLibraryObjects("jose.jwtVerify().payload.sub"))
        let code = """
            import jwt

            class Session:
                def __init__(self, token):
                    self.claims = jwt.decode(token, KEY, algorithms=["HS256"])

                def user(self):
                    return self.claims.get("sub")
            """
        #expect(RuleProbe.texts(code, .python, rule: rule) == ["__init__"])
    }

    /// Test code forges tokens on purpose: no duplicate findings there (the call is still a
    /// `jwt-direct-call` finding).
    @Test func testCodeIsNotAReimplementation() {
        let code = "import jwt\n\ndef make_token(claims):\n    return jwt.encode(claims, 'k', algorithm='HS256')\n"
        #expect(RuleProbe.hits(code, .python, rule: rule, path: "tests/helpers/tokens.py").isEmpty)
        #expect(RuleProbe.hits(code, .python, rule: "jwt-direct-call", path: "tests/helpers/tokens.py").count == 1)
        #expect(RuleProbe.hits(code, .python, rule: rule, path: "app/tokens.py").count == 1)
        // By test-framework import, outside a test folder.
        let pytest = "import pytest\n" + code
        #expect(RuleProbe.hits(pytest, .python, rule: rule, path: "app/tokens.py").isEmpty)
    }
}
