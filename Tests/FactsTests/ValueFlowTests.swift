import Model
import Testing
@testable import Facts

/// Issue 9, cause 2: calls through values bound to the library (a function, a module, a call's
/// result, a constructed object) resolve like calls through the import bindings. Intraprocedural:
/// a name bound in one function means nothing in another.
@Suite struct ValueFlowTests {
    @Test func pythonFunctionAliasesAndResults() {
        let code = """
            import jwt
            from authlib.jose import jwt as authlib_jwt

            def authenticate(token, key):
                v = jwt.decode
                claims = authlib_jwt.decode(token, key)
                claims.validate()
                return v(token, key, algorithms=["HS256"])

            def unrelated(claims, v):
                claims.validate()
                return v(1)
            """
        #expect(Extract.calls(code, .python) == [
            "authlib.jose.jwt.decode", "authlib.jose.jwt.decode().validate", "jwt.decode",
        ])
    }

    @Test func pythonAttributesOfTheObjectHoldForTheWholeClass() {
        let code = """
            import jwt

            class Service:
                def __init__(self):
                    self.codec = jwt
                    self.client = jwt.PyJWKClient(URL)

                def handle(self, token):
                    key = self.client.get_signing_key_from_jwt(token)
                    return self.codec.decode(token, key.key, algorithms=["RS256"])
            """
        #expect(Extract.calls(code, .python) == [
            "jwt.PyJWKClient", "jwt.PyJWKClient().get_signing_key_from_jwt", "jwt.decode",
        ])
    }

    @Test func pythonModuleLevelValues() {
        let code = """
            import jwt
            _decode = jwt.decode
            codec = jwt.PyJWT()

            def read(token):
                return _decode(token, KEY, algorithms=["HS256"])

            def write(claims):
                return codec.encode(claims, KEY)
            """
        #expect(Extract.calls(code, .python) == ["jwt.PyJWT", "jwt.decode", "jwt.PyJWT().encode"])
    }

    @Test func aLocalRebindingShadowsTheLibrary() {
        let code = """
            import jwt

            def handle(token):
                jwt = LocalCodec()
                return jwt.decode(token)
            """
        #expect(Extract.calls(code, .python) == [])
    }

    @Test func typeScriptAliasesDestructuringAndFields() {
        let code = """
            import jwt from 'jsonwebtoken';
            import { JwtService } from '@nestjs/jwt';

            const v = jwt.verify;
            export function handle(t: string) {
              return v(t, KEY);
            }
            export function later(t: string) {
              const { decode } = jwt;
              return decode(t);
            }
            class Guard {
              private lib = jwt;
              constructor(private readonly jwtService: JwtService) {}
              check(t: string) { return this.lib.verify(t, KEY); }
              run(t: string) { return this.jwtService.verify(t); }
            }
            """
        #expect(Extract.calls(code, .typescript) == [
            "jsonwebtoken.verify", "jsonwebtoken.decode", "jsonwebtoken.verify", "@nestjs/jwt.JwtService().verify",
        ])
    }

    @Test func typeScriptBuilderChainsAndConstructedObjects() {
        let code = """
            import * as jose from 'jose';

            export async function execute(c: object) {
              const builder = new jose.SignJWT(c);
              await builder.setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(KEY);
              return new jose.SignJWT(c).setIssuedAt().sign(KEY);
            }
            """
        let facts = Extract.facts(code, .typescript)
        let names = facts.calls.compactMap(\.qualifiedName)
        #expect(names.contains("jose.SignJWT"))
        #expect(names.contains("jose.SignJWT().setProtectedHeader"))
        // The resolved (unchained) calls: both constructions and the call on the bound builder.
        #expect(Extract.calls(code, .typescript) == ["new jose.SignJWT", "jose.SignJWT().setProtectedHeader", "new jose.SignJWT"])
    }

    @Test func bindingsAreRecordedForOrigins() {
        let code = """
            def current_user(request):
                claims = auth_client.validate_token(request.token)
                payload = jwt.decode(request.token, KEY)
                return claims["sub"]
            """
        let facts = Extract.facts(code, .python)
        let bindings = facts.valueBindings.map { "\($0.name)=\($0.value)" }
        #expect(bindings.contains("claims=auth_client.validate_token()"))
        #expect(bindings.contains { $0.hasPrefix("payload=") })
    }

    /// Parameters: annotated with an imported class, they hold an instance of it; otherwise they
    /// hide outer bindings of their name.
    @Test func parametersAreBoundByTheirType() {
        let python = """
            import jwt
            from jwt.api_jwt import PyJWT

            def test_round_trip(self, jwt: PyJWT):
                return jwt.encode({}, KEY)

            def shadowed(jwt, payload):
                return jwt.encode(payload, KEY)

            def module_level(payload):
                return jwt.encode(payload, KEY)
            """
        #expect(Extract.calls(python, .python) == ["jwt.api_jwt.PyJWT().encode", "jwt.encode"])
        let typescript = """
            import { JwtService } from '@nestjs/jwt';
            import jwt from 'jsonwebtoken';
            export function mint(svc: JwtService, claims: object) {
              return svc.sign(claims);
            }
            export function shadow(jwt: Local) {
              return jwt.sign({}, KEY);
            }
            """
        #expect(Extract.calls(typescript, .typescript) == ["@nestjs/jwt.JwtService().sign"])
    }
}

