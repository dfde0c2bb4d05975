import Foundation

/// Reads blobs through one long-running `git cat-file --batch`: a request per object, its answer
/// read before the next request, so neither side blocks. Used from one task only.
final class BlobReader {
    private let process = Process()
    private let input: FileHandle
    private let output: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0

    init(repository: GitRepository) throws(PipelineError) {
        let toGit = Pipe()
        let fromGit = Pipe()
        process.executableURL = URL(fileURLWithPath: GitRepository.gitPath)
        process.arguments = ["cat-file", "--batch"]
        process.currentDirectoryURL = URL(fileURLWithPath: repository.top)
        process.standardInput = toGit
        process.standardOutput = fromGit
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .git("cannot run git cat-file: \(error.localizedDescription)")
        }
        input = toGit.fileHandleForWriting
        output = fromGit.fileHandleForReading
    }

    deinit {
        try? input.close()
        process.waitUntilExit()
    }

    /// The contents of `object`, or nil when git does not have it.
    func read(_ object: String) throws(PipelineError) -> [UInt8]? {
        do {
            try input.write(contentsOf: Data((object + "\n").utf8))
        } catch {
            throw .git("git cat-file stopped: \(error.localizedDescription)")
        }
        let header = try line().split(separator: " ")
        guard header.count == 3, let size = Int(header[2]) else { return nil }  // "<object> missing"
        let content = try bytes(size + 1)
        return Array(content.dropLast())
    }

    private func line() throws(PipelineError) -> String {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                return String(decoding: buffer[start..<newline], as: UTF8.self)
            }
            try fill()
        }
    }

    private func bytes(_ count: Int) throws(PipelineError) -> ArraySlice<UInt8> {
        while buffer.count - start < count { try fill() }
        defer { start += count }
        return buffer[start..<start + count]
    }

    private func fill() throws(PipelineError) {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let data = output.availableData
        guard !data.isEmpty else { throw .git("git cat-file ended unexpectedly") }
        buffer.append(contentsOf: data)
    }
}
