import Discovery
import Foundation
import Model

/// The files of a scan limited to what changed in git: the staged version of staged files
/// (`--staged`, for pre-commit) or the files changed since the merge base with a ref
/// (`--changed-since`, for pull requests). Paths are relative to the scanned directory.
enum GitChanges {
    /// What `--staged` scans: for a directory PATH, its staged files (added, copied, modified,
    /// renamed) with their contents from the index (the working tree is not read); for a file
    /// PATH (pre-commit passes them), its staged content when it is staged, else the file on disk
    /// (`pre-commit run --all-files`, `--files`). Paths are relative to a single directory PATH,
    /// else to the working directory, as in a walk.
    static func staged(_ options: ScanOptions, discovery: DiscoveryOptions) throws(PipelineError)
        -> (root: String, files: [(SourceFile, [UInt8])], diagnostics: [Diagnostic]) {
        let paths = options.paths.isEmpty ? ["."] : options.paths
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path
        let absolute = paths.map { PathNames.absolute($0, base: cwd) }
        var isDirectory: ObjCBool = false
        let single = paths.count == 1 && FileManager.default.fileExists(atPath: absolute[0], isDirectory: &isDirectory)
            && isDirectory.boolValue
        let root = single ? absolute[0] : cwd
        let repository = try GitRepository.open(root)
        let top = URL(fileURLWithPath: repository.top).resolvingSymlinksInPath().path
        let objects = try stagedObjects(repository)
        var diagnostics: [Diagnostic] = []
        // Scan-root-relative path → the staged blob, or nil to read the file on disk.
        var chosen: [String: String?] = [:]
        for (given, path) in zip(paths, absolute) {
            guard let reported = PathNames.relative(path, to: root).map({ $0.isEmpty ? "." : $0 })
                ?? (single ? nil : PathNames.relative(path, to: cwd)) else {
                diagnostics.append(Diagnostic(level: .error, path: given, message: "outside the scanned directory"))
                continue
            }
            guard let inRepository = PathNames.relative(path, to: top) else {
                diagnostics.append(Diagnostic(level: .error, path: given, message: "not inside the git repository at \(top)"))
                continue
            }
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if exists, isDirectory.boolValue {
                let prefix = inRepository.isEmpty ? "" : inRepository + "/"
                let base = reported == "." ? "" : reported + "/"
                for (file, object) in objects where file.hasPrefix(prefix) {
                    chosen[base + file.dropFirst(prefix.count)] = .some(object)
                }
            } else if let object = objects[inRepository] {
                chosen[reported] = .some(object)
            } else if exists {
                chosen[reported] = .some(nil)
            } else {
                diagnostics.append(Diagnostic(level: .error, path: given, message: "No such file or directory"))
            }
        }
        let files = Discovery.select(paths: Array(chosen.keys), gitignore: nil, options: discovery)
        guard !files.isEmpty else { return (root, [], diagnostics) }
        let reader = try BlobReader(repository: repository)
        var result: [(SourceFile, [UInt8])] = []
        for file in files {
            let bytes: [UInt8]?
            if case let object?? = chosen[file.path] {
                bytes = try reader.read(object)
            } else {
                bytes = FileManager.default.contents(atPath: PathNames.absolute(file.path, base: root)).map { [UInt8]($0) }
            }
            guard let bytes else {
                diagnostics.append(Diagnostic(level: .warning, path: file.path, message: "cannot read file; not scanned"))
                continue
            }
            guard bytes.count <= options.maxFileSize else {
                diagnostics.append(Diagnostic(level: .warning, path: file.path,
                                              message: "file is \(bytes.count) bytes, over the limit of \(options.maxFileSize) bytes; not scanned"))
                continue
            }
            result.append((file, bytes))
        }
        return (root, result, diagnostics)
    }

    /// Every staged blob (added, copied, modified, renamed; regular files), by path from the top
    /// of the work tree: `":<old mode> <new mode> <old> <new> <status>\0<path>\0"` records.
    private static func stagedObjects(_ repository: GitRepository) throws(PipelineError) -> [String: String] {
        let raw = try GitRepository.git(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--diff-filter=ACMR", "--no-renames"],
                                        in: repository.top)
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
        return objects
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
