import Facts
import Model
import Testing
@testable import RuleEngine

private let rule = "jwt-duplicate-implementation"

/// TypeScript / JavaScript.
@Suite struct DuplicateImplementationTypeScriptTests {
    @Test func reimplementationsInEveryFunctionForm() {
        let code = """
            import jwt from 'jsonwebtoken';
            import { jwtDecode } from 'jwt-decode';
            import * as jose from 'jose';

            export const verifyToken = (t: string) => jwt.verify(t, process.env.KEY!);

            export function isTokenValid(token: string): boolean {
              const { exp } = jwtDecode<{ exp: number }>(token);
              return exp * 1000 > Date.now();
            }

            export class SessionService {
              private revokedTokens = new Set<string>();
              @Post('revoke')
              async revokeToken(jti: string) { this.revokedTokens.add(jti); }
              validateJwt = async (t: string) => (await jose.jwtVerify(t, this.key)).payload;
            }

            export const authApi = {
              decodeToken(t: string) { return JSON.parse(atob(t.split('.')[1])).exp > now; },
            };
            """
        #expect(RuleProbe.messages(code, .typescript, rule: rule) == [
            "5: `verifyToken` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jsonwebtoken.verify)",
            "7: `isTokenValid` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jwt-decode.jwtDecode; checks claims itself: exp)",
            "15: `SessionService.revokeToken` performs a token operation itself instead of delegating to the JWT single source of truth (keeps its own revocation store: revokedTokens)",
            "16: `SessionService.validateJwt` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jose.jwtVerify)",
            "20: `authApi.decodeToken` performs a token operation itself instead of delegating to the JWT single source of truth (decodes by hand: splits on \".\" and calls atob; checks claims itself: exp)",
        ])
    }

    @Test func hooksAndRedisKeys() {
        let code = """
            export function useSession() {
              const refreshToken = useCallback(async () => {
                if (decoded?.exp < Date.now() / 1000) await renew();
              }, [decoded]);
            }
            async function isTokenBlacklisted(jti) {
              return (await redis.exists(`jwt:denylist:${jti}`)) === 1;
            }
            """
        #expect(RuleProbe.texts(code, .typescript, rule: rule) == ["refreshToken", "isTokenBlacklisted"])
    }

    @Test func helpersOfTheClassOrModule() {
        let code = """
            import { jwtVerify } from 'jose';
            async function checkLocally(t: string) { return (await jwtVerify(t, KEY)).payload; }
            export class Auth {
              async verifyToken(t: string) { return this.offline ? this.decodeLocal(t) : api.verify(t); }
              private async decodeLocal(t: string) { return (await jwtVerify(t, KEY)).payload; }
              validateToken = (t: string) => checkLocally(t);
            }
            """
        #expect(RuleProbe.messages(code, .typescript, rule: rule) == [
            "2: `checkLocally` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jose.jwtVerify)",
            "5: `Auth.decodeLocal` performs a token operation itself instead of delegating to the JWT single source of truth (calls the library: jose.jwtVerify)",
        ])
    }

    @Test func wrappersTypesAndComponentsStaySilent() {
        let code = """
            import jwt from 'jsonwebtoken';
            export async function verifyToken(token: string) {
              return authClient.validateToken(token.trim());
            }
            export const refreshToken = async (t: string) => {
              const res = await fetch('/auth/refresh', { method: 'POST', body: JSON.stringify({ t, exp: claims.exp > 0 }) });
              if (!res.ok) throw new jwt.JsonWebTokenError('refresh failed');
              return res.json();
            };
            interface TokenApi {
              validateToken(t: string): Promise<User>;
              decodeToken: (t: string) => { exp: number };
            }
            type Verify = { verifyToken(t: string): boolean };
            function checkToken(t: string): boolean;
            export function TokenValidityBadge({ claims }: Props) {
              const [left] = useState<number>(claims.exp);
              return <Badge title={claims.iss}>{claims.exp}</Badge>;
            }
            """
        #expect(RuleProbe.messages(code, .typescript, rule: rule).isEmpty)
    }
}
