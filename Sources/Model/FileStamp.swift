/// What says a file is unchanged without reading it: size, modification time (nanoseconds) and
/// inode. Discovery records it for every file it takes (`SourceFile.stamp`); the scan cache
/// trusts an equal, settled stamp (as Ruff's and git's caches do) and sends a differing one to
/// the file's content hash.
public struct FileStamp: Codable, Hashable, Sendable {
    public var size: Int64
    public var modified: Int64
    public var inode: UInt64

    public init(size: Int64, modified: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }
}
