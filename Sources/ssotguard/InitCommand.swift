import Foundation
import Model
import Pipeline

/// `ssotguard init`: a starter `.ssotguard.json`, a baseline of today's findings, next steps; a
/// git pre-commit hook only with `--hook`, never replacing an existing one.
struct InitCommand {
    var directory = "."
    var installHook = false
    var force = false

    static let baselineName = ".ssotguard-baseline.json"

    init(_ arguments: [String]) throws(UsageError) {
        var args = Arguments(arguments, command: "init")
        while let option = args.nextOption() {
            switch option {
            case "--hook": try args.flag(option); installHook = true
            case "--force": try args.flag(option); force = true
            default: throw args.unknown(option)
            }
        }
        guard args.positionals.count <= 1 else { throw UsageError(message: "init takes one PATH", command: "init") }
        directory = args.positionals.first ?? "."
    }

    static let starter = """
        // ssotguard configuration: JSON with comments. `ssotguard config --print` shows the
        // effective settings; the README documents every key.
        {
          "version": 1,
          // Known violations, accepted as debt: only new ones fail `ssotguard scan`.
          "baseline": "\(baselineName)",
          // Extra rule packs and another migration plan (paths relative to this file):
          // "rulePacks": ["rules/our-policies.json"],
          // "plan": "rules/plan-our-migration.json",
          // Point a pack at your own single source of truth instead of copying it:
          // "packs": { "jwt": { "allowedPaths": ["services/auth/jwt_handler.py", "services/auth/facade.py"] } },
          "exclude": [],
          "rules": {
            // "jwt-manual-decode": { "severity": "warning" },
            // "jwt-secret-config": { "enabled": false }
          }
        }

        """

    func run() async -> ExitCode {
        let configPath = URL(fileURLWithPath: directory).appendingPathComponent(".ssotguard.json").path
        let baselinePath = URL(fileURLWithPath: directory).appendingPathComponent(Self.baselineName).path
        if FileManager.default.fileExists(atPath: configPath), !force {
            Output.error("\(configPath) exists; not overwritten (use --force to replace it)")
            return .toolError
        }
        if let problem = Output.write(Self.starter, toFile: configPath) {
            Output.error(problem)
            return .toolError
        }
        Output.stdout("wrote \(configPath)\n")
        var options = ScanOptions()
        options.paths = [directory]
        options.configFile = configPath
        let result: ScanResult
        do {
            var resolved = try Pipeline.resolve(options)
            resolved.baselineFile = nil  // the baseline is what we are about to write
            result = try await Pipeline.run(resolved)
        } catch {
            Output.error(error.description)
            return .toolError
        }
        if Output.reportErrors(result.diagnostics) { return .toolError }
        guard case .success = BaselineWriter.write(result, to: baselinePath, allowNew: true) else {
            Output.error("cannot write \(baselinePath)")
            return .toolError
        }
        Output.stdout("wrote \(baselinePath) (\(result.activeFindings.count) known finding\(result.activeFindings.count == 1 ? "" : "s"))\n")
        var status = ExitCode.clean
        if installHook { status = hook() }
        Output.stdout("""

            Next steps:
              1. Commit .ssotguard.json and \(Self.baselineName).
              2. In CI: ssotguard scan (fails only on findings that are not in the baseline);
                 for code scanning, ssotguard scan --format sarif --output ssotguard.sarif.
              3. Before each commit: ssotguard scan --staged\(installHook ? " (the hook runs it)" : " (or: ssotguard init --hook)").
              4. Track the migration: ssotguard progress --format markdown; ssotguard history --format html.
              5. After fixing violations: ssotguard scan --write-baseline \(Self.baselineName) (it only tightens).

            """)
        return status
    }

    /// Installs `.git/hooks/pre-commit` unless one exists.
    func hook() -> ExitCode {
        guard let hooksDirectory = try? Pipeline.gitHooksDirectory(of: directory) else {
            Output.error("\(directory) is not in a git repository; no hook installed")
            return .toolError
        }
        let hook = URL(fileURLWithPath: hooksDirectory).appendingPathComponent("pre-commit").path
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let line = "ssotguard scan --staged"
        if FileManager.default.fileExists(atPath: hook) {
            Output.stderr("ssotguard: a pre-commit hook already exists at \(hook); not replaced. Add this line to it:\n  \(line)\n")
            return .toolError
        }
        let script = """
            #!/bin/sh
            # Installed by 'ssotguard init --hook': fails the commit on new SSOT violations in staged files.
            if command -v ssotguard >/dev/null 2>&1; then exec \(line); fi
            exec "\(binary)" scan --staged

            """
        try? FileManager.default.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
        guard Output.write(script, toFile: hook) == nil,
              (try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)) != nil else {
            Output.error("cannot write \(hook)")
            return .toolError
        }
        Output.stdout("installed \(hook)\n")
        return .clean
    }
}
