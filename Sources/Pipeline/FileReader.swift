#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Discovery
import Model

/// Reads whole files with POSIX calls (the fastest way here; mmap gained nothing).
enum FileReader {
    enum Failure: Error, Equatable {
        case cannotOpen(String)
        case notRegular
        case readFailed(String)
    }

    /// The bytes of the file at `path`, and its stamp as it was opened. Never blocks on a FIFO
    /// (opened non-blocking, then checked).
    static func read(_ path: String) -> Result<(bytes: [UInt8], stamp: FileStamp), Failure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.cannotOpen(errorText())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.readFailed(errorText())) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        let stamp = FileStamp(info)
        var capacity = max(Int(info.st_size), 0)
        var bytes = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while true {
            if count == capacity {
                capacity = max(4096, capacity * 2)
                bytes += [UInt8](repeating: 0, count: capacity - bytes.count)
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + count, capacity - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(.readFailed(errorText()))
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeLast(bytes.count - count)
        return .success((bytes, stamp))
    }

    /// The stamp of the regular file at `path` (one `stat`, nothing read); nil if there is none.
    static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(info)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
