import Lexing
import Model

/// A function or method definition with a body.
///
/// Functions are Python `def` / `async def` (at any nesting, methods included) and `NAME = lambda`;
/// TypeScript / JavaScript function declarations and named function expressions, class and
/// object-literal methods (getters and setters excluded), and arrow functions or function
/// expressions assigned to a name (`const f = (t) => ...`, `f = function () {}`, class property
/// `f = async (t) => {...}`, `const f = useCallback(async (t) => {...}, [])`). Declarations
/// without a body (interface members, overload signatures, `abstract` and `declare` methods) are
/// not functions.
///
/// Finding functions is cheap and done for every file; what bodies do
/// (`FileFacts.scanFunctionBodies()`) is worked out when a rule asks. Calls are not repeated
/// there: `FileFacts.calls` inside `bodyRange` are the body's calls.
public struct FunctionFact: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// `def f`, `function f`.
        case function
        /// A method of a class or object literal (`def m(self)` in a class, `m() {}`, class
        /// property `m = () => {}`).
        case method
        /// An arrow function, function expression or lambda assigned to a name.
        case assigned
    }

    /// The name as written: `validate_token`, `verifyToken`.
    public var name: String
    /// The enclosing classes, object literals and functions, dot-separated (`TokenService`,
    /// `api`, `outer`); empty at the top level.
    public var scope: String
    public var kind: Kind
    /// The name token.
    public var nameRange: ByteRange
    /// The body: a TypeScript block with its braces, an arrow's expression, a Python block (first
    /// to last token) or a one-line body after the `:`.
    public var bodyRange: ByteRange
    /// Index in `FileFacts.functions` of the innermost function whose body contains this one.
    /// Functions are in source order, so the functions nested in one follow it.
    public var parent: Int?
    /// The file's tokens, for `FileFacts.scanFunctionBodies()`; nil for facts built by hand.
    let source: FunctionSource?
    let index: Int

    public init(name: String, scope: String = "", kind: Kind, nameRange: ByteRange, bodyRange: ByteRange,
                parent: Int? = nil) {
        self.init(name: name, scope: scope, kind: kind, nameRange: nameRange, bodyRange: bodyRange, parent: parent,
                  source: nil, index: 0)
    }

    init(name: String, scope: String, kind: Kind, nameRange: ByteRange, bodyRange: ByteRange, parent: Int?,
         source: FunctionSource?, index: Int) {
        self.name = name
        self.scope = scope
        self.kind = kind
        self.nameRange = nameRange
        self.bodyRange = bodyRange
        self.parent = parent
        self.source = source
        self.index = index
    }

    /// The name with its scope: `TokenService.verify`, `api.verifyToken`, `outer.inner`.
    public var qualifiedName: String { scope.isEmpty ? name : scope + "." + name }

    public static func == (lhs: FunctionFact, rhs: FunctionFact) -> Bool {
        lhs.name == rhs.name && lhs.scope == rhs.scope && lhs.kind == rhs.kind && lhs.nameRange == rhs.nameRange
            && lhs.bodyRange == rhs.bodyRange && lhs.parent == rhs.parent
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(nameRange)
        hasher.combine(bodyRange)
    }
}

/// Generic facts about a function's own body (the tokens of nested functions belong to them), in
/// source order.
public struct FunctionBody: Hashable, Sendable {
    /// Member reads: `x["k"]`, `x.get("k")`, `x.k` / `x?.k` (not a called member).
    public var reads: [MemberRead] = []
    /// Identifiers used as a container: the receiver of a method call (`store` in
    /// `self.store.add(x)`), a subscripted name with a non-literal index (`revoked[jti]`), the
    /// right operand of Python `in` / `not in` (`jti in self.revoked`). `self`, `this` and `cls`
    /// are left out; each name once per function.
    public var containers: [NameOccurrence] = []
    /// String literal text that looks like a key (no white space): `"revoked_tokens"`, the
    /// `blacklist:` of `f"blacklist:{jti}"`. Not dict keys, subscript keys, `.get("k")` field
    /// names, docstrings, or messages (strings in `raise` / `throw` statements and log calls).
    public var keyStrings: [NameOccurrence] = []
    /// One code per own body token with names abstracted (keywords, operators and punctuation
    /// kept; member names approximated), one code for each nested function: the input of
    /// structural fingerprints.
    public var skeleton: [UInt32] = []

    public init(reads: [MemberRead] = [], containers: [NameOccurrence] = [], keyStrings: [NameOccurrence] = [],
                skeleton: [UInt32] = []) {
        self.reads = reads
        self.containers = containers
        self.keyStrings = keyStrings
        self.skeleton = skeleton
    }
}

/// A read of a member by name: `payload["exp"]`, `payload.get("exp")`, `payload.exp`.
public struct MemberRead: Hashable, Sendable {
    public enum Form: UInt8, Hashable, Sendable {
        /// `x["k"]` (a string literal index).
        case `subscript`
        /// `x.get("k")` / `x.get("k", default)`.
        case getCall
        /// `x.k`, `x?.k`.
        case attribute
    }

    /// The member name or key.
    public var name: String
    public var form: Form
    /// The name token or key literal.
    public var range: ByteRange
    /// Whether the value read is compared: its statement contains a comparison, or it is bound to
    /// a local (`exp = p["exp"]`) that a later statement of the same function compares
    /// (`if exp < now`). Comparisons: `< > <= >= == != === !==`, Python
    /// `in` (not a `for`'s), `not in`, `is`, `is not`; TypeScript `<` / `>` only with white space
    /// on both sides, so type arguments and JSX tags are not comparisons; a comparison with
    /// `None` / `null` / `undefined` tests presence and does not count. Statements are Python
    /// logical lines; in TypeScript they end at `;`, at a `{` or `}` outside brackets, or at a
    /// line break outside brackets.
    public var compared: Bool
    /// The local the statement assigns: `exp` in `exp = payload["exp"]`, `const exp = p.exp`,
    /// `const { exp } = p`.
    public var boundTo: String?
    /// What the member is read from, when it is a plain name or an attribute of the object:
    /// `payload` in `payload["exp"]`, `self.claims` in `self.claims.exp`; nil for expressions.
    public var receiver: String?
    /// Whether a comparison it is part of also involves the clock (`time.time()`, `Date.now()`,
    /// `datetime.utcnow()`, a `now` variable): an expiry check.
    public var comparedWithClock: Bool

    public init(name: String, form: Form, range: ByteRange, compared: Bool = false, boundTo: String? = nil,
                receiver: String? = nil, comparedWithClock: Bool = false) {
        self.name = name
        self.form = form
        self.range = range
        self.compared = compared
        self.boundTo = boundTo
        self.receiver = receiver
        self.comparedWithClock = comparedWithClock
    }
}

/// A piece of text at a place: an identifier or string literal content.
public struct NameOccurrence: Hashable, Sendable {
    public var text: String
    public var range: ByteRange

    public init(_ text: String, _ range: ByteRange) {
        self.text = text
        self.range = range
    }
}
