import Foundation
import Glibc
import Model
import Testing

@testable import Discovery

/// A scratch directory tree for one test, removed by `remove()`.
struct TempTree {
    /// The tree's real absolute path.
    let root: String

    init() throws {
        var template = Array("/tmp/ssotguard-discovery-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw TreeError(message: "mkdtemp failed: errno \(errno)") }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        root = (try? FileSystem.realPath(path).get()) ?? path
    }

    /// The absolute path of `relative`.
    func path(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

    /// Creates files (with their directories); each gets `contents`.
    func files(_ relatives: String..., contents: String = "x = 1\n") throws {
        for relative in relatives { try file(relative, contents: contents) }
    }

    func file(_ relative: String, contents: String) throws {
        try directory(parent(relative))
        guard FileManager.default.createFile(atPath: path(relative), contents: Data(contents.utf8)) else {
            throw TreeError(message: "cannot create \(relative)")
        }
    }

    func directory(_ relative: String) throws {
        guard !relative.isEmpty else { return }
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    /// Creates a symlink at `relative` whose content is `target` (relative targets stay relative).
    func symlink(_ relative: String, to target: String) throws {
        try directory(parent(relative))
        guard Glibc.symlink(target, path(relative)) == 0 else {
            throw TreeError(message: "cannot symlink \(relative): errno \(errno)")
        }
    }

    func fifo(_ relative: String) throws {
        try directory(parent(relative))
        guard mkfifo(path(relative), 0o644) == 0 else { throw TreeError(message: "mkfifo failed: errno \(errno)") }
    }

    /// Removes the whole tree (permissions restored first so that it can be removed).
    func remove() {
        restorePermissions(root)
        try? FileManager.default.removeItem(atPath: root)
    }

    private func parent(_ relative: String) -> String {
        guard let slash = relative.lastIndex(of: "/") else { return "" }
        return String(relative[..<slash])
    }

    private func restorePermissions(_ directory: String) {
        chmod(directory, 0o755)
        guard case .success(let listing) = FileSystem.list(directory) else { return }
        for entry in listing.entries where entry.type == 4 { restorePermissions(directory + "/" + entry.name) }
    }
}

struct TreeError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension DiscoveryResult {
    /// The reported paths of the files taken.
    var paths: [String] { files.map(\.path) }

    /// Diagnostics in `path: level: message` form.
    var messages: [String] { diagnostics.map(\.formatted) }
}

/// Discovers `paths` with `tree.root` as working directory, after `configure` adjusts the options.
func discover(_ tree: TempTree, _ paths: [String] = ["."],
              _ configure: (inout DiscoveryOptions) -> Void = { _ in }) -> DiscoveryResult {
    var options = DiscoveryOptions(paths: paths, workingDirectory: tree.root)
    configure(&options)
    return Discovery.discover(options)
}

/// Globs for options, failing the test on a bad pattern.
func globs(_ patterns: String...) throws -> [Glob] {
    try patterns.map { try Glob($0) }
}
