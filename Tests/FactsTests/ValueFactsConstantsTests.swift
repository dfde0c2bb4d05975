import Model
import Testing
@testable import Facts

/// Per-file constant propagation: which literal a name holds where it is used.
@Suite struct ValueFactsConstantsTests {
    /// The constant `name` holds at the first occurrence of `marker` in `code`.
    static func constant(_ code: String, _ language: Language, _ name: String, at marker: String) -> String? {
        let offset = code.utf8.firstRange(of: marker.utf8).map { code.utf8.distance(from: code.utf8.startIndex, to: $0.lowerBound) } ?? 0
        return Extract.facts(code, language).values.constant(named: name, at: offset)?.value
    }

    @Test func moduleConstantsReachFunctions() {
        let code = """
            SIGNING = "module-key"

            def sign(p):
                return jwt.encode(p, SIGNING)  # use

            """
        #expect(Self.constant(code, .python, "SIGNING", at: "# use") == "module-key")
    }

    @Test func lastAssignmentWinsAndOtherValuesHideTheConstant() {
        let code = """
            KEY = "first"
            KEY = "second"
            OTHER = "literal"
            OTHER = load_key()
            # use

            """
        #expect(Self.constant(code, .python, "KEY", at: "# use") == "second")
        #expect(Self.constant(code, .python, "OTHER", at: "# use") == nil)
    }

    @Test func functionLocalsAndParametersShadowModuleConstants() {
        let code = """
            key = "module-level"

            def a():
                key = "local-a"
                return key  # in a

            def b(key):
                return key  # in b

            def c():
                key = derive()
                return key  # in c

            def d():
                return key  # in d

            """
        #expect(Self.constant(code, .python, "key", at: "# in a") == "local-a")
        #expect(Self.constant(code, .python, "key", at: "# in b") == nil)
        #expect(Self.constant(code, .python, "key", at: "# in c") == nil)
        #expect(Self.constant(code, .python, "key", at: "# in d") == "module-level")
    }

    @Test func attributesAndClassFields() {
        let code = """
            class Config:
                SECRET = "class-field"

            class Service:
                def __init__(self):
                    self.key = "init-assigned"

                def sign(self, p):
                    return p  # use

            """
        #expect(Self.constant(code, .python, "Config.SECRET", at: "# use") == "class-field")
        #expect(Self.constant(code, .python, "cls.SECRET", at: "# use") == "class-field")
        #expect(Self.constant(code, .python, "self.key", at: "# use") == "init-assigned")
        #expect(Self.constant(code, .python, "SECRET", at: "# use") == nil)
        #expect(Self.constant(code, .python, "Other.SECRET", at: "# use") == nil)
    }

    @Test func typeScriptClassPropertiesAndBlockScopes() {
        let code = """
            const SECRET = 'module-const';
            class Minter {
              private secret = 'class-prop';
              static KEY = 'static-key';
              mint() { return sign(p, this.secret); /* use */ }
            }
            function other() {
              const SECRET = process.env.X;
              return sign(p, SECRET); // in other
            }
            function third() {
              return sign(p, SECRET); // in third
            }

            """
        #expect(Self.constant(code, .typescript, "this.secret", at: "/* use */") == "class-prop")
        #expect(Self.constant(code, .typescript, "Minter.KEY", at: "/* use */") == "static-key")
        #expect(Self.constant(code, .typescript, "SECRET", at: "// in other") == nil)
        #expect(Self.constant(code, .typescript, "SECRET", at: "// in third") == "module-const")
    }

    @Test func theLastAlternativeOfAConditionalWins() {
        let code = "KEY = \"debug-key\" if DEBUG else \"release-key\"\n# use\n"
        #expect(Self.constant(code, .python, "KEY", at: "# use") == "release-key")
    }

    @Test func fallbackLiteralsAreConstants() {
        let code = "const KEY = process.env.KEY || 'dev-key';\nverify(t, KEY); // use\n"
        #expect(Self.constant(code, .typescript, "KEY", at: "// use") == "dev-key")
    }
}
