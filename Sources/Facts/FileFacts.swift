import Model

/// How an import was written. Rules may treat some forms differently (e.g. type-only).
public enum ImportForm: String, Sendable, Codable {
    /// Python `import a.b [as c]`.
    case importStatement
    /// Python `from a import b [as c]`.
    case fromImport
    /// Python `__import__("m")`, `importlib.import_module("m")`; JS `import("m")`.
    case dynamicImport
    /// ES `import x from "m"`, `import * as x`, `import {a}`, `import "m"`.
    case esImport
    /// ES `export ... from "m"`.
    case exportFrom
    /// CommonJS `require("m")`.
    case require
    /// TypeScript `import x = require("m")`.
    case importEquals
}

/// One imported module as written in a file.
public struct ImportFact: Hashable, Sendable {
    /// The module as written: `jwt`, `jose.jwt`, `.relative.mod`, `@nestjs/jwt`, `jose/jwt/verify`.
    public var module: String
    /// Members imported from it (`from a import b, c` → `["b", "c"]`; ES named imports). Empty for
    /// whole-module imports. Rules may match `module.member` too (`from authlib import jose`).
    public var members: [String]
    public var form: ImportForm
    /// ES `import type` / `export type`: erased at compile time.
    public var isTypeOnly: Bool
    /// Whether the statement brings in the module object itself (`import jwt`, a default or
    /// namespace import, `import *`, a plain `require`), not only the named `members`.
    public var importsModule: Bool
    /// The statement or call: from its keyword (or `require`) through the module name.
    public var range: ByteRange

    public init(module: String, members: [String] = [], form: ImportForm, isTypeOnly: Bool = false,
                importsModule: Bool? = nil, range: ByteRange) {
        self.module = module
        self.members = members
        self.form = form
        self.isTypeOnly = isTypeOnly
        self.importsModule = importsModule ?? (members.isEmpty || members.contains("*"))
        self.range = range
    }

    /// Whether the module is relative (Python `.x`, JS `./x`, `../x`): never a library.
    public var isRelative: Bool { module.utf8.first == UInt8(ascii: ".") }
}

/// One argument of a call: positional, keyword (`key=...` in Python) or, inside an object-literal
/// argument, a property (`{secret: ...}` in JS, listed in the argument's `properties`).
public struct ArgumentFact: Hashable, Sendable {
    /// Python keyword (`key=`) or object property name; nil for positional arguments.
    public var keyword: String?
    /// The value expression.
    public var range: ByteRange
    /// When the value is one plain string literal (or a known wrapper of one, see
    /// `ArgumentValue`): its value and the range of the literal's content (inside the quotes).
    public var stringValue: String?
    public var stringRange: ByteRange?
    /// When the value is a plain dotted name (`SECRET`, `self.key`, `settings.JWT_SECRET`).
    public var name: String?
    /// When the value is an object literal `{a: x, b: 'y'}` (JS) or dict display with string
    /// keys (Python): its top-level entries, with `keyword` set to the key.
    public var properties: [ArgumentFact]
    /// When the value is another literal: `True`/`false`, a number, `None`/`null`/`undefined`, or
    /// a list / tuple display (its elements described like arguments).
    public var literal: ArgumentLiteral?
    /// When the value is a length of time written with literals (see `DurationValue`): in seconds.
    public var seconds: Double?
    /// Whether `seconds` is added to the clock (`datetime.utcnow() + timedelta(minutes=5)`): an
    /// expiry time that far ahead.
    public var isExpiry: Bool = false

    public init(keyword: String? = nil, range: ByteRange, stringValue: String? = nil, stringRange: ByteRange? = nil,
                name: String? = nil, properties: [ArgumentFact] = [], literal: ArgumentLiteral? = nil) {
        self.keyword = keyword
        self.range = range
        self.stringValue = stringValue
        self.stringRange = stringRange
        self.name = name
        self.properties = properties
        self.literal = literal
    }

    /// The entry `key` of an object literal / dict display value.
    public func property(_ key: String) -> ArgumentFact? {
        properties.first { $0.keyword == key }
    }
}

/// A literal value other than a string (see `ArgumentFact.literal`).
public indirect enum ArgumentLiteral: Hashable, Sendable {
    case bool(Bool)
    case number(Double)
    case null
    case list([ArgumentFact])
}

/// A call site (or `new` construction).
public struct CallFact: Hashable, Sendable {
    /// The callee as written, as a dotted chain; a call in the chain shows as `()`:
    /// `jwt.decode`, `self.client.validate_token`, `get_unified_auth().validate_token`.
    public var callee: String
    /// The callee with its head replaced by what an import bound it to, or nil when the head is
    /// not bound: `pyjwt.decode(...)` after `import jwt as pyjwt` is `jwt.decode`;
    /// `verify(...)` after `const {verify} = require('jsonwebtoken')` is `jsonwebtoken.verify`.
    public var qualifiedName: String?
    /// `new X(...)`.
    public var isConstruction: Bool
    /// Called on the result of another call (`a().b()`): its name contains `()`.
    public var isChained: Bool
    /// From the callee's first token through the closing parenthesis (or the callee's end when the
    /// parenthesis is not closed).
    public var range: ByteRange
    public var arguments: [ArgumentFact]

    public init(callee: String, qualifiedName: String?, isConstruction: Bool = false, isChained: Bool = false,
                range: ByteRange, arguments: [ArgumentFact] = []) {
        self.callee = callee
        self.qualifiedName = qualifiedName
        self.isConstruction = isConstruction
        self.isChained = isChained
        self.range = range
        self.arguments = arguments
    }

    /// The argument written as `keyword=` (Python), else the `position`-th positional argument
    /// (keyword arguments not counted): where a rule finds a key, an option object or a value.
    public func argument(keyword: String?, position: Int?) -> ArgumentFact? {
        if let keyword, let found = arguments.first(where: { $0.keyword == keyword }) { return found }
        guard let position, position >= 0 else { return nil }
        var index = 0
        for argument in arguments where argument.keyword == nil {
            if index == position { return argument }
            index += 1
        }
        return nil
    }
}

/// Everything rules need to know about one file, extracted once from its tokens.
public struct FileFacts: Sendable {
    public var language: Language
    public var imports: [ImportFact]
    /// Every call site in the file, in source order.
    public var calls: [CallFact]
    /// Local name → what an import (or an alias of one) bound it to, e.g. `pyjwt` → `jwt`,
    /// `verify` → `jsonwebtoken.verify`. File-wide: an import inside a function binds for the file.
    public var bindings: [String: String]
    /// Function and method definitions (see `FunctionFact`).
    public var functions: [FunctionFact]
    /// String literals, assignments and settings reads (see `ValueFacts`).
    public var values: ValueFacts
    /// Every comment's range (for inline suppressions).
    public var comments: [ByteRange]
    /// Names bound to values in the code (see `ValueBinding`), in source order.
    public var valueBindings: [ValueBinding] = []
    /// `try` bodies, handlers and branches (see `BlockFact`), sorted by body start, outer first.
    public var blocks: [BlockFact] = []
    /// `return` statements, in source order.
    public var returns: [ReturnFact] = []
    /// Query parameters whose value the code appends to a URL (see `URLParameterFact`).
    public var urlParameters: [URLParameterFact] = []

    public init(language: Language, imports: [ImportFact] = [], calls: [CallFact] = [], bindings: [String: String] = [:],
                functions: [FunctionFact] = [], values: ValueFacts = ValueFacts(), comments: [ByteRange] = []) {
        self.language = language
        self.imports = imports
        self.calls = calls
        self.bindings = bindings
        self.functions = functions
        self.values = values
        self.comments = comments
    }

    /// Calls resolved through an import binding, not chained on another call's result (what
    /// forbidden-call rules look at). Lazy: evaluating a rule copies no calls.
    public var resolvedCalls: LazyFilterSequence<[CallFact]> {
        calls.lazy.filter { $0.qualifiedName != nil && !$0.isChained }
    }
}

/// A name bound to a value by an assignment: `claims = jwt.decode(t, k)` (a resolved call's
/// result), `v = jwt.verify` (an alias), `payload = auth_client.decode_token(t)` (an unresolved
/// call's result), `const { payload } = await jwtVerify(t, k)` (a property of a result). Rules ask
/// where a value came from: a token decoded by the library, or the result of a delegate.
public struct ValueBinding: Hashable, Sendable {
    /// The bound name (`claims`).
    public var name: String
    /// What it holds: the resolved value (`jwt.decode()`, `jose.jwtVerify().payload`), or the
    /// expression as written when its head is not bound (`auth_client.decode_token()`).
    public var value: String
    /// Whether `value` went through an import binding.
    public var isResolved: Bool
    /// Whether the value is a call's result (or a property of one).
    public var isCallResult: Bool
    /// Index in `FileFacts.functions` of the function the assignment is in, or -1.
    public var function: Int
    /// Where the assignment statement starts.
    public var offset: Int
    /// When the value is an object literal / dict display: its entries (`value` is `{…}`).
    public var properties: [ArgumentFact]

    public init(name: String, value: String, isResolved: Bool, isCallResult: Bool, function: Int, offset: Int,
                properties: [ArgumentFact] = []) {
        self.name = name
        self.value = value
        self.isResolved = isResolved
        self.isCallResult = isCallResult
        self.function = function
        self.offset = offset
        self.properties = properties
    }
}

/// Finds the `ValueBinding` of a name at a place in O(log n): intraprocedural by design (the last
/// assignment before the place in the same function, else at module level).
public struct ValueBindingIndex: Sendable {
    private var byKey: [String: [ValueBinding]] = [:]

    public init(_ facts: FileFacts) {
        for binding in facts.valueBindings { byKey[Self.key(binding.name, binding.function), default: []].append(binding) }
    }

    public var isEmpty: Bool { byKey.isEmpty }

    public func binding(of name: String, in function: Int, before offset: Int) -> ValueBinding? {
        if function >= 0, let found = last(byKey[Self.key(name, function)], before: offset) { return found }
        return last(byKey[Self.key(name, -1)], before: offset)
    }

    private func last(_ list: [ValueBinding]?, before offset: Int) -> ValueBinding? {
        guard let list else { return nil }
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].offset < offset { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? list[low - 1] : nil
    }

    private static func key(_ name: String, _ function: Int) -> String { "\(function)\u{0}\(name)" }
}
