/// One of `count` parts of a scan (`--shard K/N`): the discovered files (and the diagnostics)
/// whose path hashes to it. The partition depends only on the path, so every machine that scans
/// the same tree cuts it the same way, and a file stays in its shard when others come and go.
public struct Shard: Codable, Equatable, Sendable {
    /// 1-based, as written on the command line.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether the file (or diagnostic) at `path` belongs to this shard: FNV-1a (64-bit) of the
    /// path's UTF-8 bytes, modulo `count`.
    public func contains(path: String) -> Bool {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count)) == index - 1
    }
}

/// What `ssotguard merge` needs of one shard's scan to report as if one scan had covered every
/// shard: the per-file findings (fingerprinted, before grouping across files, phases and the
/// baseline), the diagnostics and the count of files, plus what must agree between shards.
/// Written into a shard's JSON report as `shard`; it holds nothing a report does not show
/// (snippets and messages are masked, identities are hashes).
public struct ShardRecord: Codable, Equatable, Sendable {
    public var shard: Shard
    /// The tool's version and the rule set's digest: shards of different rules cannot be merged.
    public var tool: String
    public var rules: String
    /// The scan root, as given and as an absolute directory.
    public var root: String
    public var rootDirectory: String?
    public var filesScanned: Int
    public var findings: [Finding]
    public var diagnostics: [Diagnostic]

    public init(shard: Shard, tool: String, rules: String, root: String, rootDirectory: String?, filesScanned: Int,
                findings: [Finding], diagnostics: [Diagnostic]) {
        self.shard = shard
        self.tool = tool
        self.rules = rules
        self.root = root
        self.rootDirectory = rootDirectory
        self.filesScanned = filesScanned
        self.findings = findings
        self.diagnostics = diagnostics
    }
}
