import JSONC
/// A usage error: exits 64 with the message and a pointer to `--help`.
struct UsageError: Error {
    var message: String
    var command: String?
}

/// Reads a subcommand's arguments in order: flags, options with values (`--opt v` or `--opt=v`),
/// positionals, and `--` ending the options. Unknown options are usage errors.
struct Arguments {
    private var rest: [String]
    let command: String?
    private(set) var positionals: [String] = []
    private var endOfOptions = false

    init(_ arguments: [String], command: String?) {
        rest = arguments
        self.command = command
    }

    /// The next option name (`--format`), or nil when only positionals remain. Positionals met on
    /// the way are collected. An inline value (`--format=json`) is kept for `value(for:)`.
    mutating func nextOption() -> String? {
        while let argument = rest.first {
            rest.removeFirst()
            if endOfOptions || argument == "-" || !argument.hasPrefix("-") {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                endOfOptions = true
                continue
            }
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                rest.insert(String(argument[argument.index(after: equals)...]), at: 0)
                pendingInline = true
                return String(argument[..<equals])
            }
            pendingInline = false
            return argument
        }
        return nil
    }

    private var pendingInline = false

    /// The value of the option just read.
    mutating func value(for option: String) throws(UsageError) -> String {
        guard let value = rest.first, pendingInline || !value.hasPrefix("--") else {
            throw UsageError(message: "option \(option) needs a value", command: command)
        }
        rest.removeFirst()
        pendingInline = false
        return value
    }

    /// Fails if the option just read was given an inline value (`--no-ignore=x`).
    mutating func flag(_ option: String) throws(UsageError) {
        if pendingInline {
            throw UsageError(message: "option \(option) takes no value", command: command)
        }
    }

    /// The error for an option the command does not have, with the nearest one it has (from its
    /// help text, the one list of its options).
    func unknown(_ option: String) -> UsageError {
        let known = Usage.options(of: command ?? "")
        let hint = Suggestion.nearest(to: option, among: known).map { "; did you mean '\($0)'?" } ?? ""
        return UsageError(message: "unknown option '\(option)'" + hint, command: command)
    }

    func choice<T: RawRepresentable & CaseIterable>(_ value: String, for option: String, _ type: T.Type)
        throws(UsageError) -> T where T.RawValue == String
    {
        guard let parsed = T(rawValue: value) else {
            let allowed = T.allCases.map(\.rawValue)
            let hint = Suggestion.nearest(to: value, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
            throw UsageError(message: "invalid value '\(value)' for \(option); expected one of: \(allowed.joined(separator: ", "))"
                             + hint, command: command)
        }
        return parsed
    }
}
