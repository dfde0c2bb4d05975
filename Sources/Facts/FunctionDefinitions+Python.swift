import Lexing
import Model

/// Finds Python function definitions in one pass over the tokens, following blocks by their
/// `.indent` / `.dedent` tokens.
///
/// `def` / `async def` at any nesting (methods when directly in a class), with a block body or a
/// one-line body (`def f(x): return x`); `NAME = lambda ...: body` at the start of a statement.
/// Class and function names form the qualified name (`TokenService.verify_token`).
struct PythonDefinitions {
    let stream: TokenStream

    init(_ stream: TokenStream) { self.stream = stream }

    /// An open class or function block.
    private struct Scope {
        var name: String
        /// The dotted names of this scope and the ones around it.
        var path: String
        var isClass: Bool
        /// Index in the result (functions only).
        var definition: Int
        /// The indentation level of the block's statements.
        var level: Int
    }

    /// A header whose block body starts at the next `.indent`.
    private struct Pending {
        var name: String
        var nameToken: Int
        var isClass: Bool
    }

    func scan() -> [FunctionDefinition] {
        var result: [FunctionDefinition] = []
        var scopes: [Scope] = []
        var pending: Pending?
        var level = 0
        var lastCode = -1
        var i = 0
        let count = stream.count
        while i < count {
            let kind = stream.tokens[i].kind
            switch kind {
            case .indent:
                level += 1
                if let header = pending {
                    var definition = -1
                    if !header.isClass {
                        definition = result.count
                        result.append(define(header.name, nameToken: header.nameToken, scopes: scopes, first: i + 1, last: i))
                    }
                    let path = ScopePath.appending(header.name, to: scopes.last?.path ?? "")
                    scopes.append(Scope(name: header.name, path: path, isClass: header.isClass, definition: definition,
                                        level: level))
                    pending = nil
                }
                i += 1
                continue
            case .dedent:
                level -= 1
                pending = nil
                while let top = scopes.last, top.level > level {
                    if top.definition >= 0 { result[top.definition].bodyLast = lastCode }
                    scopes.removeLast()
                }
                i += 1
                continue
            case .newline:
                i += 1
                continue
            default:
                break
            }
            // A header not followed by an indented block (`def f():` at the end of the file).
            if pending != nil, stream.kind(i - 1) == .newline { pending = nil }
            lastCode = i
            guard kind == .identifier, stream.kind(i - 1) != .dot else {
                i += 1
                continue
            }
            let length = stream.tokens[i].length
            if length == 3 || length == 5, stream.isWord(i, "def") || stream.isWord(i, "class"), stream.kind(i + 1) == .identifier {
                let isClass = stream.isWord(i, "class")
                guard let colon = headerColon(from: i + 2) else {
                    i += 2
                    continue
                }
                let name = stream.text(i + 1)
                if stream.kind(colon + 1) == .newline {
                    pending = Pending(name: name, nameToken: i + 1, isClass: isClass)
                } else if !isClass, let last = stream.pythonLineEnd(from: colon + 1) {
                    result.append(define(name, nameToken: i + 1, scopes: scopes, first: colon + 1, last: last))
                }
                i = colon + 1
            } else if length == 6, stream.isWord(i, "lambda"), stream.kind(i - 1) == .equal, stream.kind(i - 2) == .identifier,
                      stream.isPythonStatementStart(i - 2), let colon = lambdaColon(from: i + 1), let last = stream.pythonLineEnd(from: colon + 1)
            {
                var definition = define(stream.text(i - 2), nameToken: i - 2, scopes: scopes, first: colon + 1, last: last)
                definition.kind = .assigned
                result.append(definition)
                i = colon + 1
            } else {
                i += 1
            }
        }
        for scope in scopes where scope.definition >= 0 { result[scope.definition].bodyLast = lastCode }
        return result.filter { $0.bodyFirst <= $0.bodyLast }
    }

    private func define(_ name: String, nameToken: Int, scopes: [Scope], first: Int, last: Int) -> FunctionDefinition {
        let kind: FunctionFact.Kind = scopes.last?.isClass == true ? .method : .function
        return FunctionDefinition(name: name, scope: scopes.last?.path ?? "", kind: kind, nameToken: nameToken,
                                  bodyFirst: first, bodyLast: last)
    }

    /// The `:` ending a `def` / `class` header whose parameters (or bases) start at `i`:
    /// `[T](params) -> annotation:` / `(bases):`.
    private func headerColon(from i: Int) -> Int? {
        var depth = 0
        var k = i
        while k < stream.count {
            switch stream.tokens[k].kind {
            case .lParen, .lBracket, .lBrace: depth += 1
            case .rParen, .rBracket, .rBrace: depth -= 1
            case .colon where depth == 0: return k
            case .newline, .indent, .dedent: return nil
            default: break
            }
            k += 1
        }
        return nil
    }

    /// The `:` ending a lambda's parameters (past lambdas in default values).
    private func lambdaColon(from i: Int) -> Int? {
        var depth = 0
        var open = 1
        var k = i
        while k < stream.count {
            switch stream.tokens[k].kind {
            case .lParen, .lBracket, .lBrace: depth += 1
            case .rParen, .rBracket, .rBrace: depth -= 1
            case .identifier where depth == 0 && stream.isWord(k, "lambda"): open += 1
            case .colon where depth == 0:
                open -= 1
                if open == 0 { return k }
            case .newline, .indent, .dedent: return nil
            default: break
            }
            k += 1
        }
        return nil
    }

}
