import Model
import Testing
@testable import RuleEngine

/// What `jwt-hardcoded-secret` must leave alone: the look-alikes of real codebases.
@Suite struct HardcodedSecretFalsePositiveTests {
    static func silent(_ code: String, _ language: Language) -> Bool {
        Snippet.hits(code, language, path: language == .python ? "app/settings.py" : "src/app.ts",
                     rule: HardcodedSecretTests.rule).isEmpty
    }

    @Test(arguments: [
        "JWT_SECRET = \"JWT_SECRET\"",
        "JWT_SECRET_KEY = \"jwt-secret-key\"",
        "class KeyType(str, Enum):\n    JWT_SECRET = \"JWT_SECRET\"",
        "JWT_SECRET = \"\"",
        "JWT_SECRET = \"   \"",
        "secret = \"abc\"",
        "JWT_SECRET = \"${JWT_SECRET}\"",
        "JWT_SECRET = \"{{ vault_jwt_secret }}\"",
        "JWT_SECRET = \"%(jwt_secret)s\"",
        "JWT_SECRET = \"$JWT_SECRET\"",
        "JWT_SECRET = \"<your-jwt-secret>\"",
        "JWT_SECRET = \"********\"",
        "JWT_SECRET = \"xxxxxxxxxxxx\"",
        "JWT_SECRET = \"auth.jwt.secret\"",
        "JWT_SECRET = \"jwt:signing:secret\"",
        "JWT_SECRET = \"MY_SERVICE_JWT_SECRET\"",
        "JWT_SECRET = os.getenv(\"JWT_SECRET\", \"\")",
        "JWT_SECRET = os.environ[\"JWT_SECRET\"]",
        "secret_key = request.form[\"secret\"]",
        "WEAK_SECRETS = [\"secret\", \"changeme\", \"password\"]",
        "WEAK_SECRETS = {\"secret\", \"changeme\"}",
        "WEAK_SECRETS = (\"secret\", \"changeme\")",
        "def is_weak(secret_key):\n    return secret_key in WEAK or secret_key == \"changeme-in-prod\"",
        "if settings.JWT_SECRET in (\"changeme\", \"secret\"):\n    raise ValueError(\"weak\")",
        "\"\"\"JWT_SECRET = 'docstring-secret-value'\"\"\"",
        "# JWT_SECRET = 'commented-secret-value'",
        "JWT_ALGORITHM = \"HS256\"",
        "AUTH_HEADER_PREFIX = \"Bearer \"",
        "message = \"The JWT secret key is not configured\"",
        "JWT_SECRET_ERROR = \"JWT secret key is not configured\"",
        "AUTH_SERVICE_URL = os.getenv(\"AUTH_SERVICE_URL\", \"http://auth-service:8001\")",
        "JWT_PUBLIC_KEY = \"-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkq\\n-----END PUBLIC KEY-----\"",
        "JWT_SECRET_KEY = \"prefix-\" + os.environ[\"SUFFIX\"]",
        "JWT_SECRET = \"-\".join(parts)",
        "JWT_SECRET = f\"{prefix}-secret\"",
        "JWT_SECRET_REQUIRED = \"false\"",
        "logger.warning(\"JWT secret %s is weak\", name)",
        "raise ValueError(\"secret_key must be set\")",
        "JWT_SECRET_KEY: Optional[str] = None",
        "JWT_SECRET_FILE = \"/run/secrets/jwt_secret\"",
        "class Provider:\n    SECRET_KEY = \"aws_secret_access_key\"",
        // An AWS secret is a secret, but not a JWT secret: not this pack's business.
        "AWS_SECRET_ACCESS_KEY = \"wJalrXUtnFEMI/K7MDENG-not-real\"",
        "credentials = {\"SecretAccessKey\": \"test-secret-access-value\"}",
        "SECRET_KEY = \"AWSSecretKey\"",
        "ENV = {\"AWS_SECRET_ACCESS_KEY\": \"secret_key\"}",
        "TYPES = {\"AWS::Route53::KeySigningKey\": \"a9a67ae6c371fcf4\"}",
        "CREDENTIALS = {\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\"}",
    ])
    func pythonLookAlikes(_ code: String) {
        #expect(Self.silent(code + "\n", .python), "flagged: \(code)")
    }

    @Test(arguments: [
        "const jwtSecret = process.env.JWT_SECRET ?? '';",
        "const cfg = { secret: '${JWT_SECRET}' };",
        "const JWT_SECRET = 'JWT_SECRET';",
        "enum KeyType { JWT_SECRET = 'JWT_SECRET', SIGNING_KEY = 'signing_key' }",
        "const WEAK = ['secret', 'changeme', 'password'];",
        "if (secret === 'changeme') throw new Error('weak');",
        "const ok = jwtSecret !== 'please-change-me';",
        "const apiUrl = process.env.API_URL || 'http://localhost:3000';",
        "headers.Authorization = 'Bearer ' + token;",
        "const message = 'JWT secret is not configured';",
        "const secretKey = `${prefix}-key`;",
        "type Cfg = { jwtSecret: string };",
        "// const jwtSecret = 'commented-out-secret';",
        "const algorithm = 'HS256';",
        "const jwtSecretEnvVar = 'APP_JWT_SECRET';",
        "switch (kind) { case 'jwt-secret-kind': break; }",
        "export const fr = { secretKey: 'Clé secrète', jwtSecret: 'Secret JWT (HMAC)' };",
        "const labels = { signingKey: 'Signing key:' };",
    ])
    func typeScriptLookAlikes(_ code: String) {
        #expect(Self.silent(code + "\n", .typescript), "flagged: \(code)")
    }

    /// Found on real code (python-jose, oauthlib tests): a public key verifies, it signs nothing,
    /// so it is no secret even at a sink; an OAuth 1 access-token secret in a file without JWTs is
    /// no JWT secret.
    @Test func publicKeysAtSinksAndOAuthTokenSecrets() {
        let pem = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----"
        #expect(Self.silent("import jwt\nclaims = jwt.decode(token, \"\(pem)\", algorithms=[\"RS256\"])\n", .python))
        #expect(Self.silent("import jwt from 'jsonwebtoken';\njwt.verify(t, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE');\n", .typescript))
        #expect(!Self.silent("import jwt\nclaims = jwt.decode(token, \"secret\", algorithms=[\"HS256\"])\n", .python))
        #expect(Self.silent("def get_access_token_secret(self, client_key, token):\n    return 'a-very-long-oauth1-token-secret'\n", .python))
        #expect(!Self.silent("import jwt\nACCESS_TOKEN_SECRET = 'a-very-long-jwt-access-secret'\n", .python))
        // flask-jwt: the *name* of the request field holding the password; social-auth's OAuth
        // client secret; Django's SECRET_KEY in a file about password-reset tokens.
        #expect(Self.silent("import jwt\nCONFIG = {'JWT_AUTH_PASSWORD_KEY': 'password'}\n", .python))
        #expect(Self.silent("import jwt\nsettings = {'SOCIAL_AUTH_SECRET': 'secret-for-oauth'}\n", .python))
        let django = "@override_settings(SECRET_KEY='a-django-secret-key-1')\ndef test_token_with_secret():\n    pass\n"
        #expect(Snippet.hits(django, .python, path: "tests/auth_tests/test_tokens.py", rule: HardcodedSecretTests.rule).isEmpty)
    }

    @Test func knownWeakValuesAreSecretsWhenAssigned() {
        #expect(!Self.silent("JWT_SECRET = \"changeme-in-prod\"\n", .python))
        #expect(!Self.silent("import jwt\nSECRET_KEY = \"secret\"\n", .python))
        #expect(!Self.silent("import jwt\njwt.encode(p, \"secret\")\n", .python))
        #expect(!Self.silent("const jwtSecret = 'your-secret-here';\n", .typescript))
        #expect(!Self.silent("from flask_jwt_extended import JWTManager\napp.config[\"SECRET_KEY\"] = \"super-secret-key\"\n", .python))
        #expect(!Self.silent("JWT_SECRET = \"supersecretkey\"\n", .python))
        #expect(!Self.silent("import jwt\nSECRET_KEY = os.environ.get(\"SECRET_KEY\") or \"hard to guess string\"\n", .python))
    }

    /// A secret needs JWT evidence: a sink, a JWT secret's name, or (for a generic name) a file
    /// about JWTs. Payment, webhook, OAuth 1 and framework secrets are not JWT secrets.
    @Test func otherSecretsAreNotJWTSecrets() {
        for code in ["SECRET_KEY = \"django-insecure-abc123def456\"", "STRIPE_SECRET_KEY = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"",
                     "WEBHOOK_SECRET = \"whsec_8f2c1b7a9d\"", "oauth_token_secret = \"oauth1-token-secret-xyz\"",
                     "app.config[\"SECRET_KEY\"] = \"super-secret-key\"", "mock = {\"secret\": \"token\"}"] {
            #expect(Self.silent(code + "\n", .python), "flagged: \(code)")
        }
        // Excluded names stay silent even in a file about JWTs.
        for code in ["import jwt\nSTRIPE_SECRET_KEY = \"sk_test_4eC39HqLyjWDarjtT1zdp7dc\"", "import jwt\nWEBHOOK_SIGNING_KEY = \"whsec_8f2c1b\"",
                     "import jwt\nOAUTH_CONSUMER_SECRET = \"consumer-secret-1\"", "import jwt\nmock = {\"secret\": \"token\"}"] {
            #expect(Self.silent(code + "\n", .python), "flagged: \(code)")
        }
        #expect(Self.silent("const mock = { secret: 'token' };\nconst stripeSecretKey = 'sk_test_abc123';\n", .typescript))
        // At a JWT sink, any name and any look.
        #expect(!Self.silent("import jwt\nSTRIPE_SECRET_KEY = \"sk_test_4eC39\"\njwt.encode(p, STRIPE_SECRET_KEY)\n", .python))
    }

    @Test func valueRulesInIsolation() {
        #expect(SecretValues.isSecret("s3cr3t-value", names: []))
        #expect(!SecretValues.isSecret("s3c", names: []))
        #expect(!SecretValues.isSecret("jwt-secret", names: ["JWT_SECRET"]))
        #expect(!SecretValues.isSecret("https://vault.internal/jwt", names: []))
        #expect(SecretValues.isReferenceName("JWT_SECRET_PATH"))
        #expect(SecretValues.isReferenceName("jwtSecretURL"))
        #expect(!SecretValues.isReferenceName("JWT_SECRET_KEY"))
        #expect(!SecretValues.isReferenceName("secretOrKey"))
        #expect(SecretValues.normalised("JWT_SECRET-Key") == "jwtsecretkey")
        #expect(SecretValues.isCompoundName("aws_secret_access_key"))
        #expect(SecretValues.isCompoundName("AWSSecretKey"))
        #expect(SecretValues.isCompoundName("jwtSecret"))
        #expect(!SecretValues.isCompoundName("secret"))
        #expect(!SecretValues.isCompoundName("super-secret-key"))
        #expect(!SecretValues.isCompoundName("Dev_Secret_2024"))
        #expect(!SecretValues.isPlainName("AWS::Route53::KeySigningKey"))
        #expect(SecretValues.isPlainName("jwt-key"))
    }
}
