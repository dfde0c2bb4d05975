import Model
import Testing
@testable import Facts

@Suite struct TypeScriptFactsTests {
    @Test func esImportForms() {
        let code = """
            import jwt from 'jsonwebtoken';
            import * as jose from "jose";
            import { verify as v, sign } from 'jsonwebtoken';
            import type { JwtPayload } from 'jsonwebtoken';
            import def, { decode } from 'jws';
            import 'passport-jwt';
            import { default as decodeToken } from 'jwt-decode';

            """
        let facts = Extract.facts(code, .typescript)
        #expect(Extract.imports(code, .typescript) == ["jsonwebtoken", "jose", "jsonwebtoken{verify,sign}",
                                                       "jsonwebtoken{JwtPayload}", "jws{decode}", "passport-jwt",
                                                       "jwt-decode{default}"])
        #expect(facts.imports.map(\.isTypeOnly) == [false, false, false, true, false, false, false])
        #expect(facts.bindings["jwt"] == "jsonwebtoken")
        #expect(facts.bindings["jose"] == "jose")
        #expect(facts.bindings["v"] == "jsonwebtoken.verify")
        #expect(facts.bindings["def"] == "jws")
        #expect(facts.bindings["decodeToken"] == "jwt-decode")
    }

    @Test func exportFrom() {
        let code = "export { decodeJwt } from 'jose';\nexport * from 'jws';\nexport * as j from 'jsonwebtoken';\nexport const x = 1;\n"
        #expect(Extract.imports(code, .typescript) == ["jose{decodeJwt}", "jws", "jsonwebtoken"])
        #expect(Extract.facts(code, .typescript).imports.allSatisfy { $0.form == ImportForm.exportFrom })
    }

    @Test func requireForms() {
        let code = """
            const jwt = require('jsonwebtoken');
            const { verify, sign: signToken } = require("jsonwebtoken");
            const decode = require('jws').decode;
            let strategy: typeof import('passport-jwt') = require('passport-jwt');
            module.exports = { x: require('express-jwt') };
            jwt.verify(t, k);
            verify(t, k);
            signToken(p, k);
            decode(t);

            """
        let facts = Extract.facts(code, .typescript)
        #expect(facts.imports.map(\.module) == ["jsonwebtoken", "jsonwebtoken", "jws", "passport-jwt", "express-jwt"])
        #expect(Extract.calls(code, .typescript) == ["jsonwebtoken.verify", "jsonwebtoken.verify", "jsonwebtoken.sign", "jws.decode"])
    }

    @Test func dynamicImportAndImportEquals() {
        let code = """
            const jose = await import('jose');
            const { jwtVerify } = await import('jose');
            import jwt = require('jsonwebtoken');
            import('jwt-decode').then(m => m.default(t));
            await jose.jwtVerify(t, key);
            await jwtVerify(t, key);
            jwt.sign(p, k);

            """
        let facts = Extract.facts(code, .typescript)
        #expect(facts.imports.map(\.module) == ["jose", "jose", "jsonwebtoken", "jwt-decode"])
        #expect(facts.imports.map(\.form) == [.dynamicImport, .dynamicImport, .importEquals, .dynamicImport])
        #expect(Extract.calls(code, .typescript) == ["jose.jwtVerify", "jose.jwtVerify", "jsonwebtoken.sign"])
    }

    @Test func constructionsGenericsOptionalChainingAndDestructuredAliases() {
        let code = """
            import * as jose from 'jose';
            import jwt from 'jsonwebtoken';
            import { Strategy } from 'passport-jwt';
            const { sign } = jwt;
            const token = await new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(key);
            const claims = jwt.verify<Claims>(token, key);
            jwt?.decode(token);
            passport.use(new Strategy(opts, cb));
            sign(p, k);

            """
        #expect(Extract.calls(code, .typescript) == ["new jose.SignJWT", "jsonwebtoken.verify", "jsonwebtoken.decode",
                                                     "new passport-jwt.Strategy", "jsonwebtoken.sign"])
        #expect(Extract.callTexts(code, .typescript)[0] == "jose.SignJWT(claims)")
    }

    @Test func methodDefinitionsAndMembersAreNotCalls() {
        let code = """
            import { verify } from 'jsonwebtoken';
            class AuthClient {
              verify(token: string): boolean {
                return this.verify(token);
              }
              async decode(t) { return t; }
            }
            obj.verify(t);

            """
        #expect(Extract.calls(code, .typescript).isEmpty)
    }

    @Test func textInStringsCommentsRegexJSXIsNotCode() {
        let code = """
            // import jwt from 'jsonwebtoken'
            const s = "require('jsonwebtoken')";
            const r = /require\\('jose'\\)/;
            const el = <p>Don't import jwt from 'jsonwebtoken'; require('jws')</p>;
            const t = `import('jose')`;

            """
        #expect(Extract.facts(code, .typescript).imports.isEmpty)
    }

    @Test func templateSubstitutionsAreCode() {
        let code = "import jwt from 'jsonwebtoken';\nconst h = `Bearer ${jwt.sign({ sub: id }, key)} jwt.verify(x)`;\n"
        #expect(Extract.calls(code, .typescript) == ["jsonwebtoken.sign"])
    }

    @Test func importMetaAndPropertyNamedImportAreNotImports() {
        let code = "const u = import.meta.url;\nconst o = { import: 1, require: 2 };\nloader.import('jose');\nx.require('jws');\n"
        #expect(Extract.imports(code, .typescript).isEmpty)
    }
}
