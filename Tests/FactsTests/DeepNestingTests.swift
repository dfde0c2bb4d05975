import Lexing
import Model
import Testing
@testable import Facts

/// Deeply nested definitions cost linear time: names keep the innermost scopes only, and body
/// facts belong to the function whose own tokens hold them.
@Suite struct DeepNestingTests {
    @Test func scopePathsKeepTheInnermostNames() {
        var path = ""
        for name in ["a", "b", "c", "d", "e", "f"] { path = ScopePath.appending(name, to: path) }
        #expect(path == "….c.d.e.f")
        #expect(ScopePath.appending(nil, to: "a.b") == "a.b")
        #expect(ScopePath.appending("x", to: "") == "x")
        #expect(ScopePath.appending("d", to: "a.b.c") == "a.b.c.d")
    }

    @Test func deeplyNestedTypeScriptFunctionsHaveBoundedNames() {
        let depth = 300
        let code = (0..<depth).map { "function f\($0)(t) { " }.joined() + "return jwt.verify(t, k); " + String(repeating: "} ", count: depth)
        let functions = Functions.facts(code, .typescript)
        #expect(functions.count == depth)
        #expect(functions.last?.qualifiedName == "….f295.f296.f297.f298.f299")
        #expect(functions.allSatisfy { $0.qualifiedName.utf8.count < 40 })
        #expect(functions.map(\.parent) == [nil] + (0..<(depth - 1)).map { $0 })
    }

    @Test func deeplyNestedPythonFunctionsHaveBoundedNames() {
        let depth = 120
        let code = (0..<depth).map { String(repeating: " ", count: $0) + "def f\($0)(t):\n" }.joined()
            + String(repeating: " ", count: depth) + "return t['exp'] < now\n"
        let functions = Functions.facts(code, .python)
        #expect(functions.count == depth)
        #expect(functions.last?.qualifiedName == "….f115.f116.f117.f118.f119")
    }

    /// Each function's own body holds its own facts; a nested function shows as one skeleton code
    /// in its parent; the subtree view gathers them again.
    @Test func ownBodiesExcludeNestedFunctions() {
        let code = """
            def outer(t):
                x = t["exp"] < now
                def inner(p):
                    return p["iss"] == ISS
                return inner
            """
        let own = Functions.ownBody(code, .python, of: "outer")
        #expect(own.reads.map(\.name) == ["exp"])
        #expect(own.skeleton.contains(FunctionBodyScanner.nestedFunctionCode))
        #expect(Functions.ownBody(code, .python, of: "inner").reads.map(\.name) == ["iss"])
        #expect(Functions.body(code, .python, of: "outer").reads.map(\.name) == ["exp", "iss"])
    }
}
