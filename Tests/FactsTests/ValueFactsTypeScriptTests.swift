import Model
import Testing
@testable import Facts

/// TypeScript / JavaScript string literals in context, and settings reads.
@Suite struct ValueFactsTypeScriptTests {
    static func targets(_ code: String) -> [String] {
        Extract.facts(code, .typescript).values.literals.compactMap { literal in
            literal.target.map { "\(literal.value) → \($0.kind.rawValue):\($0.name)" }
        }
    }

    @Test func declarationsPropertiesAndParameters() {
        let code = """
            const jwtSecret = 'const';
            export let signingKey: string = "typed";
            var a = 'first', tokenSecret = 'second';
            this.secret = 'this-attr';
            const cfg = { secret: 'property', 'jwt-key': 'string-key', nested: { hmacSecret: `template` } };
            function sign(p, secret = 'fn-default', { jwtKey = 'destructured' } = {}) {}
            const verify = (t, key: string = 'arrow-default') => t;
            const { authSecret = 'destructuring-default' } = opts;
            type Mode = 'a' | 'b';

            """
        #expect(Self.targets(code) == [
            "const → variable:jwtSecret", "typed → variable:signingKey", "first → variable:a", "second → variable:tokenSecret",
            "this-attr → attribute:secret", "property → property:secret", "string-key → property:jwt-key",
            "template → property:hmacSecret", "fn-default → parameterDefault:secret", "destructured → variable:jwtKey",
            "arrow-default → parameterDefault:key", "destructuring-default → variable:authSecret",
        ])
    }

    @Test func classPropertiesConstructorParametersAndEnumMembers() {
        let code = """
            export class Minter extends Base<{ a: string }> {
              private readonly secret: string = 'class-prop';
              static JWT_SECRET = 'static-prop';
              constructor(private jwtSecret = 'ctor-param') {
                super();
                this.signingKey = 'ctor-assigned';
              }
              mint(p: object): string {
                const local = 'method-local';
                return local;
              }
            }
            enum KeyType { JWT_SECRET = 'JWT_SECRET' }

            """
        #expect(Self.targets(code) == [
            "class-prop → classField:secret", "static-prop → classField:JWT_SECRET", "ctor-param → parameterDefault:jwtSecret",
            "ctor-assigned → attribute:signingKey", "method-local → variable:local", "JWT_SECRET → classField:JWT_SECRET",
        ])
    }

    @Test func fallbacksAndConditionals() {
        let code = """
            const a = process.env.JWT_SECRET || 'or';
            const b = process.env.JWT_SECRET ?? 'nullish';
            const c = process.env['JWT_SECRET_KEY'] || 'bracket';
            const d = isProd ? process.env.KEY! : 'ternary';
            const e = {
              jwtSecret: process.env.JWT_SECRET
                || 'multi-line',
            };
            const f = this.configService.get<string>('JWT_SECRET', 'config-default');
            process.env.JWT_SECRET ??= 'assign-default';

            """
        let literals = Extract.facts(code, .typescript).values.literals
        #expect(literals.map { "\($0.value) \($0.target?.name ?? "-") \($0.envDefault.map { "\($0.reader):\($0.name)" } ?? "-")" } == [
            "or a process.env:JWT_SECRET", "nullish b process.env:JWT_SECRET", "bracket c process.env:JWT_SECRET_KEY",
            "ternary d -", "multi-line jwtSecret process.env:JWT_SECRET", "config-default - this.configService.get:JWT_SECRET",
            "assign-default - process.env:JWT_SECRET",
        ])
    }

    @Test func partialValuesAndComparisonsHaveNoTarget() {
        let code = """
            const a = 'Bearer ' + token;
            const b = `prefix-${x}`;
            const c = token === 'literal-compare';
            const d = ['weak', 'list'];
            if (secret !== 'changeme') {}
            switch (k) { case 'case-label': break; }
            const e = 'x'.concat(y);

            """
        #expect(Self.targets(code).isEmpty)
    }

    @Test func settingReads() {
        let code = """
            const a = process.env.JWT_SECRET;
            const b = process.env['JWT_SECRET_KEY'];
            const c = import.meta.env.VITE_JWT_SECRET;
            const { JWT_SIGNING_KEY, other, NODE_ENV: env } = process.env;
            const d = config?.JWT_KEY;
            process.env.JWT_SECRET = 'write';
            const e = process.env.lowercase;

            """
        let reads = Extract.facts(code, .typescript).values.settingReads
        #expect(reads.map { "\($0.form.rawValue) \($0.receiver) \($0.name)" } == [
            "attribute process.env JWT_SECRET", "subscript process.env JWT_SECRET_KEY",
            "attribute import.meta.env VITE_JWT_SECRET", "destructuring process.env JWT_SIGNING_KEY",
            "destructuring process.env NODE_ENV", "attribute config JWT_KEY",
        ])
    }

    @Test func literalJWTsAreRecordedWithoutATarget() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"
        let code = "expect(decode('\(jwt)')).toEqual(x);\nheaders.set('Authorization', `Bearer \(jwt)`);\n"
        let literals = Extract.facts(code, .typescript).values.literals
        #expect(literals.map(\.value) == [jwt, "Bearer " + jwt])
        #expect(literals.allSatisfy { $0.target == nil && !$0.isCollectionElement })
    }
}
