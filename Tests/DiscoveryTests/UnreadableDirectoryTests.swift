import Foundation
import Glibc
import Model
import Testing

@testable import Discovery

/// A directory `opendir` refuses for lack of permission.
///
/// As root `chmod 000` stops nothing, so when the tests run as root the permission test is run
/// again in a child process of this test binary that `setpriv` has turned into `nobody`.
@Suite struct UnreadableDirectoryTests {
    @Test(.enabled(if: permissionsAreEnforced()))
    func anUnreadableDirectoryIsReportedAndTheWalkGoesOn() throws {
        let tree = try TempTree()
        defer { tree.remove() }
        try tree.files("a.py", "locked/b.py", "z/c.py")
        chmod(tree.path("locked"), 0)
        let result = discover(tree)
        #expect(result.paths == ["a.py", "z/c.py"])
        #expect(result.messages == ["locked: warning: cannot read directory: Permission denied"])
    }

    @Test(.enabled(if: Unprivileged.childCanRun()))
    func asRootTheCheckRunsInAnUnprivilegedChild() throws {
        let name = "anUnreadableDirectoryIsReportedAndTheWalkGoesOn"
        let (status, output) = try Unprivileged.runTest(named: name)
        #expect(status == 0, "child output:\n\(output)")
        #expect(output.contains("\(name)() passed"), "child output:\n\(output)")
    }
}

/// Whether this process is refused a directory it has no permission for (false for root).
private func permissionsAreEnforced() -> Bool {
    guard let tree = try? TempTree() else { return false }
    defer { tree.remove() }
    guard (try? tree.directory("locked")) != nil, chmod(tree.path("locked"), 0) == 0 else { return false }
    if case .failure = FileSystem.list(tree.path("locked")) { return true }
    return false
}

/// Re-running a test of this binary as user `nobody`.
private enum Unprivileged {
    static let setpriv = "/usr/bin/setpriv"
    static let nobody = "65534"

    /// This test binary's path, as the kernel knows it.
    static var executable: String? { try? FileSystem.realPath("/proc/self/exe").get() }

    /// True when running as root with `setpriv` at hand and a test binary `nobody` may execute
    /// (every directory above it searchable by others, the file readable and executable by them).
    static func childCanRun() -> Bool {
        guard geteuid() == 0, access(setpriv, X_OK) == 0, let executable else { return false }
        var path = executable
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o005 == 0o005 else { return false }
        while let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            path = String(path[..<slash])
            guard stat(path, &info) == 0, info.st_mode & 0o001 != 0 else { return false }
        }
        return true
    }

    /// Runs the Swift Testing test `name` in a child as `nobody`; its exit status and output.
    static func runTest(named name: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: setpriv)
        process.arguments = ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", executable ?? "",
                             "--testing-library", "swift-testing", "--filter", name]
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
