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
    /// The statement or call: from its keyword (or `require`) through the module name.
    public var range: ByteRange

    public init(module: String, members: [String] = [], form: ImportForm, isTypeOnly: Bool = false, range: ByteRange) {
        self.module = module
        self.members = members
        self.form = form
        self.isTypeOnly = isTypeOnly
        self.range = range
    }

    /// Whether the module is relative (Python `.x`, JS `./x`, `../x`): never a library.
    public var isRelative: Bool { module.utf8.first == UInt8(ascii: ".") }
}

/// A call (or `new` construction) whose callee resolves through the file's import bindings.
public struct CallFact: Hashable, Sendable {
    /// The callee with its head replaced by what the import bound it to: `pyjwt.decode(...)` after
    /// `import jwt as pyjwt` is `jwt.decode`; `verify(...)` after
    /// `const {verify} = require('jsonwebtoken')` is `jsonwebtoken.verify`.
    public var qualifiedName: String
    /// `new X(...)`.
    public var isConstruction: Bool
    /// From the callee's first token through the closing parenthesis (or the callee's end when the
    /// parenthesis is not closed).
    public var range: ByteRange

    public init(qualifiedName: String, isConstruction: Bool = false, range: ByteRange) {
        self.qualifiedName = qualifiedName
        self.isConstruction = isConstruction
        self.range = range
    }
}

/// Everything rules need to know about one file, extracted once from its tokens.
public struct FileFacts: Sendable {
    public var language: Language
    public var imports: [ImportFact]
    public var calls: [CallFact]
    /// Local name → what an import (or an alias of one) bound it to, e.g. `pyjwt` → `jwt`,
    /// `verify` → `jsonwebtoken.verify`. File-wide: an import inside a function binds for the file.
    public var bindings: [String: String]

    public init(language: Language, imports: [ImportFact] = [], calls: [CallFact] = [], bindings: [String: String] = [:]) {
        self.language = language
        self.imports = imports
        self.calls = calls
        self.bindings = bindings
    }
}
