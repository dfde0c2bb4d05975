import Discovery
import Foundation
import Model

/// The files of a scan limited to what changed in git: the staged version of staged files
/// (`--staged`, for pre-commit) or the files changed since the merge base with a ref
/// (`--changed-since`, for pull requests). Paths are relative to the scanned directory.
enum GitChanges {
    /// Staged files (added, copied, modified, renamed) with their contents from the index; the
    /// working tree is not read.
    static func staged(_ options: ScanOptions, discovery: DiscoveryOptions) throws(PipelineError) -> (root: String, files: [(SourceFile, [UInt8])]) {
        let repository = try GitRepository.open(options.paths.first ?? ".")
        // ":<old mode> <new mode> <old> <new> <status>\0<path>\0": the new object is the staged blob.
        let raw = try GitRepository.git(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--diff-filter=ACMR", "--no-renames",
                                         "--relative"], in: repository.top + "/" + repository.prefix)
        var objects: [String: String] = [:]
        let records = raw.split(separator: 0, omittingEmptySubsequences: false)
        var index = 0
        while index + 1 < records.count {
            let fields = records[index].split(separator: UInt8(ascii: " "))
            if fields.count == 5, fields[1].starts(with: Array("10".utf8)) {
                objects[String(decoding: records[index + 1], as: UTF8.self)] = String(decoding: fields[3], as: UTF8.self)
            }
            index += 2
        }
        let root = repository.top + "/" + repository.prefix
        let files = Discovery.select(paths: Array(objects.keys), gitignore: nil, options: discovery)
        guard !files.isEmpty else { return (root, []) }
        let reader = try BlobReader(repository: repository)
        var result: [(SourceFile, [UInt8])] = []
        for file in files {
            guard let object = objects[file.path], let bytes = try reader.read(object) else { continue }
            result.append((file, bytes.count <= options.maxFileSize ? bytes : []))
        }
        return (root, result)
    }

    /// Files changed (added, copied, modified, renamed: the new name) between the merge base of
    /// `ref` and HEAD, and in the working tree, that still exist.
    static func changedSince(_ ref: String, _ options: ScanOptions, discovery: DiscoveryOptions) throws(PipelineError) -> (root: String, files: [SourceFile]) {
        let repository = try GitRepository.open(options.paths.first ?? ".")
        let directory = repository.top + "/" + repository.prefix
        let base = String(decoding: try GitRepository.git(["merge-base", ref, "HEAD"], in: directory), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let names = try GitRepository.git(["diff", "--name-only", "-z", "--diff-filter=ACMR", "-M", "--relative", base],
                                          in: directory)
        let untracked = try GitRepository.git(["ls-files", "--others", "--exclude-standard", "-z"], in: directory)
        let paths = (names.split(separator: 0) + untracked.split(separator: 0)).map { String(decoding: $0, as: UTF8.self) }
        return (directory, Discovery.select(paths: Array(Set(paths)), gitignore: nil, options: discovery).compactMap { file in
            var file = file
            file.diskPath = directory + file.path
            return FileManager.default.fileExists(atPath: file.diskPath) ? file : nil
        })
    }
}
