import Model

/// Where a string literal's value goes: the kind of the place it is assigned to.
public enum ValueTargetKind: String, Hashable, Sendable {
    /// `name = "x"`, `const name = 'x'`, `let name: string = 'x'`, `{ name = 'x' } = opts`.
    case variable
    /// `self.name = "x"`, `this.name = 'x'`, `obj.name = 'x'`.
    case attribute
    /// A field in a class body: `NAME: str = "x"`, `NAME = Field("x")` (Python), `name = 'x'`,
    /// `private name: string = 'x'` (TypeScript).
    case classField
    /// A dict display entry `{"name": "x"}` or a subscript assignment `cfg["name"] = "x"`.
    case dictKey
    /// An object literal property `{ name: 'x' }`.
    case property
    /// A keyword argument `f(name="x")`.
    case keywordArgument
    /// A parameter default `def f(name="x")`, `function f(name = 'x')`.
    case parameterDefault
    /// `return "x"`: the target's name is the function's (`get_jwt_secret`).
    case returnValue
}

/// The place a literal is assigned to.
public struct ValueTarget: Hashable, Sendable {
    /// The name rules match: the last member of a dotted target (`jwt_secret` for
    /// `self.jwt_secret`), the key of a dict entry or subscript, the property or parameter name.
    public var name: String
    public var kind: ValueTargetKind
    /// The target as written up to its name (`self.jwt_secret`, `os.environ["JWT_SECRET"]`).
    public var range: ByteRange

    public init(name: String, kind: ValueTargetKind, range: ByteRange) {
        self.name = name
        self.kind = kind
        self.range = range
    }
}

/// An environment or settings read whose fallback is a literal: `os.getenv("NAME", "x")`,
/// `config("NAME", default="x")`, `getattr(cfg, "NAME", "x")`, `process.env.NAME || 'x'`,
/// `os.environ.get("NAME") or "x"`. Facts record the shape; rules decide which readers count.
public struct EnvDefault: Hashable, Sendable {
    /// The reading call's callee (`os.getenv`) or the read's receiver (`process.env`), as written.
    public var reader: String
    /// `reader` resolved through import bindings, when its head is bound.
    public var qualifiedReader: String?
    /// The environment variable or setting name read (`JWT_SECRET`).
    public var name: String

    public init(reader: String, qualifiedReader: String?, name: String) {
        self.reader = reader
        self.qualifiedReader = qualifiedReader
        self.name = name
    }
}

/// A string literal that may carry a value somewhere: it is assigned to a target, is the
/// default of a settings read, or looks like a JWT (`eyJ...`). Other literals are not recorded.
public struct StringLiteralFact: Hashable, Sendable {
    /// The decoded value.
    public var value: String
    /// The literal token, quotes and prefix included.
    public var range: ByteRange
    /// The literal's content, inside the quotes (what masking hides).
    public var contentRange: ByteRange
    /// Where the value is assigned to, if anywhere (a literal that is only one part of a larger
    /// expression, such as `"a" + b` or `"x".join(...)`, has none).
    public var target: ValueTarget?
    /// Set when the literal is the fallback of a settings read.
    public var envDefault: EnvDefault?
    /// An element of a list, tuple, set or array display (`["secret", "changeme"]`).
    public var isCollectionElement: Bool
    /// An operand of a comparison (`==`, `!=`, `===`, `!==`, `<`, `in`, `not in`, `is`).
    public var isComparisonOperand: Bool

    public init(value: String, range: ByteRange, contentRange: ByteRange, target: ValueTarget? = nil,
                envDefault: EnvDefault? = nil, isCollectionElement: Bool = false, isComparisonOperand: Bool = false) {
        self.value = value
        self.range = range
        self.contentRange = contentRange
        self.target = target
        self.envDefault = envDefault
        self.isCollectionElement = isCollectionElement
        self.isComparisonOperand = isComparisonOperand
    }
}

/// A read of a setting by name that is not a call: `os.environ["NAME"]`, `process.env["NAME"]`,
/// `settings.NAME`, `process.env.NAME`, `const { NAME } = process.env`. Only names shaped like
/// environment variables (`^[A-Z][A-Z0-9_]*$`) are recorded; calls (`os.getenv("NAME")`) are in
/// `FileFacts.calls`.
public struct SettingRead: Hashable, Sendable {
    public enum Form: String, Hashable, Sendable {
        /// `receiver["NAME"]`.
        case `subscript`
        /// `receiver.NAME` (also `receiver?.NAME`).
        case attribute
        /// `config.auth.jwtSecret`: a member that is no environment-variable name but mentions a
        /// secret, read from a config object.
        case attributePath
        /// `const { NAME } = receiver`.
        case destructuring
    }

    public var form: Form
    /// What the name is read from, as written (`os.environ`, `process.env`, `settings`,
    /// `get_settings()`).
    public var receiver: String
    /// `receiver` resolved through import bindings, when its head is bound.
    public var qualifiedReceiver: String?
    public var name: String
    /// The whole read (`os.environ["NAME"]`, `settings.NAME`); for destructuring the name.
    public var range: ByteRange

    public init(form: Form, receiver: String, qualifiedReceiver: String?, name: String, range: ByteRange) {
        self.form = form
        self.receiver = receiver
        self.qualifiedReceiver = qualifiedReceiver
        self.name = name
        self.range = range
    }
}

/// A Python class-level field: `NAME: str`, `NAME: str = ...`, `NAME = ...` in a class body.
public struct FieldDeclaration: Hashable, Sendable {
    /// The class, and its bases as written (`BaseSettings`, `str, enum.Enum`).
    public var className: String
    public var classBases: [String]
    public var name: String
    /// The field name.
    public var range: ByteRange
    public var isAnnotated: Bool
    /// The value after `=`, if any (to the end of the statement).
    public var valueRange: ByteRange?
    /// When the value is one plain string literal: its value.
    public var stringValue: String?

    public init(className: String, classBases: [String], name: String, range: ByteRange, isAnnotated: Bool,
                valueRange: ByteRange? = nil, stringValue: String? = nil) {
        self.className = className
        self.classBases = classBases
        self.name = name
        self.range = range
        self.isAnnotated = isAnnotated
        self.valueRange = valueRange
        self.stringValue = stringValue
    }
}

/// String literals with their context, per-file constants, and settings reads of one file.
public struct ValueFacts: Hashable, Sendable {
    /// Literals that carry a value (see `StringLiteralFact`), in source order.
    public var literals: [StringLiteralFact]
    /// Setting reads that are not calls, in source order.
    public var settingReads: [SettingRead]
    /// Python class-level fields, in source order.
    public var fieldDeclarations: [FieldDeclaration]
    /// Every assignment to a name, attribute or class field, for `constant(named:at:)`.
    var assignments: [ConstantAssignment]
    /// Indices into `assignments` by key, in source order (a lookup costs what its key has).
    var assignmentsByKey: [UInt64: [Int32]] = [:]
    /// Class and function bodies, for scoping constants.
    var scopes: [ValueScope]

    public init(literals: [StringLiteralFact] = [], settingReads: [SettingRead] = [],
                fieldDeclarations: [FieldDeclaration] = []) {
        self.literals = literals
        self.settingReads = settingReads
        self.fieldDeclarations = fieldDeclarations
        assignments = []
        scopes = []
    }
}
