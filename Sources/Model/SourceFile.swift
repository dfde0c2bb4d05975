/// A file chosen for scanning.
public struct SourceFile: Hashable, Sendable {
    /// POSIX path relative to the scan root (no leading `./`); what reports show and globs match.
    public var path: String
    /// Path to open on disk (absolute, or relative to the working directory).
    public var diskPath: String
    public var language: Language
    /// Whether the lexer should recognise JSX (`.tsx`, `.jsx`, JavaScript files).
    public var allowsJSX: Bool
    /// The file's stamp when discovery took it (nil for files not found by a walk).
    public var stamp: FileStamp?
    /// A single-file component (`.vue`, `.svelte`): only its `<script>` blocks are code.
    public var isComponent: Bool { Language.isComponent(fileName: path) }

    public init(path: String, diskPath: String, language: Language, allowsJSX: Bool = false) {
        self.path = path
        self.diskPath = diskPath
        self.language = language
        self.allowsJSX = allowsJSX
    }

    /// A source file for `path`, with language and JSX flag taken from its extension.
    public init?(path: String, diskPath: String) {
        guard let language = Language.of(fileName: path) else { return nil }
        self.init(path: path, diskPath: diskPath, language: language,
                  allowsJSX: language == .typescript && Language.allowsJSX(fileName: path))
    }
}
