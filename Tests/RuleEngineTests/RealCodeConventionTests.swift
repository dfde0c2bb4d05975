import Facts
import Lexing
import Model
import Testing
@testable import RuleEngine

/// Issue 9, causes 4, 5 and 7: conventions of real codebases that the first version missed.
@Suite struct RealCodeConventionTests {
    static let ruleSet = RuleSet(rules: [])

    static func facts(_ code: String, _ language: Language) -> FileFacts {
        var code = code
        return code.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            let tokens = Lexer.tokenize(bytes, language: language, jsx: language == .typescript).tokens
            return FactExtractor.extract(tokens: tokens, bytes: bytes, language: language)
        }
    }

    static func isTest(_ path: String, _ code: String = "", _ language: Language? = nil) -> Bool {
        let language = language ?? Language.of(fileName: path) ?? .python
        return ruleSet.isTestCode(path: path, facts: facts(code, language))
    }

    /// Test infrastructure that is not in a folder called `tests/`.
    @Test(arguments: [
        "packages/testing/src/tokens.ts", "web/apps/api/test-utils/auth.ts", "e2e/login.spec.ts", "backend/e2e/flow.py",
        "src/__mocks__/auth.ts", "src/components/Login.stories.tsx", "api/fixtures/tokens.py", "conftest.py",
        "pkg/test_tokens.py", "pkg/tokens_test.py", "src/auth.test.ts", "cypress/support/commands.js", "spec/auth_spec.rb.js",
    ])
    func testPathConventions(_ path: String) {
        #expect(Self.isTest(path), "\(path)")
    }

    @Test func productionPathsAndFrameworkImports() {
        #expect(!Self.isTest("src/auth/tokens.ts"))
        #expect(!Self.isTest("backend/contest/views.py"))  // "test" inside a word is not a test folder
        #expect(!Self.isTest("src/latest/api.ts"))
        #expect(Self.isTest("app/helpers.py", "import pytest\n"))
        #expect(Self.isTest("app/helpers.py", "from unittest import mock\n"))
        #expect(Self.isTest("src/helpers.ts", "import { describe, it } from 'vitest';\n"))
        #expect(Self.isTest("src/helpers.ts", "import { test } from '@playwright/test';\n"))
        #expect(Self.isTest("src/helpers.ts", "const { expect } = require('chai');\n"))
        #expect(!Self.isTest("src/helpers.ts", "import jwt from 'jsonwebtoken';\n"))
    }

    /// A project adds its own conventions.
    @Test func conventionsAreConfigurable() throws {
        let custom = TestCode(paths: [try Glob("qa/**")], frameworks: [.python: ["behave"]])
        let set = RuleSet(rules: [], secretRecognizers: [], testCode: Self.ruleSet.testCode.merging(custom))
        let facts = Self.facts("import behave\n", .python)
        #expect(set.isTestCode(path: "qa/smoke.py", facts: Self.facts("", .python)))
        #expect(set.isTestCode(path: "app/steps.py", facts: facts))
        #expect(!Self.ruleSet.isTestCode(path: "qa/smoke.py", facts: Self.facts("", .python)))
    }

    // MARK: - Exception-only imports

    static func rules(_ code: String, _ language: Language) -> [String] {
        let path = language == .python ? "app/views.py" : "src/filter.ts"
        return RuleProbe.rules.flatMap { rule in
            Snippet.hits(code, language, path: path, rule: rule).map { "\($0.ruleID.rawValue)" }
        }
    }

    @Test func exceptionOnlyImportsHaveTheirOwnRule() {
        #expect(Self.rules("from jwt import InvalidTokenError, ExpiredSignatureError\n", .python) == ["jwt-exception-import"])
        #expect(Self.rules("from jwt.exceptions import PyJWTError\n", .python) == ["jwt-exception-import"])
        #expect(Self.rules("from jose.exceptions import (\n    JWTError,\n    ExpiredSignatureError,\n)\n", .python) == ["jwt-exception-import"])
        #expect(Self.rules("import { JsonWebTokenError, TokenExpiredError } from 'jsonwebtoken';\n", .typescript) == ["jwt-exception-import"])
        // Anything else in the import makes it a direct import; so does the whole module.
        #expect(Self.rules("from jwt import decode, InvalidTokenError\n", .python) == ["jwt-direct-import"])
        #expect(Self.rules("import jwt\n", .python) == ["jwt-direct-import"])
        #expect(Self.rules("import { verify, JsonWebTokenError } from 'jsonwebtoken';\n", .typescript) == ["jwt-direct-import"])
        let severity = RuleProbe.rule("jwt-exception-import").severity
        #expect(severity == .warning)
    }

    // MARK: - Settings reads through decorators and config objects

    static func settings(_ code: String, _ language: Language) -> [String] {
        RuleProbe.messages(code, language, rule: "jwt-secret-config")
    }

    @Test func settingsReadThroughDecoratorsAndConfigObjects() {
        let typescript = """
            class AppConfig {
              @Env('APP_JWT_SECRET') jwtSecret!: string;
              @Env('STRIPE_SECRET_KEY') stripeKey!: string;
            }
            const a = globalConfig.auth.jwtSecret;
            const b = this.configService.getOrThrow<string>('JWT_SECRET');
            const c = stripe.webhookSecret;
            """
        #expect(Self.settings(typescript, .typescript) == [
            "2: JWT secret setting `APP_JWT_SECRET` read outside the JWT single source of truth",
            "5: JWT secret setting `globalConfig.auth.jwtSecret` read outside the JWT single source of truth",
            "6: JWT secret setting `JWT_SECRET` read outside the JWT single source of truth",
        ])
        let python = """
            from flask import current_app
            from django.conf import settings

            def key(app_config):
                a = current_app.config["JWT_SECRET_KEY"]
                b = settings.JWT_SECRET_KEY
                return app_config.auth.jwt_secret
            """
        #expect(Self.settings(python, .python) == [
            "5: JWT secret setting `JWT_SECRET_KEY` read outside the JWT single source of truth",
            "6: JWT secret setting `JWT_SECRET_KEY` read outside the JWT single source of truth",
            "7: JWT secret setting `app_config.auth.jwt_secret` read outside the JWT single source of truth",
        ])
    }
}
