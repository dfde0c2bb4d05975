#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONC {
    /// The bytes of a rule, plan, config or baseline file, or the system's reason it cannot be
    /// read (`No such file or directory`).
    public static func readFile(_ path: String) -> Result<[UInt8], FileError> {
        guard let file = fopen(path, "rb") else { return .failure(FileError(reason: String(cString: strerror(errno)))) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        if ferror(file) != 0 { return .failure(FileError(reason: String(cString: strerror(errno)))) }
        return .success(bytes)
    }

    /// Why a file could not be read.
    public struct FileError: Error, Equatable, Sendable {
        public var reason: String
    }
}
