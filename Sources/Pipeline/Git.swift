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
        let top = try git(["rev-parse", "--show-toplevel"], in: path)
        let prefix = try git(["rev-parse", "--show-prefix"], in: path)
        return GitRepository(top: String(decoding: top, as: UTF8.self).trimmingCharacters(in: .newlines),
                             prefix: String(decoding: prefix, as: UTF8.self).trimmingCharacters(in: .newlines))
    }

    /// First-parent commits of `ref`, oldest first, within the optional date bounds.
    func commits(ref: String, since: String?, until: String?) throws(PipelineError) -> [Commit] {
        var arguments = ["log", "--first-parent", "--format=%H %ct"]
        if let since { arguments.append("--since=\(since)") }
        if let until { arguments.append("--until=\(until)") }
        arguments += [ref, "--"]
        let output = String(decoding: try Self.git(arguments, in: top), as: UTF8.self)
        return output.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let time = Int(parts[1]) else { return nil }
            return Commit(sha: String(parts[0]), time: time)
        }.reversed()
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

    /// The contents of `objects`, read with one `git cat-file --batch`; missing objects are absent.
    func blobs(_ objects: [String]) throws(PipelineError) -> [String: [UInt8]] {
        guard !objects.isEmpty else { return [:] }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("ssotguard-objects-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: input) }
        do {
            try Data((objects.joined(separator: "\n") + "\n").utf8).write(to: input)
        } catch {
            throw .git("cannot write a temporary file: \(error.localizedDescription)")
        }
        let output = try Self.git(["cat-file", "--batch"], in: top, stdin: input)
        var result: [String: [UInt8]] = [:]
        var i = output.startIndex
        while i < output.endIndex {
            guard let newline = output[i...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = output[i..<newline].split(separator: UInt8(ascii: " "))
            i = output.index(after: newline)
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)) else { continue }
            let end = min(output.endIndex, i + size)
            result[String(decoding: header[0], as: UTF8.self)] = Array(output[i..<end])
            i = min(output.endIndex, end + 1)
        }
        return result
    }

    /// Runs git and returns its standard output; a failure names the command and git's message.
    static func git(_ arguments: [String], in directory: String, stdin: URL? = nil) throws(PipelineError) -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
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
