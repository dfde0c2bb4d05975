import Foundation
import Baselines
import Model
import RuleEngine

/// What earlier scans found per file, on disk, so a re-scan reads and lexes only what changed
/// (the idea of Ruff's `.ruff_cache`).
///
/// One file per scan setting, `<directory>/v1/<key>`: the key hashes the tool version, the
/// rule set's digest (rule packs and configuration as written), the rule path prefix and the
/// scanned PATHs with their include and exclude globs. It holds, per scanned file (by reported
/// path), the file's stamp, a hash of its bytes and the file's outcome (findings before grouping,
/// fingerprints and phases, which depend on other files and the plan; diagnostics).
///
/// - A file whose stamp is unchanged is not read, unless it was modified within
///   `settleTime` of the scan that cached it (a later edit in the same clock tick would keep the
///   stamp: git's "racily clean" entries); one whose bytes hash the same is not lexed.
/// - Written to a temporary file and renamed into place: a concurrent run reads the old file or
///   the new one, never half of one; the last writer wins.
/// - Bounded: entries of files the scan no longer covers are dropped, and at most
///   `maximumSettings` files are kept (the least recently written go first).
/// - A corrupt or foreign file is ignored with a diagnostic and rewritten.
struct ScanCache: Sendable {
    struct Entry: Equatable, Sendable {
        var stamp: FileStamp
        /// `ContentHash` of the bytes the outcome was computed from.
        var hash: String
        /// Whether the stamp alone can be trusted (see `settleTime`).
        var settled = false
        /// The outcome as JSON, or empty for the outcome of a scanned file with nothing to report.
        /// Kept encoded: each scan worker decodes the entries of its own files, and an entry
        /// used again is written back as it was read.
        var encoded: [UInt8]

        init(stamp: FileStamp, hash: String, settled: Bool, encoded: [UInt8]) {
            self.stamp = stamp
            self.hash = hash
            self.settled = settled
            self.encoded = encoded
        }

        init(stamp: FileStamp, hash: String, settled: Bool, outcome: FileOutcome) {
            self.init(stamp: stamp, hash: hash, settled: settled, encoded: Self.encode(outcome))
        }

        static func encode(_ outcome: FileOutcome) -> [UInt8] {
            guard outcome != FileOutcome(scanned: true) else { return [] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (try? encoder.encode(outcome)).map { [UInt8]($0) } ?? []
        }

        /// The outcome; nil when the stored JSON does not decode.
        func outcome() -> FileOutcome? {
            guard !encoded.isEmpty else { return FileOutcome(scanned: true) }
            return try? JSONDecoder().decode(FileOutcome.self, from: Data(encoded))
        }
    }

    static let format = 1
    static let maximumSettings = 16
    /// How long before a scan a file must have been modified for its stamp to be trusted (covers
    /// coarse file-system clocks).
    static let settleTime: Int64 = 2_000_000_000

    let directory: String
    let key: String
    var entries: [String: Entry] = [:]

    var file: String { directory + "/v1/" + key }

    /// The key of a scan setting; nil when the rule set has no digest (rules built in memory).
    static func key(rules: RuleSet, prefix: String, options: ScanOptions) -> String? {
        guard let digest = rules.digest else { return nil }
        let cwd = FileManager.default.currentDirectoryPath
        let paths = options.paths.map { $0.hasPrefix("/") ? $0 : cwd + "/" + $0 }
        let parts = [ToolInfo.version, String(format), digest, prefix] + paths + ["--include"] + options.includes
            + ["--exclude"] + options.excludes + ["--max-file-size", String(options.maxFileSize)]
            + ["--shard", options.shard.map { "\($0.index)/\($0.count)" } ?? "-", "--prefilter", String(options.prefilter)]
        return String(SHA256.hex(parts.joined(separator: "\u{1F}")).prefix(32))
    }

    /// The cache of `key` in `directory`: empty when there is none yet, and also (with a
    /// diagnostic naming the file) when it cannot be read or is corrupt.
    static func open(directory: String, key: String) -> (ScanCache, Diagnostic?) {
        var cache = ScanCache(directory: directory, key: key)
        guard let data = FileManager.default.contents(atPath: cache.file) else { return (cache, nil) }
        guard let entries = decode([UInt8](data), key: key) else {
            return (cache, Diagnostic(level: .warning, path: cache.file,
                                      message: "cache file is corrupt or from another version; ignored and rewritten"))
        }
        cache.entries = entries
        return (cache, nil)
    }

    /// Writes `entries` as the cache's new contents (atomically), then drops the oldest settings
    /// beyond `maximumSettings`. A diagnostic when the directory cannot be written.
    func save(_ entries: [String: Entry]) -> Diagnostic? {
        let folder = directory + "/v1"
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let ignore = directory + "/.gitignore"
            if !manager.fileExists(atPath: ignore) {
                try Data("# Written by ssotguard: the scan cache is not source.\n*\n".utf8).write(to: URL(fileURLWithPath: ignore))
            }
            let data = Self.encode(entries, key: key)
            let temporary = folder + "/.\(key).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp"
            try Data(data).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, file) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(atPath: temporary)
                return Diagnostic(level: .warning, path: file, message: "cannot write the scan cache: \(reason)")
            }
        } catch {
            return Diagnostic(level: .warning, path: folder, message: "cannot write the scan cache: \(error.localizedDescription)")
        }
        prune(folder)
        return nil
    }

    // MARK: - File format

    // A header line `ssotguard-cache <format> <tool version> <key>`, then per entry seven fields,
    // each ended by a NUL byte (no path holds one, and JSON escapes it): path, size, modified,
    // inode, hash, settled (`0`/`1`), outcome. The outcome is JSON, or empty for the common
    // outcome of a scanned file with nothing to report: most entries cost a few dozen bytes and
    // no JSON at all, so reading the cache of 5,000 files takes milliseconds; outcomes with
    // findings are decoded by the scan workers, in parallel.

    static let fieldsPerEntry = 7

    static func header(key: String) -> String { "ssotguard-cache \(format) \(ToolInfo.version) \(key)\n" }

    static func encode(_ entries: [String: Entry], key: String) -> [UInt8] {
        var out = Array(header(key: key).utf8)
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            let fields = [path, String(entry.stamp.size), String(entry.stamp.modified), String(entry.stamp.inode), entry.hash,
                          entry.settled ? "1" : "0"]
            for field in fields {
                out += field.utf8
                out.append(0)
            }
            out += entry.encoded
            out.append(0)
        }
        return out
    }

    /// The entries of a cache file of `key`; nil when it is corrupt or another version's. The
    /// outcomes stay encoded (a broken one is found, and its file scanned again, when it is used).
    static func decode(_ bytes: [UInt8], key: String) -> [String: Entry]? {
        let header = Array(header(key: key).utf8)
        guard bytes.starts(with: header) else { return nil }
        let fields = bytes[header.count...].split(separator: 0, omittingEmptySubsequences: false)
        // A complete file ends with a NUL, so the last piece is empty.
        guard fields.count % fieldsPerEntry == 1, fields.last?.isEmpty == true else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(fields.count / fieldsPerEntry)
        var index = fields.startIndex
        while index + fieldsPerEntry <= fields.endIndex {
            func text(_ offset: Int) -> String { String(decoding: fields[index + offset], as: UTF8.self) }
            guard let size = Int64(text(1)), let modified = Int64(text(2)), let inode = UInt64(text(3)),
                  fields[index + 4].count == 32, fields[index + 5].count == 1
            else { return nil }
            entries[text(0)] = Entry(stamp: FileStamp(size: size, modified: modified, inode: inode), hash: text(4),
                                     settled: fields[index + 5].first == UInt8(ascii: "1"), encoded: Array(fields[index + 6]))
            index += fieldsPerEntry
        }
        return entries
    }

    /// The outcome of `file`, from the cache when its stamp (settled) or its bytes are unchanged,
    /// else from scanning it; with the entry to cache (none when it cannot be read), and a
    /// diagnostic when the cached outcome was broken (the file is then scanned). `runStart` is
    /// when this scan began (nanoseconds since 1970), to judge whether a stamp is settled.
    func outcome(of file: SourceFile, rules: RuleSet, pathPrefix: String, runStart: Int64) -> (FileOutcome, Entry?, Diagnostic?) {
        var cached = entries[file.path]
        var problem: Diagnostic?
        // The stamp discovery took a moment ago, else one `stat`.
        if let entry = cached, entry.settled, let stamp = file.stamp ?? FileReader.stamp(file.diskPath), stamp == entry.stamp {
            if let outcome = entry.outcome() { return (outcome, entry, nil) }
            problem = Self.brokenEntry(file.path, in: self.file)
            cached = nil
        }
        switch FileScanner.read(file) {
        case .failed(let outcome):
            return (outcome, nil, problem)
        case .contents(let bytes, let stamp):
            let hash = ContentHash.hex(bytes)
            let settled = stamp.modified < runStart - Self.settleTime
            if let entry = cached, entry.hash == hash {
                if let outcome = entry.outcome() {
                    return (outcome, Entry(stamp: stamp, hash: hash, settled: settled, encoded: entry.encoded), nil)
                }
                problem = Self.brokenEntry(file.path, in: self.file)
            }
            let outcome = bytes.withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: rules, pathPrefix: pathPrefix) }
            return (outcome, Entry(stamp: stamp, hash: hash, settled: settled, outcome: outcome), problem)
        }
    }

    static func brokenEntry(_ path: String, in file: String) -> Diagnostic {
        Diagnostic(level: .warning, path: file, message: "cache entry of \(path) is corrupt; the file was scanned again")
    }

    /// Keeps the `maximumSettings` most recently written cache files of `folder`, and removes
    /// temporary files an interrupted run left (older than an hour).
    private func prune(_ folder: String) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        func modified(_ path: String) -> Date {
            (try? manager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
        }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let path = folder + "/" + name
            if modified(path) < Date().addingTimeInterval(-3600) { try? manager.removeItem(atPath: path) }
        }
        let files = names.filter { !$0.hasPrefix(".") }.map { (folder + "/" + $0, modified(folder + "/" + $0)) }
        guard files.count > Self.maximumSettings else { return }
        for (path, _) in files.sorted(by: { ($0.1, $1.0) > ($1.1, $0.0) }).dropFirst(Self.maximumSettings) {
            try? manager.removeItem(atPath: path)
        }
    }
}
