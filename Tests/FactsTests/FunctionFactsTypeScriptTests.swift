import Model
import Testing
@testable import Facts

/// TypeScript / JavaScript function definitions.
@Suite struct FunctionFactsTypeScriptDefinitionTests {
    @Test func declarationsInEveryForm() {
        let code = """
            function a(t) { return t; }
            export function b(t: string): Promise<User> { return f(t); }
            export default function c() {}
            export default async function d() {}
            async function* e() { yield 1; }
            export default function () {}
            const g = function named(t) { return t; };
            """
        #expect(Functions.kinds(code, .typescript) == [
            "a function", "b function", "c function", "d function", "e function", "g assigned",
        ])
    }

    @Test func signaturesWithoutBodiesAreNotFunctions() {
        let code = """
            function verifyToken(t: string): Promise<User>;
            function verifyToken(t: string, o: Opts): Promise<User>;
            function verifyToken(t: any, o?: any) { return check(t); }
            declare function decodeToken(t: string): Claims;
            interface Api {
              verifyToken(t: string): Promise<User>;
              decodeToken: (t: string) => Claims;
              refreshToken?(t: string): void
            }
            type Handler = { verifyToken: (t: string) => boolean; sign(t: string): string };
            type Fn = (t: string) => Promise<{ exp: number }>;
            abstract class Base {
              abstract verifyToken(t: string): Promise<User>;
              protected abstract decodeToken(t: string): Claims
              signToken(t: string): string;
              signToken(t: any) { return t; }
            }
            """
        #expect(Functions.kinds(code, .typescript) == ["verifyToken function", "Base.signToken method"])
    }

    @Test func classMembers() {
        let code = """
            @Injectable()
            export class TokenService extends Base<{ a: string }> implements Svc {
              private readonly cache = new Map<string, Claims>();
              static instance?: TokenService;
              constructor(@Inject(CFG) private cfg: Config) { super(); }
              @Get(':id')
              async verifyToken(@Param('id') t: string): Promise<{ ok: boolean }> { return this.x(t); }
              public static create<T extends object>(o: T): TokenService { return new TokenService(o); }
              private decodeToken = async (t: string): Promise<Claims> => { return decode(t); };
              readonly signToken: Signer = (c) => sign(c);
              handler = (e) => this.verifyToken(e)
              *tokens() { yield 1; }
              get tokenClaims() { return this.claims; }
              set tokenClaims(v) { this.claims = v; }
              #refreshToken() { return 1; }
              'quoted-name'() { return 2; }
            }
            """
        #expect(Functions.kinds(code, .typescript) == [
            "TokenService.constructor method", "TokenService.verifyToken method", "TokenService.create method",
            "TokenService.decodeToken method", "TokenService.signToken method", "TokenService.handler method",
            "TokenService.tokens method", "TokenService.#refreshToken method", "TokenService.quoted-name method",
        ])
    }

    @Test func objectLiteralMethodsAndProperties() {
        let code = """
            export const authApi = {
              base: '/auth',
              verifyToken(t) { return fetch(t); },
              async refreshToken(t: string) { return t; },
              decodeToken: (t) => JSON.parse(t),
              signToken: function (c) { return c; },
              get current() { return 1; },
              nested: { checkToken: async t => t.length > 0 },
              shorthand,
              ...rest,
            };
            module.exports = { revokeToken(j) { return j; } };
            """
        #expect(Functions.kinds(code, .typescript) == [
            "authApi.verifyToken method", "authApi.refreshToken method", "authApi.decodeToken method",
            "authApi.signToken method", "authApi.nested.checkToken method", "revokeToken method",
        ])
    }

    @Test func arrowsAndExpressionsAssignedToNames() {
        let code = """
            export const verifyToken = async (t: string): Promise<User> => {
              return jwt.verify(t, KEY);
            };
            let decode = t => jwt.decode(t)
            var sign = <T,>(c: T) => jwt.sign(c, KEY);
            exports.checkToken = function (t) { return !!t; };
            module.exports.refresh = async function refreshInner() {};
            Foo.prototype.revoke = (j) => store.add(j);
            this.handler = () => 1;
            const notAFunction = compute(1, 2);
            const value = cond ? a : b;
            """
        #expect(Functions.names(code, .typescript) == [
            "verifyToken", "decode", "sign", "checkToken", "refresh", "revoke", "handler",
        ])
    }

    @Test func functionsPassedAsTheFirstArgumentOfACallInitializer() {
        let code = """
            function Login() {
              const refreshToken = useCallback(async (t: string) => {
                return api.refresh(t);
              }, []);
              const memo = useMemo(() => compute(a), [a]);
              // One function, named by the declaration.
              const handler = withAuth(function inner(req) { return req; });
              return <button onClick={() => refreshToken(x)}>Go</button>;
            }
            """
        #expect(Functions.names(code, .typescript) == [
            "Login", "Login.refreshToken", "Login.memo", "Login.handler",
        ])
    }

    @Test func expressionBodiesEndAtTheStatement() {
        let code = """
            const a = (t) => t.exp > now
            const b = (t) =>
              jwt.verify(t,
                KEY)
            const c = (t) => t
              .trim()
              .toLowerCase();
            const d = (t) => f(t), e = 1;
            call(x)
            """
        #expect(Functions.bodies(code, .typescript) == [
            "a: t.exp > now", "b: jwt.verify(t,\n    KEY)", "c: t\n  .trim()\n  .toLowerCase()", "d: f(t)",
        ])
    }

    @Test func bracesBodiesIncludeBraces() {
        let code = "class A {\n  m() {\n    if (x) { y(); }\n  }\n}\n"
        #expect(Functions.bodies(code, .typescript) == ["m: {\n    if (x) { y(); }\n  }"])
    }

    @Test func controlFlowIsNotAMethod() {
        let code = """
            function f() {
              if (a) { b(); }
              for (const x of y) { z(); }
              while (c) { d(); }
              switch (k) { case 1: { e(); } }
              try { g(); } catch (err) { h(); }
            }
            const o = { if: 1 };
            """
        #expect(Functions.names(code, .typescript) == ["f"])
    }

    @Test func jsxAndTemplatesDoNotConfuseTheScanner() {
        let code = """
            export const Panel = ({ token }: Props) => {
              const label = `exp ${token.exp > 0 ? "{" : "}"}`;
              return <div className="a" onClick={() => go({ a: 1 })}>{items.map((x) => <b key={x}>{x}</b>)}</div>;
            };
            export function after() { return 1; }
            """
        #expect(Functions.names(code, .typescript) == ["Panel", "after"])
    }

    @Test func nestedFunctionsKnowTheirParent() {
        let code = "function outer() {\n  const inner = () => {\n    return 1;\n  };\n  return inner;\n}\nfunction other() {}\n"
        let functions = Functions.facts(code, .typescript)
        #expect(functions.map(\.qualifiedName) == ["outer", "outer.inner", "other"])
        #expect(functions.map(\.parent) == [nil, 0, nil])
    }

    @Test func unbalancedInputDoesNotCrash() {
        for code in ["function f( {", "class A { m() {", "const f = (a) =>", "const f = async", "{ m() }", "}}} function g() {}"] {
            #expect(Extract.facts(code, .typescript).scanFunctionBodies().count == Functions.facts(code, .typescript).count)
        }
        #expect(Functions.names("}}} function g() {}", .typescript) == ["g"])
    }
}

/// TypeScript body facts.
@Suite struct FunctionFactsTypeScriptBodyTests {
    @Test func comparisonsNeedSpacesForAngleBrackets() {
        let code = """
            function f(p: Payload) {
              const a = useState<string>(p.sub);
              const b = p.exp * 1000 > Date.now();
              const c = <div>{p.iss}</div>;
              if (p.nbf <= now) {}
              const d = p.jti === id;
              const e = new Map<string, number>([[p.aud, 1]]);
              if (p.sub === undefined || p.iss != null) {}
            }
            """
        #expect(Functions.compared(code, .typescript, of: "f") == ["exp", "nbf", "jti"])
    }

    @Test func statementsEndAtSemicolonsBracesAndLineBreaks() {
        let code = """
            function f(p) {
              const x = p.exp; if (y < 2) { z(); }
              const w = p.iat
              if (v > 1) {}
              return p.sub
                > 3;
            }
            """
        #expect(Functions.reads(code, .typescript, of: "f") == [".exp=x", ".iat=w", ".sub"])
    }

    @Test func destructuringAndBoundLocals() {
        let code = """
            function f(token) {
              const { exp, sub: userId, iat = 0 } = jwtDecode(token);
              if (exp * 1000 < Date.now()) throw new Error('expired');
              return userId;
            }
            """
        #expect(Functions.reads(code, .typescript, of: "f") == [".exp*=exp", ".sub=userId", ".iat=iat"])
    }

    @Test func optionalChainingAndSubscripts() {
        let code = "function f(p) {\n  return p?.exp < now || p['nbf'] > now || p.get('iss') !== ISS;\n}\n"
        #expect(Functions.reads(code, .typescript, of: "f") == [".exp*", "[]nbf*", "getiss*"])
    }

    @Test func containersAndKeyStrings() {
        let code = """
            async function revoke(jti) {
              this.revokedTokens.add(jti);
              await redis.sadd('jwt:blacklist', jti);
              await redis.set(`denylist:${jti}`, '1');
              console.log('token_revoked');
              throw new Error('revoked');
            }
            """
        #expect(Functions.containers(code, .typescript, of: "revoke") == ["revokedTokens", "redis", "console"])
        #expect(Functions.keyStrings(code, .typescript, of: "revoke") == ["jwt:blacklist", "denylist:", "1"])
    }

    @Test func factsOfNestedArrowsAreInTheOuterBody() {
        let code = "function outer(p) {\n  const check = (q) => q.exp < now;\n  return check(p);\n}\n"
        #expect(Functions.compared(code, .typescript, of: "outer") == ["exp"])
        #expect(Functions.compared(code, .typescript, of: "check") == ["exp"])
    }
}
