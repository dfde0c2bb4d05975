import Lexing
import Model
import Testing
@testable import RuleEngine

/// `jwt-secret-config`: reads of JWT secret settings outside the auth service.
@Suite struct ForbiddenEnvTests {
    static let rule = RuleExamplesTests.rules.first { $0.id == "jwt-secret-config" }!

    /// `line:text` of each finding's range.
    static func found(_ code: String, _ language: Language, path: String? = nil) -> [String] {
        let path = path ?? (language == .python ? "app/service.py" : "src/service.ts")
        let bytes = Array(code.utf8)
        let lines = LineIndex(bytes)
        return Snippet.hits(code, language, path: path, rule: rule).map { hit in
            "\(lines.lineIndex(of: hit.range.start) + 1):" + String(decoding: bytes[hit.range.start..<hit.range.end], as: UTF8.self)
        }
    }

    @Test func pythonReaders() {
        let code = """
            import os
            from os import getenv, environ
            from decouple import config
            a = os.getenv("JWT_SECRET")
            b = getenv("JWT_SECRET_KEY")
            c = os.environ["JWT_SIGNING_KEY"]
            d = os.environ.get("JWT_PRIVATE_KEY", "")
            e = environ["JWT_PUBLIC_KEY"]
            f = config("JWT_KEY")
            g = getattr(settings, "AUTH_JWT_SECRET", None)
            h = settings.JWT_SECRET_KEY
            i = get_settings().PARTNER_JWT_SECRET
            j = os.getenv("AUTH_SERVICE_URL")
            k = os.getenv("JWT_ALGORITHM")

            """
        #expect(Self.found(code, .python) == [
            "4:os.getenv(\"JWT_SECRET\")", "5:getenv(\"JWT_SECRET_KEY\")", "6:os.environ[\"JWT_SIGNING_KEY\"]",
            "7:os.environ.get(\"JWT_PRIVATE_KEY\", \"\")", "8:environ[\"JWT_PUBLIC_KEY\"]", "9:config(\"JWT_KEY\")",
            "10:getattr(settings, \"AUTH_JWT_SECRET\", None)", "11:settings.JWT_SECRET_KEY",
            "12:get_settings().PARTNER_JWT_SECRET",
        ])
    }

    @Test func typeScriptReaders() {
        let code = """
            const a = process.env.JWT_SECRET;
            const b = process.env['JWT_SECRET_KEY'];
            const c = import.meta.env.NEXT_PUBLIC_JWT_SECRET;
            const { JWT_SIGNING_KEY, NODE_ENV } = process.env;
            const d = this.configService.get<string>('JWT_PRIVATE_KEY');
            const e = configService.get('JWT_PUBLIC_KEY');
            const f = config.get('JWT_KEY');
            const g = process.env.JWT_SECRET || 'fallback-is-another-rule';
            const h = process.env.API_URL;

            """
        #expect(Self.found(code, .typescript) == [
            "1:process.env.JWT_SECRET", "2:process.env['JWT_SECRET_KEY']", "3:import.meta.env.NEXT_PUBLIC_JWT_SECRET",
            "4:JWT_SIGNING_KEY", "5:this.configService.get<string>('JWT_PRIVATE_KEY')",
            "6:configService.get('JWT_PUBLIC_KEY')", "7:config.get('JWT_KEY')", "8:process.env.JWT_SECRET",
        ])
    }

    @Test func writesDeletesAndStringsAreNotReads() {
        let code = """
            os.environ["JWT_SECRET"] = "test"
            del os.environ["JWT_SECRET_KEY"]
            settings.JWT_SECRET_KEY = rotate()
            NAMES = ["JWT_SECRET", "JWT_SECRET_KEY"]
            \"\"\"settings.JWT_SECRET_KEY in a docstring\"\"\"
            # os.getenv("JWT_SECRET") in a comment
            @field_validator("JWT_SECRET_KEY")
            def check(cls, v):
                return v

            """
        #expect(Self.found(code, .python).isEmpty)
        #expect(Self.found("process.env.JWT_SECRET = 'test';\n", .typescript).isEmpty)
    }

    @Test func classLevelSettingsFields() {
        let code = """
            class Settings(BaseSettings):
                JWT_SECRET_KEY: str
                jwt_signing_key: Optional[str] = None
                JWT_ALGORITHM: str = "HS256"
                JWT_PRIVATE_KEY: str = os.environ["JWT_PRIVATE_KEY"]

            class Other:
                JWT_SECRET = None
                jwt_secret = None

            class KeyType(str, Enum):
                JWT_SECRET = "jwt_secret"

            class Keys:
                JWT_SECRET_KEY = "JWT_SECRET_KEY"

            def use():
                return KeyType.JWT_SECRET, Keys.JWT_SECRET_KEY

            """
        #expect(Self.found(code, .python) == [
            "2:JWT_SECRET_KEY", "3:jwt_signing_key", "5:os.environ[\"JWT_PRIVATE_KEY\"]", "8:JWT_SECRET",
        ])
    }

    @Test func theAuthServiceIsAllowed() {
        let code = "import os\nJWT_SECRET_KEY = os.environ[\"JWT_SECRET_KEY\"]\n"
        #expect(Self.found(code, .python, path: "auth_service/auth_core/config.py").isEmpty)
        #expect(Self.found(code, .python, path: "netra_backend/app/config.py").count == 1)
    }

    @Test func theMessageNamesTheSetting() throws {
        let hit = try #require(Snippet.hits("const k = process.env.JWT_SECRET;\n", .typescript, path: "a.ts", rule: Self.rule).first)
        #expect(hit.message == "JWT secret setting `JWT_SECRET` read outside the JWT single source of truth")
        #expect(hit.severity == .error)
    }
}
