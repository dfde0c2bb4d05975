import Model

extension Discovery {
    /// The files ssotguard would scan among `paths` listed from a tree that is not on disk (a git
    /// commit): the same filters as a walk — skipped directory names, the root `.gitignore`
    /// (its contents as of that tree), `--exclude`, the source extensions, `--include`.
    /// `paths` are relative to the scan root; the result is sorted, with empty `diskPath`s.
    public static func select(paths: [String], gitignore: [UInt8]?, options: DiscoveryOptions) -> [SourceFile] {
        let ignore = options.useGitignore ? gitignore.map { Gitignore(contents: $0, path: ".gitignore") } : nil
        var directoryAllowed: [Substring: Bool] = [:]
        func allowed(directory: Substring) -> Bool {
            if let known = directoryAllowed[directory] { return known }
            var result = true
            if let slash = directory.lastIndex(of: "/") {
                result = allowed(directory: directory[..<slash])
            }
            if result {
                let name = directory.lastIndex(of: "/").map { directory[directory.index(after: $0)...] } ?? directory
                let path = String(directory)
                result = !options.skippedDirectoryNames.contains(String(name))
                    && !(ignore?.isIgnored(path, isDirectory: true) ?? false)
                    && !options.excludes.contains { $0.matches(path, isDirectory: true) }
            }
            directoryAllowed[directory] = result
            return result
        }
        var files: [SourceFile] = []
        for path in paths {
            guard var file = SourceFile(path: path, diskPath: "") else { continue }
            if let slash = path.lastIndex(of: "/"), !allowed(directory: path[..<slash]) { continue }
            if ignore?.isIgnored(path, isDirectory: false) ?? false { continue }
            if options.excludes.contains(where: { $0.matches(path, isDirectory: false) }) { continue }
            if !options.includes.isEmpty, !options.includes.contains(where: { $0.matches(path) }) { continue }
            file.diskPath = ""
            files.append(file)
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return files
    }
}
