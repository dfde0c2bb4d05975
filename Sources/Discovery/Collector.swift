import Model

/// What discovery has gathered so far, shared by the walks of all PATHs.
struct Collector {
    /// Files over this many bytes are reported instead of taken.
    let maxFileSize: Int
    private(set) var files: [SourceFile] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var missingPaths: [String] = []
    /// Files already taken, so one reached through a symlink, a hard link or two PATHs is
    /// scanned once: the first visit wins.
    private var seenFiles: Set<FileID> = []

    init(maxFileSize: Int) {
        self.maxFileSize = maxFileSize
    }

    /// Takes the file at `diskPath` (its `stat` is `status`) as `path`, unless it is not a regular
    /// file, was already taken, or is too large.
    mutating func offer(path: String, diskPath: String, status: FileStatus) {
        guard status.kind == .regular else {
            return report(.note, path, "not a regular file; not scanned")
        }
        guard seenFiles.insert(status.id).inserted else { return }
        guard status.size <= maxFileSize else {
            return report(.warning, path,
                          "file is \(status.size) bytes, over the limit of \(maxFileSize) bytes; not scanned")
        }
        guard var file = SourceFile(path: path, diskPath: diskPath) else { return }
        file.stamp = status.stamp
        files.append(file)
    }

    /// Records a command-line path that does not exist.
    mutating func missing(_ path: String, _ error: SystemError) {
        missingPaths.append(path)
        report(.error, path, "\(error)")
    }

    mutating func report(_ level: Diagnostic.Level, _ path: String, _ message: String) {
        diagnostics.append(Diagnostic(level: level, path: path.isEmpty ? "." : path, message: message))
    }

    mutating func report(_ more: [Diagnostic]) {
        diagnostics += more
    }

    /// The result: files sorted by path bytes and diagnostics by `Diagnostic.order` (then level),
    /// both without duplicates.
    func result(root: String) -> DiscoveryResult {
        var files = files
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var uniqueFiles: [SourceFile] = []
        for file in files where uniqueFiles.last?.path != file.path { uniqueFiles.append(file) }

        var diagnostics = diagnostics
        diagnostics.sort { Diagnostic.order($0, $1) || (!Diagnostic.order($1, $0) && $0.level < $1.level) }
        var uniqueDiagnostics: [Diagnostic] = []
        for diagnostic in diagnostics where uniqueDiagnostics.last != diagnostic {
            uniqueDiagnostics.append(diagnostic)
        }
        return DiscoveryResult(root: root, files: uniqueFiles, diagnostics: uniqueDiagnostics,
                               missingPaths: missingPaths)
    }
}
