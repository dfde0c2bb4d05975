import Model

/// The files chosen for scanning, and what discovery had to say about the rest.
public struct DiscoveryResult: Sendable {
    /// The absolute directory the reported paths are relative to.
    public var root: String
    /// Sorted by the UTF-8 bytes of `path`, without duplicates.
    public var files: [SourceFile]
    /// Sorted with `Diagnostic.order`, without duplicates.
    public var diagnostics: [Diagnostic]
    /// Command-line paths that do not exist, as given (each also has an error diagnostic).
    public var missingPaths: [String]

    public init(root: String, files: [SourceFile], diagnostics: [Diagnostic], missingPaths: [String]) {
        self.root = root
        self.files = files
        self.diagnostics = diagnostics
        self.missingPaths = missingPaths
    }
}
