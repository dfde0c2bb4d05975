import Foundation

/// Read-only access to a git repository through the `git` command: commits, trees and blobs,
/// without checking anything out.
struct GitRepository {
    /// The work tree's top directory.
    let top: String
    /// The scan root relative to `top`, with a trailing `/` (empty at the top).
    let prefix: String

    /// One entry of a tree listing.
    struct TreeEntry {
        var mode: String
        var type: String
        var object: String
        var size: Int
        /// Path relative to the scan root.
        var path: String
    }

    struct Commit: Equatable {
        var sha: String
        /// Committer time, seconds since 1970 (UTC).
        var time: Int
    }

    /// The repository containing `path`, or an error saying it is not one.
    static func open(_ path: String) throws(PipelineError) -> GitRepository {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .git("\(path): not a directory")
        }
        let lines = String(decoding: try git(["rev-parse", "--show-toplevel", "--show-prefix"], in: path), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
        return GitRepository(top: lines.first.map(String.init) ?? path, prefix: lines.count > 1 ? String(lines[1]) : "")
    }

    /// One commit's changes to the scan root's files against its first parent.
    struct Change {
        var path: String
        /// The new blob, or nil when the path was deleted (or is no longer a blob).
        var object: String?
        var mode: String
    }

    /// First-parent commits of `ref` with their changes (`git log --raw`), oldest first: one git
    /// process for the whole history. Paths outside the scan root are left out.
    func changeLog(ref: String, since: String?, until: String?) throws(PipelineError) -> [(commit: Commit, changes: [Change])] {
        var arguments = ["log", "--first-parent", "--reverse", "--format=%x01%H %ct", "--raw", "-z", "--no-renames",
                         "--no-abbrev", "--diff-merges=first-parent"]
        if let since { arguments.append("--since=\(since)") }
        if let until { arguments.append("--until=\(until)") }
        arguments += [ref, "--"]
        let output = try Self.git(arguments, in: top)
        var log: [(commit: Commit, changes: [Change])] = []
        var i = 0
        func field(until terminator: UInt8) -> String {
            let start = i
            while i < output.count, output[i] != terminator { i += 1 }
            defer { i += 1 }
            return String(decoding: output[start..<min(i, output.count)], as: UTF8.self)
        }
        while i < output.count {
            if output[i] == 0x01 {
                i += 1
                let header = field(until: 0).split(separator: " ")
                if i < output.count, output[i] == UInt8(ascii: "\n") { i += 1 }
                guard header.count == 2, let time = Int(header[1]) else { continue }
                log.append((Commit(sha: String(header[0]), time: time), []))
            } else if output[i] == UInt8(ascii: ":") {
                let fields = field(until: 0).dropFirst().split(separator: " ")
                var path = field(until: 0)
                guard fields.count == 5, !log.isEmpty, path.hasPrefix(prefix) else { continue }
                path.removeFirst(prefix.count)
                let deleted = fields[4] == "D" || fields[1] == "000000" || !fields[1].hasPrefix("10")
                log[log.count - 1].changes.append(Change(path: path, object: deleted ? nil : String(fields[3]), mode: String(fields[1])))
            } else {
                i += 1
            }
        }
        return log
    }

    /// Every blob below the scan root at `commit` (`git ls-tree -r -l`).
    func tree(_ commit: String) throws(PipelineError) -> [TreeEntry] {
        var arguments = ["ls-tree", "-r", "-l", "-z", "--full-tree", commit]
        if !prefix.isEmpty { arguments += ["--", prefix] }
        let output = try Self.git(arguments, in: top)
        var entries: [TreeEntry] = []
        for record in output.split(separator: 0) {
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let fields = record[..<tab].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
            guard fields.count == 4 else { continue }
            var path = String(decoding: record[record.index(after: tab)...], as: UTF8.self)
            guard path.hasPrefix(prefix) else { continue }
            path.removeFirst(prefix.count)
            entries.append(TreeEntry(mode: String(decoding: fields[0], as: UTF8.self), type: String(decoding: fields[1], as: UTF8.self),
                                     object: String(decoding: fields[2], as: UTF8.self),
                                     size: Int(String(decoding: fields[3], as: UTF8.self)) ?? 0, path: path))
        }
        return entries
    }

    /// The git executable: the first `git` on PATH.
    static let gitPath: String = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/git"
    }()

    /// Runs git and returns its standard output; a failure names the command and git's message.
    static func git(_ arguments: [String], in directory: String, stdin: URL? = nil) throws(PipelineError) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gitPath)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("ssotguard-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errors) }
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        do {
            process.standardOutput = output
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardInput = try stdin.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
            try process.run()
        } catch {
            throw .git("cannot run git: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if message.contains("not a git repository") {
                throw .git("\(directory): not inside a git repository")
            }
            throw .git("git \(arguments.prefix(2).joined(separator: " ")) failed: \(message)")
        }
        return [UInt8](data)
    }
}

extension Pipeline {
    /// The absolute directory git runs hooks from, for the repository containing `directory`.
    public static func gitHooksDirectory(of directory: String) throws(PipelineError) -> String {
        let output = try GitRepository.git(["rev-parse", "--git-path", "hooks"], in: directory)
        let hooks = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return hooks.hasPrefix("/") ? hooks : URL(fileURLWithPath: directory).appendingPathComponent(hooks).standardizedFileURL.path
    }
}
