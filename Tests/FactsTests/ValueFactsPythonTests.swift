import Model
import Testing
@testable import Facts

/// Python string literals in context: where each value goes.
@Suite struct ValueFactsPythonTests {
    /// `value → kind:name` for every recorded literal with a target.
    static func targets(_ code: String) -> [String] {
        Extract.facts(code, .python).values.literals.compactMap { literal in
            literal.target.map { "\(literal.value) → \($0.kind.rawValue):\($0.name)" }
        }
    }

    @Test func assignmentsOfEveryShape() {
        let code = """
            JWT_SECRET = "module-var"
            JWT_SECRET_KEY: str = "annotated"
            LIMITS: Dict[str, int] = "generic-annotation"
            a = b = "chained"
            self.jwt_secret = "attribute"
            app.config["JWT_SECRET_KEY"] = "subscript"
            cfg = {"jwt_secret": "dict-value", "nested": {"signing_key": "inner"}}
            app.config.update(SECRET_KEY="keyword")

            def make(secret_key="param", *, token_secret: str = "typed-param"):
                local_secret = "local"

            """
        #expect(Self.targets(code) == [
            "module-var → variable:JWT_SECRET", "annotated → variable:JWT_SECRET_KEY",
            "generic-annotation → variable:LIMITS", "chained → variable:b", "attribute → attribute:jwt_secret",
            "subscript → dictKey:JWT_SECRET_KEY", "dict-value → dictKey:jwt_secret", "inner → dictKey:signing_key",
            "keyword → keywordArgument:SECRET_KEY", "param → parameterDefault:secret_key",
            "typed-param → parameterDefault:token_secret", "local → variable:local_secret",
        ])
    }

    @Test func classFieldsIncludingPydanticAndDataclassDefaults() {
        let code = """
            class Settings(BaseSettings):
                jwt_secret: str = "plain"
                signing_key: str = Field("positional", description="Signing key")
                hmac_secret: str = Field(default="keyword-default")
                api_secret: SecretStr = SecretStr("wrapped")
                if TYPE_CHECKING:
                    nested_secret = "in-a-block"

                def method(self):
                    not_a_field = "local"

            @dataclass
            class Cfg:
                jwt_secret: str = field(default="dataclass")

            """
        #expect(Self.targets(code) == [
            "plain → classField:jwt_secret", "positional → classField:signing_key",
            "Signing key → keywordArgument:description", "keyword-default → classField:hmac_secret",
            "wrapped → classField:api_secret", "in-a-block → classField:nested_secret", "local → variable:not_a_field",
            "dataclass → classField:jwt_secret",
        ])
    }

    @Test func literalsThatAreOnlyPartOfAValueHaveNoTarget() {
        let code = """
            a = "prefix-" + suffix
            b = "-".join(parts)
            c = "%s-key" % name
            d = f"{name}-key"
            e = ("implicit" "concatenation")
            g = request.form["secret"]
            \"\"\"A docstring: secret_key = 'abc'.\"\"\"
            h = ("grouped")

            """
        #expect(Self.targets(code) == ["grouped → variable:h"])
    }

    @Test func conditionalAlternativesKeepTheirTarget() {
        let code = """
            key = "dev-key" if DEBUG else os.environ["KEY"]
            other = os.environ["KEY"] if PROD else "fallback-key"

            """
        #expect(Self.targets(code) == ["dev-key → variable:key", "fallback-key → variable:other"])
    }

    @Test func environmentDefaultsRecordReaderAndName() {
        let code = """
            import os
            from decouple import config
            A = os.getenv("JWT_SECRET", "getenv")
            B = os.environ.get("JWT_SECRET_KEY", "environ-get")
            os.environ.setdefault("SIGNING_KEY", "setdefault")
            C = getattr(settings, "jwt_secret", "getattr")
            D = config("SECRET_KEY", cast=str, default="decouple")
            E = os.environ.get("TOKEN_SECRET") or "or-fallback"
            F = settings.JWT_SECRET or "attribute-fallback"

            """
        let literals = Extract.facts(code, .python).values.literals.filter { $0.envDefault != nil }
        let described = literals.map { "\($0.value) ← \($0.envDefault!.reader)(\($0.envDefault!.name))" }
        #expect(described == [
            "getenv ← os.getenv(JWT_SECRET)", "environ-get ← os.environ.get(JWT_SECRET_KEY)",
            "setdefault ← os.environ.setdefault(SIGNING_KEY)", "getattr ← getattr(jwt_secret)",
            "decouple ← config(SECRET_KEY)", "or-fallback ← os.environ.get(TOKEN_SECRET)",
            "attribute-fallback ← settings(JWT_SECRET)",
        ])
        #expect(literals.first?.envDefault?.qualifiedReader == "os.getenv")
        #expect(literals[4].envDefault?.qualifiedReader == "decouple.config")
        // The `or` fallback is also the value of its assignment.
        #expect(literals[5].target?.name == "E")
    }

    @Test func collectionElementsAndComparisonOperandsAreMarked() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"
        let code = """
            TOKENS = ["\(jwt)", "other"]
            PAIR = ("\(jwt)", 1)
            if token == "\(jwt)":
                pass
            if "\(jwt)" in seen:
                pass
            FIXTURE = "\(jwt)"

            """
        let literals = Extract.facts(code, .python).values.literals
        #expect(literals.map(\.isCollectionElement) == [true, true, false, false, false])
        #expect(literals.map(\.isComparisonOperand) == [false, false, true, true, false])
        #expect(literals.last?.target?.name == "FIXTURE")
    }

    @Test func contentRangeIsInsideQuotesAndPrefixes() {
        let code = "A_SECRET = rb'''raw-bytes'''\nB_SECRET = b\"bytes\"\n"
        let bytes = Array(code.utf8)
        let literals = Extract.facts(code, .python).values.literals
        #expect(literals.map { String(decoding: bytes[$0.contentRange.start..<$0.contentRange.end], as: UTF8.self) }
                == ["raw-bytes", "bytes"])
        #expect(literals.map(\.value) == ["raw-bytes", "bytes"])
    }

    @Test func settingReadsBySubscriptAndAttribute() {
        let code = """
            import os
            from os import environ
            a = os.environ["JWT_SECRET"]
            b = environ["JWT_SECRET_KEY"]
            c = settings.JWT_SECRET_KEY
            d = get_settings().JWT_SIGNING_KEY
            os.environ["JWT_SECRET"] = "written, not read"
            del os.environ["JWT_KEY"]
            e = data["lowercase_key"]
            settings.JWT_SECRET = value
            settings.configure(X=1)

            """
        let reads = Extract.facts(code, .python).values.settingReads
        #expect(reads.map { "\($0.form.rawValue) \($0.receiver) \($0.name)" } == [
            "subscript os.environ JWT_SECRET", "subscript environ JWT_SECRET_KEY", "attribute settings JWT_SECRET_KEY",
            "attribute get_settings() JWT_SIGNING_KEY",
        ])
        #expect(reads[1].qualifiedReceiver == "os.environ")
        let bytes = Array(code.utf8)
        #expect(String(decoding: bytes[reads[0].range.start..<reads[0].range.end], as: UTF8.self) == "os.environ[\"JWT_SECRET\"]")
    }

    @Test func classLevelFieldDeclarations() {
        let code = """
            class Settings(BaseSettings, metaclass=Meta):
                JWT_SECRET_KEY: str
                JWT_ALGORITHM: str = "HS256"
                jwt_secret: Optional[str] = Field(None, env="JWT_SECRET")

                def read(self):
                    JWT_LOCAL = 1

            class KeyType(str, enum.Enum):
                JWT_SECRET = "JWT_SECRET"

            """
        let fields = Extract.facts(code, .python).values.fieldDeclarations
        #expect(fields.map { "\($0.className).\($0.name) \($0.isAnnotated) \($0.stringValue ?? "-")" } == [
            "Settings.JWT_SECRET_KEY true -", "Settings.JWT_ALGORITHM true HS256", "Settings.jwt_secret true -",
            "KeyType.JWT_SECRET false JWT_SECRET",
        ])
        #expect(fields[0].classBases == ["BaseSettings"])
        #expect(fields[0].valueRange == nil)
        #expect(fields[3].classBases == ["str", "enum.Enum"])
    }
}
