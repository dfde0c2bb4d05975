import Facts
import Lexing
import Model
import Testing
@testable import RuleEngine

/// `jwt-hardcoded-secret`: literals that end up as JWT keys, in every form the spec lists.
@Suite struct HardcodedSecretTests {
    static let rule = RuleExamplesTests.rules.first { $0.id == "jwt-hardcoded-secret" }!

    /// `line:context` per finding (the message after the masked secret).
    static func found(_ code: String, _ language: Language, path: String? = nil) -> [String] {
        let path = path ?? (language == .python ? "app/settings.py" : "src/config.ts")
        let lines = LineIndex(Array(code.utf8))
        return Snippet.hits(code, language, path: path, rule: rule).map { hit in
            let message = hit.message.replacing("hard-coded JWT secret ", with: "")
            let context = message[message.index(after: message.firstIndex(of: ")")!)...].dropFirst()
            return "\(lines.lineIndex(of: hit.range.start) + 1):\(context)"
        }
    }

    // MARK: - (a) sinks

    @Test func pythonSinkArgumentsPositionalKeywordAndWrapped() {
        let code = """
            import jwt
            from jose import jwt as jose_jwt
            a = jwt.encode(claims, "positional-key-1")
            b = jwt.decode(token, key="keyword-key-2", algorithms=["HS256"])
            c = jwt.encode(claims, b"bytes-key-3")
            d = jwt.encode(claims, "encoded-key-4".encode("utf-8"))
            e = jose_jwt.decode(token, bytes("bytes-call-key-5", "utf-8"))
            f = jwt.encode(claims, settings.JWT_SECRET)
            g = jwt.decode(token, key, algorithms=["HS256"])
            h = jwt.PyJWT().encode(claims, "instance-method-key-6")

            """
        #expect(Self.found(code, .python) == [
            "3:used as the key of jwt.encode", "4:used as the key of jwt.decode", "5:used as the key of jwt.encode",
            "6:used as the key of jwt.encode", "7:used as the key of jose.jwt.decode", "10:used as the key of jwt.PyJWT.encode",
        ])
    }

    /// Issue 9: sinks reached through values: a typed parameter, an injected service's options,
    /// a builder bound to a name; a short word is a secret there, whatever it looks like.
    @Test func sinksThroughBoundInstances() {
        let python = """
            from jwt.api_jwt import PyJWT

            def test_round_trip(jwt: PyJWT):
                secret = "secret"
                return jwt.encode({"a": 1}, secret, algorithm="HS256")
            """
        #expect(Self.found(python, .python, path: "app/x.py") == ["5:used as the key of jwt.api_jwt.PyJWT.encode"])
        let typescript = """
            import { JwtService } from '@nestjs/jwt';
            import { SignJWT } from 'jose';
            export function mint(svc: JwtService, claims: object) {
              return svc.sign(claims, { secret: 'x' });
            }
            export async function build(c: object) {
              const b = new SignJWT(c);
              return b.sign(new TextEncoder().encode('k'));
            }
            """
        #expect(Self.found(typescript, .typescript) == [
            "4:used as the key of @nestjs/jwt.JwtService.sign", "8:used as the key of jose.SignJWT().sign",
        ])
    }

    @Test func constantsReachSinksAndAreReportedOnlyThere() throws {
        let code = """
            import jwt

            JWT_SECRET_KEY = "module-constant-key"

            class Signer:
                SIGNING_KEY = "class-field-key"

                def __init__(self):
                    self.secret = "init-attribute-key"

                def a(self, p):
                    return jwt.encode(p, JWT_SECRET_KEY)

                def b(self, p):
                    return jwt.encode(p, self.SIGNING_KEY)

                def c(self, p):
                    return jwt.encode(p, self.secret)

                @classmethod
                def d(cls, p):
                    return jwt.encode(p, Signer.SIGNING_KEY)

            """
        let hits = Snippet.hits(code, .python, path: "app/signer.py", rule: Self.rule)
        #expect(Self.found(code, .python) == [
            "12:used as the key of jwt.encode", "15:used as the key of jwt.encode", "18:used as the key of jwt.encode",
            "22:used as the key of jwt.encode",
        ])
        let bytes = Array(code.utf8)
        func text(_ range: ByteRange) -> String { String(decoding: bytes[range.start..<range.end], as: UTF8.self) }
        #expect(hits.map { text($0.secretRanges[0]) } == ["module-constant-key", "class-field-key", "init-attribute-key", "class-field-key"])
        #expect(hits.map { $0.related.map(\.message) } == Array(repeating: ["secret defined here"], count: 4))
        #expect(text(try #require(hits.first?.related.first).range) == "\"module-constant-key\"")
    }

    @Test func typeScriptSinksWithPropertiesChainsAndWrappers() {
        let code = """
            import jwt from 'jsonwebtoken';
            import { SignJWT } from 'jose';
            import jws from 'jws';
            import { expressjwt } from 'express-jwt';
            import { Strategy } from 'passport-jwt';
            import { JwtModule } from '@nestjs/jwt';
            const KEY = 'module-const-ts-key';
            jwt.sign(claims, KEY);
            jwt.verify(token, Buffer.from('buffer-wrapped-key'));
            await new SignJWT(c).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('chained-sign-key'));
            jws.sign({ header, payload, secret: 'jws-property-key' });
            jws.verify(sig, 'HS256', 'jws-third-arg-key');
            app.use(expressjwt({ secret: 'express-secret-key', algorithms: ['HS256'] }));
            passport.use(new Strategy({ secretOrKey: 'passport-key-value', jwtFromRequest }, verify));
            JwtModule.register({ secret: 'nest-module-key', signOptions: { expiresIn: '1h' } });
            jwt.sign(claims, process.env.JWT_SECRET!);

            """
        #expect(Self.found(code, .typescript) == [
            "8:used as the key of jsonwebtoken.sign", "9:used as the key of jsonwebtoken.verify",
            "10:used as the key of jose.SignJWT().sign", "11:used as the key of jws.sign", "12:used as the key of jws.verify",
            "13:used as the key of express-jwt.expressjwt", "14:used as the key of passport-jwt.Strategy",
            "15:used as the key of @nestjs/jwt.JwtModule.register",
        ])
    }

    // MARK: - (b) secret-named targets

    @Test func secretNamedTargetsOfEveryKind() {
        let code = """
            JWT_SECRET_KEY = "variable-value-1"
            self.jwt_secret = "attribute-value-2"
            app.config["JWT_SECRET_KEY"] = "subscript-value-3"
            SIMPLE_JWT = {"SIGNING_KEY": "dict-value-4"}
            app.config.update(SECRET_KEY="keyword-value-5")

            def make(token_secret="param-default-6"):
                pass

            class Settings(BaseSettings):
                auth_secret: str = Field(default="field-default-7")
                hmac_secret: SecretStr = SecretStr("wrapped-value-8")

            """
        // JWT secrets' names count anywhere; generic secret names only in a file about JWTs.
        #expect(Self.found(code, .python) == [
            "1:assigned to JWT_SECRET_KEY", "2:assigned to jwt_secret", "3:assigned to JWT_SECRET_KEY",
        ])
        #expect(Self.found(code, .python, path: "app/jwt_settings.py") == [
            "1:assigned to JWT_SECRET_KEY", "2:assigned to jwt_secret", "3:assigned to JWT_SECRET_KEY",
            "4:assigned to SIGNING_KEY", "5:assigned to SECRET_KEY", "7:assigned to token_secret",
            "11:as the default of setting auth_secret", "12:as the default of setting hmac_secret",
        ])
        #expect(Self.found("import jwt\n" + code, .python).count == 8)
        let ts = """
            const jwtSecret = 'ts-variable-value';
            export const config = { jwtSecret: 'ts-property-value', secret: 'plain-secret-name' };
            class A { private readonly signingKey: string = 'ts-class-field'; }
            function f(secretOrKey = 'ts-param-default') {}

            """
        // A bare `secret` is no JWT secret's name, even in a file about JWTs.
        #expect(Self.found(ts, .typescript) == ["1:assigned to jwtSecret", "2:assigned to jwtSecret", "4:assigned to secretOrKey"])
        #expect(Self.found(ts, .typescript, path: "src/jwt/config.ts") == [
            "1:assigned to jwtSecret", "2:assigned to jwtSecret", "3:as the default of setting signingKey",
            "4:assigned to secretOrKey",
        ])
    }

    @Test func namesThatReferToASecretAreNotSecretNames() {
        let code = """
            JWT_SECRET_PATH = "/run/secrets/jwt-signing"
            JWT_SECRET_NAME = "prod/auth/jwt-signing"
            SECRET_KEY_ID = "kid-2024-01-rotation"
            jwtSecretHeader = "X-Internal-Signature"
            JWT_KEY_ALGORITHM = "RS256-with-sha"
            JWT_ALGORITHM = "HS256"
            message = "JWT secret is missing from the environment"
            AUTH_SERVICE_URL = "http://auth-service:8001"

            """
        #expect(Self.found(code, .python).isEmpty)
    }

    // MARK: - (c) environment defaults

    @Test func environmentDefaultsOfSecretNamedSettings() {
        let code = """
            import os
            from decouple import config
            A = os.getenv("JWT_SECRET", "getenv-default-1")
            B = os.environ.get("JWT_SECRET_KEY", "environ-default-2")
            os.environ.setdefault("SIGNING_KEY", "setdefault-default-3")
            C = getattr(settings, "jwt_secret", "getattr-default-4")
            D = config("SECRET_KEY", default="decouple-default-5")
            E = os.environ.get("AUTH_SECRET") or "or-default-6"
            F = os.getenv("AUTH_SERVICE_URL", "http://auth:8001")
            G = os.getenv("LOG_LEVEL", "info-level-default")
            H = data.get("jwt_secret", "dict-get-default")

            """
        #expect(Self.found(code, .python) == [
            "3:as the default of JWT_SECRET", "4:as the default of JWT_SECRET_KEY", "6:as the default of jwt_secret",
        ])
        #expect(Self.found(code, .python, path: "app/jwt_settings.py") == [
            "3:as the default of JWT_SECRET", "4:as the default of JWT_SECRET_KEY", "5:as the default of SIGNING_KEY",
            "6:as the default of jwt_secret", "7:as the default of SECRET_KEY", "8:as the default of AUTH_SECRET",
        ])
        let ts = """
            const a = process.env.JWT_SECRET || 'ts-or-default';
            const b = process.env.JWT_SECRET ?? 'ts-nullish-default';
            const c = process.env['JWT_SECRET_KEY'] || 'ts-bracket-default';
            const d = process.env.API_URL || 'http://localhost:3000';

            """
        #expect(Self.found(ts, .typescript) == [
            "1:as the default of JWT_SECRET", "2:as the default of JWT_SECRET", "3:as the default of JWT_SECRET_KEY",
        ])
    }

    @Test func aLiteralInBothRolesIsReportedOnce() {
        #expect(Self.found("const jwtSecret = process.env.JWT_SECRET || 'one-finding-only';\n", .typescript)
                == ["1:as the default of JWT_SECRET"])
        // Reaching a sink wins over the default and the name.
        let code = """
            import jwt from 'jsonwebtoken';
            const jwtSecret = process.env.JWT_SECRET || 'sink-wins-value';
            export const sign = (c: object) => jwt.sign(c, jwtSecret);

            """
        #expect(Self.found(code, .typescript) == ["3:used as the key of jsonwebtoken.sign"])
    }

    // MARK: - (d) literal JWTs

    @Test func literalJWTsNeedJSONHeaderAndPayload() {
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl"
        let unsecured = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."
        let notJSON = "eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln"
        let code = """
            fixture = "\(token)"
            headers = {"Authorization": "Bearer \(token)"}
            unsecured = "\(unsecured)"
            broken = "\(notJSON)"
            tokens = ["\(token)"]
            assert response.token != "\(token)"

            """
        // The unsigned token (line 3) proves nothing and holds no key.
        #expect(Self.found(code, .python) == ["1:(a literal JWT)", "2:(a literal JWT)"])
    }

    // MARK: - Test code and masking

    @Test func testCodeGetsTheTestSeverity() {
        let code = "JWT_SECRET = \"pytest-only-secret-1\"\n"
        for path in ["tests/test_auth.py", "app/tests/helpers.py", "conftest.py", "pkg/auth_test.py", "backend/testing/factories.py",
                     "web/e2e/login.py", "pkg/__mocks__/auth.py", "app/fixtures/users.py"] {
            #expect(Snippet.hits(code, .python, path: path, rule: Self.rule).map(\.severity) == [.warning], "\(path)")
        }
        #expect(Snippet.hits(code, .python, path: "app/auth.py", rule: Self.rule).map(\.severity) == [.error])
        for path in ["src/auth.spec.ts", "packages/test-utils/auth.ts", "src/Login.stories.ts", "src/__mocks__/auth.ts"] {
            #expect(Snippet.hits("const jwtSecret = 'jest-secret';\n", .typescript, path: path, rule: Self.rule)
                    .map(\.severity) == [.warning], "\(path)")
        }
        // A file that imports a test framework is test code wherever it lives.
        #expect(Snippet.hits("import pytest\n" + code, .python, path: "app/helpers.py", rule: Self.rule).map(\.severity) == [.warning])
        #expect(Snippet.hits("import { test } from '@playwright/test';\nconst jwtSecret = 'pw-secret';\n", .typescript,
                             path: "src/login.ts", rule: Self.rule).map(\.severity) == [.warning])
        #expect(Snippet.hits("import unittestish\n" + code, .python, path: "app/helpers.py", rule: Self.rule).map(\.severity) == [.error])
    }

    @Test func theMessageAndRangesMaskTheSecret() throws {
        let code = "JWT_SECRET_KEY = \"dev-signing-key-2f9a61c3\"\n"
        let hit = try #require(Snippet.hits(code, .python, path: "app/config.py", rule: Self.rule).first)
        #expect(hit.message == "hard-coded JWT secret de…(24 chars) assigned to JWT_SECRET_KEY")
        #expect(!hit.message.contains("dev-signing-key-2f9a61c3"))
        let bytes = Array(code.utf8)
        #expect(String(decoding: bytes[hit.range.start..<hit.range.end], as: UTF8.self) == "\"dev-signing-key-2f9a61c3\"")
        #expect(hit.secretRanges.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) } == ["dev-signing-key-2f9a61c3"])
    }
}
