import Baselines
import Foundation
import Model
import Pipeline

/// `ssotguard init`: a starter `.ssotguard.json`, a baseline of today's findings, next steps; a
/// git pre-commit hook only with `--hook`, never replacing an existing one.
struct InitCommand {
    var directory = "."
    var installHook = false
    var force = false
    /// `--ssot PATH` (repeatable): the JWT pack's SSOT, instead of the proposed one.
    var ssot: [String] = []
    /// `--plan`: also write a generic migration plan to fill in.
    var writePlan = false

    static let baselineName = ".ssotguard-baseline.json"
    /// Where `init` puts the JSON Schemas, relative to the configuration: files ssotguard writes
    /// there name them in `$schema`, so editors complete and validate them offline.
    static let schemaDirectory = ".ssotguard/schemas"
    static let baselineSchema = schemaDirectory + "/baseline.schema.json"

    init(_ arguments: [String]) throws(UsageError) {
        var args = Arguments(arguments, command: "init")
        while let option = args.nextOption() {
            switch option {
            case "--hook": try args.flag(option); installHook = true
            case "--force": try args.flag(option); force = true
            case "--ssot": ssot.append(try args.value(for: option))
            case "--plan": try args.flag(option); writePlan = true
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
          "$schema": "\(schemaDirectory)/configuration.schema.json",
          "version": 1,
          // Known violations, accepted as debt: only new ones fail `ssotguard scan`.
          "baseline": "\(baselineName)",
          // Extra rule packs and another migration plan (paths relative to this file):
          // "rulePacks": ["rules/our-policies.json"],
          // "plan": "rules/plan-our-migration.json",
          // Your JWT single source of truth (see the README: "A pack's SSOT in a few lines"):
          "packs": { "jwt": { "ssot": [{{SSOT}}] } },
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
            // `init --hook` after `init`: the hook only; the configuration and baseline stay.
            if installHook, !writePlan, ssot.isEmpty { return hook() }
            Output.error("\(configPath) exists; not overwritten (use --force to replace it)")
            return .toolError
        }
        // A first scan without an SSOT finds the modules that handle JWTs most.
        var options = ScanOptions()
        options.paths = [directory]
        options.noConfig = true
        let first: ScanResult
        do {
            first = try await Pipeline.run(options)
        } catch {
            Output.error(error.description)
            return .toolError
        }
        if Output.reportErrors(first.diagnostics) { return .toolError }
        let proposal = SSOTProposal.propose(first.findings)
        let chosen = ssot.isEmpty ? proposal.paths : ssot
        Output.stdout(ssot.isEmpty ? proposal.explanation : "SSOT (from --ssot): \(chosen.joined(separator: ", "))\n")
        let quoted = chosen.map { "\"\($0)\"" }.joined(separator: ", ")
        let text = chosen.isEmpty
            ? Self.starter.replacing("          \"packs\": { \"jwt\": { \"ssot\": [{{SSOT}}] } },\n",
                                     with: "          // \"packs\": { \"jwt\": { \"ssot\": [\"services/auth/jwt_handler.py\"] } },\n")
            : Self.starter.replacing("{{SSOT}}", with: quoted)
        if let problem = Output.write(text, toFile: configPath) {
            Output.error(problem)
            return .toolError
        }
        Output.stdout("wrote \(configPath)\n")
        if let status = writeSchemas() { return status }
        if writePlan, let status = plan() { return status }
        options.noConfig = false
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
        // Replacing a baseline re-accepts what it did not know: say how many.
        let existing = (try? Baseline.load(file: baselinePath)).map { Set($0.entries.map(\.fingerprint)) }
        guard case .success = BaselineWriter.write(result, to: baselinePath, allowNew: true) else {
            Output.error("cannot write \(baselinePath)")
            return .toolError
        }
        let active = result.activeFindings
        Output.stdout("wrote \(baselinePath) (\(active.count) known finding\(active.count == 1 ? "" : "s"))\n")
        if let existing {
            let added = active.filter { !existing.contains($0.fingerprint) }.count
            Output.stdout("  replaced the existing baseline: \(added) finding\(added == 1 ? "" : "s") it did not know "
                          + "\(added == 1 ? "is" : "are") now accepted as known\n")
        }
        var status = ExitCode.clean
        if installHook { status = hook() }
        Output.stdout("""

            Next steps:
              1. Commit .ssotguard.json, \(Self.baselineName) and \(Self.schemaDirectory)/.
              2. In CI: ssotguard scan (fails only on findings that are not in the baseline);
                 for code scanning, ssotguard scan --format sarif --output ssotguard.sarif.
              3. Before each commit: ssotguard scan --staged\(installHook ? " (the hook runs it)" : " (or: ssotguard init --hook)").
              4. Track the migration: ssotguard progress --format markdown; ssotguard history --format html.
              5. After fixing violations: ssotguard scan --write-baseline \(Self.baselineName) (it only tightens).

            """)
        return status
    }

    /// The JSON Schemas, for the `$schema` of the configuration and the baseline. Nil when
    /// written, else the failure.
    func writeSchemas() -> ExitCode? {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent(Self.schemaDirectory)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in BuiltinSchemas.files {
            // A multi-line literal leaves out the newline that ends the file.
            if let problem = Output.write(text + "\n", toFile: folder.appendingPathComponent(name).path) {
                Output.error(problem)
                return .toolError
            }
        }
        Output.stdout("wrote \(folder.path)/ (JSON Schemas of the configuration, the baseline, rule packs and reports)\n")
        return nil
    }

    static let planName = "ssotguard-plan.json"

    /// A generic migration plan for teams without this remediation plan: one phase per kind of
    /// work, due dates left to fill in. Nil when written (the run goes on), else the failure.
    func plan() -> ExitCode? {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(Self.planName).path
        if FileManager.default.fileExists(atPath: path), !force {
            Output.error("\(path) exists; not overwritten (use --force to replace it)")
            return .toolError
        }
        if let problem = Output.write(PlanTemplate.text, toFile: path) {
            Output.error(problem)
            return .toolError
        }
        Output.stdout("wrote \(path) (fill in the due dates, then add \"plan\": \"\(Self.planName)\" to .ssotguard.json)\n")
        return nil
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
