import Model

/// One assignment to a name, attribute or class field: its hashed target (`ConstantKey`), where it
/// is, the innermost function it is in, and the literal it assigns (or -1 for any other value,
/// which makes the name unknown again).
struct ConstantAssignment: Hashable, Sendable {
    var key: UInt64
    /// Offset of the assignment (its `=`, or a parameter's name).
    var position: Int32
    /// Index in `ValueFacts.scopes` of the innermost function, or -1 at module or class level.
    var function: Int32
    /// Index in `ValueFacts.literals`, or -1.
    var literal: Int32
}

/// A class or function body.
struct ValueScope: Hashable, Sendable {
    enum Kind: UInt8, Hashable, Sendable {
        case classBody
        case function
    }

    var kind: Kind
    /// From the `class`/`def`/`function` keyword (or the body's `{`) to the end of the body.
    var start: Int32
    var end: Int32
    /// The enclosing scope, or -1.
    var parent: Int32
    /// Classes: the name and the bases as written.
    var name: String
    var bases: [String]
}

extension ValueFacts {
    /// The literal a name holds at `offset`, by per-file constant propagation: `SECRET`,
    /// `self.secret` / `this.secret` / `cls.secret` (an assignment to the attribute or a class
    /// field of that name), `Config.SECRET`.
    ///
    /// A bare name used in a function is looked up in that function first (the last assignment
    /// before the use decides; a parameter or any other value hides outer constants), then at
    /// module level and in enclosing functions, where the last assignment in the file wins.
    /// Attributes and class fields: the last assignment in the file wins. An assignment of
    /// anything but a literal makes the name unknown.
    public func constant(named name: String, at offset: Int) -> StringLiteralFact? {
        guard let indices = assignmentsByKey[ConstantKey.key(name)] else { return nil }
        var found: ConstantAssignment?
        if !name.utf8.contains(UInt8(ascii: ".")) {
            let function = innermostFunction(containing: offset)
            if function >= 0 {
                var assignedHere = false
                for index in indices where assignments[Int(index)].function == function {
                    assignedHere = true
                    if Int(assignments[Int(index)].position) < offset { found = assignments[Int(index)] }
                }
                if assignedHere { return literal(of: found) }
            }
            for index in indices where encloses(assignments[Int(index)].function, function) {
                found = assignments[Int(index)]
            }
        } else {
            found = indices.last.map { assignments[Int($0)] }
        }
        return literal(of: found)
    }

    private func literal(of assignment: ConstantAssignment?) -> StringLiteralFact? {
        guard let assignment, assignment.literal >= 0 else { return nil }
        return literals[Int(assignment.literal)]
    }

    /// Whether scope `outer` is -1 (module level), `inner` or one of its enclosing scopes.
    private func encloses(_ outer: Int32, _ inner: Int32) -> Bool {
        var scope = inner
        while scope >= 0 {
            if scope == outer { return true }
            scope = scopes[Int(scope)].parent
        }
        return outer < 0
    }

    /// The innermost function whose body contains `offset`, or -1.
    func innermostFunction(containing offset: Int) -> Int32 {
        var best: Int32 = -1
        for (index, scope) in scopes.enumerated() where scope.kind == .function {
            if Int(scope.start) <= offset, offset < Int(scope.end) {
                if best < 0 || scopes[Int(best)].start <= scope.start { best = Int32(index) }
            }
        }
        return best
    }
}
