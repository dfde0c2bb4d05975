import Model

/// A sorted, deterministic depth-first walk of one directory PATH with `opendir`/`readdir`/`lstat`.
///
/// For every entry, in order: skipped directory names, the `.gitignore` files in effect (the
/// root's and those of the directories above the entry, the deepest with a matching rule
/// deciding, as in git), `--exclude`, the extension filter and `--include` are applied before
/// anything is reported about it, so ignored things stay silent. Symlinks are followed only when their real path is inside the
/// root's real path; directories and files are identified by (device, inode) so that symlink
/// cycles end and nothing is taken twice.
struct Walker {
    let options: DiscoveryOptions
    /// The root's absolute, lexically normalised path; disk paths of entries extend it.
    let rootDisk: String
    /// The root's real path: symlinks resolving outside it are not followed.
    let rootReal: String
    /// What reported paths start with (`""` when the root is the reported root).
    let reportedPrefix: String
    /// The root's `.gitignore`, when it is honoured and exists.
    let gitignore: Gitignore?
    /// Called with a directory's disk path just before it is listed: a seam for tests, which
    /// cannot make `opendir` fail by permissions when they run as root.
    var willList: (String) -> Void = { _ in }

    /// A `.gitignore` and the directory (relative to the root) whose entries it speaks about.
    private struct ScopedIgnore {
        var base: String
        var rules: Gitignore
    }

    /// A directory being listed, how far, and the `.gitignore` files in effect inside it.
    private struct Frame {
        var location: Location
        var entries: [DirectoryEntry]
        var ignores: [ScopedIgnore]
        var next = 0
    }

    /// An entry's three names: on disk, relative to the root (for `.gitignore`), as reported.
    private struct Location {
        var disk: String
        var relative: String
        var reported: String

        func child(_ name: String) -> Location {
            Location(disk: PathNames.join(disk, name), relative: PathNames.join(relative, name),
                     reported: PathNames.join(reported, name))
        }
    }

    func walk(into collector: inout Collector) {
        var visited: Set<FileID> = []
        if case .success(let status) = FileSystem.status(rootDisk) { visited.insert(status.id) }
        var stack: [Frame] = []
        let root = Location(disk: rootDisk, relative: "", reported: reportedPrefix)
        let rootIgnores = gitignore.map { [ScopedIgnore(base: "", rules: $0)] } ?? []
        if let frame = list(root, ignores: rootIgnores, &collector) { stack.append(frame) }
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].entries.count else {
                stack.removeLast()
                continue
            }
            let entry = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let location = stack[top].location.child(entry.name)
            let ignores = stack[top].ignores
            if visit(entry, at: location, ignores: ignores, visited: &visited, collector: &collector),
               let frame = list(location, ignores: ignores, &collector)
            {
                stack.append(frame)
            }
        }
    }

    /// Lists a directory, or reports why it cannot be read. A `.gitignore` in it (below the root)
    /// joins the ones in effect.
    private func list(_ location: Location, ignores: [ScopedIgnore], _ collector: inout Collector) -> Frame? {
        willList(location.disk)
        // Directories and source files are stat'ed while their directory is open.
        let listed = FileSystem.list(location.disk) { name, type in
            type == 4 || (type == 8 && Language.of(fileName: name) != nil)
        }
        switch listed {
        case .failure(let error):
            collector.report(.warning, location.reported, "cannot read directory: \(error)")
            return nil
        case .success(let listing):
            for name in listing.undecodable {
                collector.report(.warning, PathNames.join(location.reported, name),
                                 "file name is not valid UTF-8; not scanned")
            }
            var ignores = ignores
            if options.useGitignore, !location.relative.isEmpty, listing.entries.contains(where: { $0.name == ".gitignore" }),
               let nested = Discovery.loadGitignore(PathNames.join(location.disk, ".gitignore"),
                                                    shown: PathNames.join(location.reported, ".gitignore"), &collector)
            {
                ignores.append(ScopedIgnore(base: location.relative, rules: nested))
            }
            return Frame(location: location, entries: listing.entries, ignores: ignores)
        }
    }

    /// Handles one directory entry: takes a file, reports a problem, or returns true when the
    /// entry is a directory to enter.
    private func visit(_ entry: DirectoryEntry, at location: Location, ignores: [ScopedIgnore], visited: inout Set<FileID>,
                       collector: inout Collector) -> Bool {
        let hasSourceExtension = Language.of(fileName: entry.name) != nil
        if entry.isKnownRegularFile && !hasSourceExtension { return false }

        var status: FileStatus
        switch entry.status.map({ Result<FileStatus, SystemError>.success($0) }) ?? FileSystem.linkStatus(location.disk) {
        case .failure(let error):
            collector.report(.warning, location.reported, "cannot read file status: \(error)")
            return false
        case .success(let linkStatus):
            status = linkStatus
        }
        let isSymlink = status.kind == .symlink
        if isSymlink {
            switch FileSystem.status(location.disk) {
            case .failure(let error):
                if isSelected(location, isDirectory: false, ignores: ignores) {
                    collector.report(.warning, location.reported, "broken symlink: \(error)")
                }
                return false
            case .success(let target):
                status = target
            }
        }

        let isDirectory = status.kind == .directory
        if isDirectory && options.skippedDirectoryNames.contains(entry.name) {
            // `dist` and `build` hold a project's own code often enough (a package published from
            // `dist/`) that skipping them silently would hide files; when .gitignore does not
            // already say they are generated, a note says so.
            if DiscoveryOptions.skippedWithNote.contains(entry.name), isSelected(location, isDirectory: true, ignores: ignores) {
                collector.report(.note, location.reported,
                                 "not scanned: `\(entry.name)` directories are skipped by default (build output); name it as a PATH to scan it")
            }
            return false
        }
        guard isSelected(location, isDirectory: isDirectory, ignores: ignores) else { return false }
        if !isDirectory {
            guard hasSourceExtension else { return false }
            if !options.includes.isEmpty,
               !options.includes.contains(where: { $0.matches(location.reported) }) { return false }
        }
        if isSymlink && !pointsInsideRoot(location.disk) {
            collector.report(.note, location.reported, "not followed: symlink points outside the scanned root")
            return false
        }
        if isDirectory { return visited.insert(status.id).inserted }
        collector.offer(path: location.reported, diskPath: location.disk, status: status)
        return false
    }

    /// Whether neither a `.gitignore` in effect nor an `--exclude` pattern rules the entry out.
    private func isSelected(_ location: Location, isDirectory: Bool, ignores: [ScopedIgnore]) -> Bool {
        for scoped in ignores.reversed() {
            let path = scoped.base.isEmpty ? location.relative : String(location.relative.dropFirst(scoped.base.count + 1))
            if let ignored = scoped.rules.decision(path, isDirectory: isDirectory) {
                if ignored { return false }
                break
            }
        }
        return !options.excludes.contains { $0.matches(location.reported, isDirectory: isDirectory) }
    }

    /// Whether the real path of `disk` is the root's real path or inside it.
    private func pointsInsideRoot(_ disk: String) -> Bool {
        guard case .success(let real) = FileSystem.realPath(disk) else { return false }
        return PathNames.isInside(real, rootReal)
    }
}
