import Glibc
import Model

/// A failed system call's `errno`, printed as `strerror` text.
struct SystemError: Error, Equatable, CustomStringConvertible {
    var code: Int32

    var description: String { String(cString: strerror(code)) }

    /// Whether the error says the path does not exist.
    var isNotFound: Bool { code == ENOENT || code == ENOTDIR }
}

/// The identity of a file on disk: equal for two paths that reach the same file.
struct FileID: Hashable {
    var device: UInt64
    var inode: UInt64
}

/// What `stat`/`lstat` report, reduced to what discovery needs.
struct FileStatus {
    enum Kind { case regular, directory, symlink, other }

    var kind: Kind
    var id: FileID
    var size: Int
    var stamp: FileStamp

    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        id = FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        size = Int(info.st_size)
        stamp = FileStamp(info)
    }
}

/// One name read from a directory, with the type `readdir` gave for free (`DT_*`).
struct DirectoryEntry {
    var name: String
    var type: UInt8
    /// Its `lstat`, taken relative to the open directory when `list` was asked to (no path to
    /// resolve from the root again).
    var status: FileStatus?

    /// `DT_REG`: a regular file, known without a `stat` call.
    var isKnownRegularFile: Bool { type == 8 }
}

/// The few POSIX calls discovery makes, with `errno` turned into typed results.
enum FileSystem {
    /// `lstat`: the path itself, a symlink not followed.
    static func linkStatus(_ path: String) -> Result<FileStatus, SystemError> {
        var info = stat()
        return lstat(path, &info) == 0 ? .success(FileStatus(info)) : .failure(SystemError(code: errno))
    }

    /// `stat`: symlinks followed.
    static func status(_ path: String) -> Result<FileStatus, SystemError> {
        var info = stat()
        return stat(path, &info) == 0 ? .success(FileStatus(info)) : .failure(SystemError(code: errno))
    }

    /// `realpath`: the absolute path with every symlink, `.` and `..` resolved.
    static func realPath(_ path: String) -> Result<String, SystemError> {
        guard let resolved = realpath(path, nil) else { return .failure(SystemError(code: errno)) }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }

    /// The entries of a directory except `.` and `..`, sorted by the UTF-8 bytes of their names.
    /// Names that are not valid UTF-8 are returned in `undecodable` (lossily decoded, for messages).
    /// Entries for which `statusWanted(name, type)` holds come with their `lstat`.
    static func list(_ path: String, statusWanted: (String, UInt8) -> Bool = { _, _ in false })
        -> Result<(entries: [DirectoryEntry], undecodable: [String]), SystemError>
    {
        guard let dir = opendir(path) else { return .failure(SystemError(code: errno)) }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        var entries: [DirectoryEntry] = []
        var undecodable: [String] = []
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            let name: String? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.prefix { $0 != 0 }
                if let name = String(validating: bytes, as: UTF8.self) { return name }
                undecodable.append(String(decoding: bytes, as: UTF8.self))
                return nil
            }
            guard let name, name != ".", name != ".." else { continue }
            var status: FileStatus?
            if statusWanted(name, type) {
                var info = stat()
                if fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 { status = FileStatus(info) }
            }
            entries.append(DirectoryEntry(name: name, type: type, status: status))
        }
        entries.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return .success((entries, undecodable))
    }

    /// The whole contents of a file, read with `read` into a growing buffer.
    static func read(_ path: String) -> Result<[UInt8], SystemError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(SystemError(code: errno)) }
        defer { close(fd) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(SystemError(code: errno))
            }
            if count == 0 { return .success(contents) }
            contents.append(contentsOf: chunk[0..<count])
        }
    }

    /// The process's working directory, or nil when it cannot be determined.
    static func currentDirectory() -> String? {
        guard let cwd = getcwd(nil, 0) else { return nil }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}

extension FileStamp {
    /// The stamp of what `stat`/`fstat` reported (the one place that reads its fields).
    public init(_ info: stat) {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        self.init(size: Int64(info.st_size), modified: Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec),
                  inode: UInt64(info.st_ino))
    }
}
