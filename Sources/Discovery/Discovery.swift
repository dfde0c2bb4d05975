import Model

/// The first stage: command-line PATHs, globs and `.gitignore` in, sorted source files out.
///
/// Reported paths: with exactly one PATH that is a directory, they are relative to it. Otherwise
/// (several PATHs, or a file PATH) they are relative to the working directory for PATHs inside
/// it, and start with the normalised PATH as given for the others.
///
/// Directory PATHs are walked by `Walker`, each with its own `.gitignore`; file PATHs are taken
/// when their extension is known, even if ignored or inside a skipped directory, but `--include`
/// and `--exclude` still apply. Discovery never reads the files it chooses.
public enum Discovery {
    public static func discover(_ options: DiscoveryOptions) -> DiscoveryResult {
        discover(options, willList: { _ in })
    }

    /// `discover(_:)`, calling `willList` before each directory is listed (a seam for tests).
    static func discover(_ options: DiscoveryOptions, willList: @escaping (String) -> Void) -> DiscoveryResult {
        let processDirectory = PathNames.normalize(FileSystem.currentDirectory() ?? "/")
        let cwd = options.workingDirectory.map { PathNames.absolute($0, base: processDirectory) }
            ?? processDirectory
        var collector = Collector(maxFileSize: options.maxFileSize)

        var targets: [(given: String, disk: String, status: FileStatus)] = []
        for given in options.paths.isEmpty ? ["."] : options.paths {
            let disk = PathNames.absolute(given, base: cwd)
            switch FileSystem.status(disk) {
            case .success(let status):
                targets.append((given, disk, status))
            case .failure(let error) where error.isNotFound:
                collector.missing(given, error)
            case .failure(let error):
                collector.report(.error, given, "cannot read: \(error)")
            }
        }

        let isSingleDirectory = options.paths.count <= 1 && targets.count == 1
            && targets[0].status.kind == .directory
        let root = isSingleDirectory ? targets[0].disk : cwd
        for target in targets {
            let reported = isSingleDirectory
                ? "" : PathNames.relative(target.disk, to: cwd) ?? PathNames.normalize(target.given)
            if target.status.kind == .directory {
                walker(for: target.disk, reported: reported, options, &collector, willList)
                    .walk(into: &collector)
            } else {
                takeFile(target.disk, reported: reported, status: target.status, options, &collector)
            }
        }
        return collector.result(root: root)
    }

    /// A walker for a directory PATH, with its `.gitignore` loaded (problems go to `collector`).
    private static func walker(for disk: String, reported: String, _ options: DiscoveryOptions,
                               _ collector: inout Collector,
                               _ willList: @escaping (String) -> Void) -> Walker {
        let real = (try? FileSystem.realPath(disk).get()) ?? disk
        let gitignore = options.useGitignore
            ? loadGitignore(PathNames.join(disk, ".gitignore"), shown: PathNames.join(reported, ".gitignore"),
                            &collector)
            : nil
        return Walker(options: options, rootDisk: disk, rootReal: real, reportedPrefix: reported,
                      gitignore: gitignore, willList: willList)
    }

    /// Parses the `.gitignore` at `path` if there is one; problems become diagnostics on `shown`.
    static func loadGitignore(_ path: String, shown: String, _ collector: inout Collector) -> Gitignore? {
        switch FileSystem.status(path) {
        case .failure(let error) where error.isNotFound:
            return nil
        case .failure(let error):
            collector.report(.warning, shown, "cannot read .gitignore: \(error)")
            return nil
        case .success(let status) where status.kind != .regular:
            collector.report(.warning, shown, "not a regular file; not read")
            return nil
        case .success:
            switch FileSystem.read(path) {
            case .failure(let error):
                collector.report(.warning, shown, "cannot read .gitignore: \(error)")
                return nil
            case .success(let contents):
                let gitignore = Gitignore(contents: contents, path: shown)
                collector.report(gitignore.diagnostics)
                return gitignore
            }
        }
    }

    /// Takes a file named on the command line.
    private static func takeFile(_ disk: String, reported: String, status: FileStatus,
                                 _ options: DiscoveryOptions, _ collector: inout Collector) {
        guard Language.of(fileName: PathNames.lastSegment(disk)) != nil else {
            return collector.report(.note, reported, "not scanned: not a Python or TypeScript/JavaScript file name")
        }
        if options.excludes.contains(where: { $0.matches(reported) }) {
            return collector.report(.note, reported, "not scanned: matches an --exclude pattern")
        }
        if !options.includes.isEmpty, !options.includes.contains(where: { $0.matches(reported) }) {
            return collector.report(.note, reported, "not scanned: matches no --include pattern")
        }
        collector.offer(path: reported, diskPath: disk, status: status)
    }
}
