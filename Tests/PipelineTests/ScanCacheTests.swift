import Foundation
import Model
import Reporting
import Testing
@testable import Pipeline

/// The scan cache: a warm scan reports exactly what a cold one does, reads only what changed,
/// and survives corrupt files, concurrent runs and many settings.
@Suite struct ScanCacheTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures")

    /// A scratch directory with a copy of a fixture tree (`tree`) and a cache directory (`cache`).
    struct Scratch {
        let root: URL
        var tree: URL { root.appendingPathComponent("tree") }
        var cache: String { root.appendingPathComponent("cache").path }

        init(fixture: String? = nil) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("ssotguard-cache-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            if let fixture {
                try FileManager.default.copyItem(at: ScanCacheTests.fixtures.appendingPathComponent(fixture), to: tree)
            } else {
                try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
            }
        }

        func write(_ path: String, _ text: String) throws {
            let url = tree.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        /// Sets every file's modification time an hour back, so the cache trusts their stamps.
        func settle() throws {
            let past = Date().addingTimeInterval(-3600)
            for case let url as URL in FileManager.default.enumerator(at: tree, includingPropertiesForKeys: nil)! {
                try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: url.path)
            }
        }

        func options(cached: Bool = true) -> ScanOptions {
            var options = ScanOptions()
            options.paths = [tree.path]
            options.noConfig = true
            options.cache = cached ? .directory(cache) : .off
            return options
        }

        func cacheFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cache + "/v1")) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    static func json(_ result: ScanResult) -> String {
        let sink = ReportSink()
        JSONReporter().write(result, to: sink)
        return sink.text
    }

    @Test func aWarmScanReportsByteForByteWhatAColdOneDoes() async throws {
        for fixture in ["jwt-monorepo", "acme-platform"] {
            let scratch = try Scratch(fixture: fixture)
            defer { scratch.remove() }
            let cold = Self.json(try await Pipeline.run(scratch.options(cached: false)))
            let first = Self.json(try await Pipeline.run(scratch.options()))
            #expect(scratch.cacheFiles().count == 1)
            try scratch.settle()
            let hashed = Self.json(try await Pipeline.run(scratch.options()))  // new stamps: by content hash
            let warm = Self.json(try await Pipeline.run(scratch.options()))  // settled stamps: nothing read
            #expect(first == cold, "\(fixture)")
            #expect(hashed == cold, "\(fixture)")
            #expect(warm == cold, "\(fixture)")
            #expect(cold.contains("\"findings\" : [\n    {"), "the fixture has findings")
        }
    }

    /// A settled, unchanged stamp is trusted: the file is not read. Shown by editing the cached
    /// outcome: the warm scan reports the edit.
    @Test func aSettledStampIsTrustedWithoutReadingTheFile() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("app/legacy.py", "import jwt\n")
        try scratch.settle()
        let message = try #require(try await Pipeline.run(scratch.options()).findings.first?.message)
        let file = scratch.cache + "/v1/" + scratch.cacheFiles()[0]
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(message))
        try Data(text.replacingOccurrences(of: message, with: "EDITED IN THE CACHE").utf8).write(to: URL(fileURLWithPath: file))
        let warm = try await Pipeline.run(scratch.options())
        #expect(warm.findings.map(\.message) == ["EDITED IN THE CACHE"])
        #expect(warm.diagnostics.isEmpty)
    }

    /// An edit that keeps size and modification time (within one clock tick of the scan) is still
    /// seen: a stamp that recent is not trusted, and the bytes' hash decides.
    @Test func anEditWithinTheSameClockTickIsSeen() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.py", "import jwt\n")
        let path = scratch.tree.appendingPathComponent("a.py").path
        let stamp = try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
        #expect(try await Pipeline.run(scratch.options()).findings.count == 1)
        try scratch.write("a.py", "import abc\n")  // same size
        try FileManager.default.setAttributes([.modificationDate: stamp], ofItemAtPath: path)
        #expect(try await Pipeline.run(scratch.options()).findings.isEmpty)
    }

    @Test func changedAddedAndRemovedFilesAreRescannedAndForgotten() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.py", "import jwt\n")
        try scratch.write("b.py", "x = 1\n")
        try scratch.settle()
        #expect(try await Pipeline.run(scratch.options()).findings.map(\.path) == ["a.py"])
        try scratch.write("b.py", "import jose\n")
        try scratch.write("c.ts", "import jwt from 'jsonwebtoken';\n")
        try FileManager.default.removeItem(at: scratch.tree.appendingPathComponent("a.py"))
        let result = try await Pipeline.run(scratch.options())
        #expect(result.findings.map(\.path) == ["b.py", "c.ts"])
        #expect(Self.json(result) == Self.json(try await Pipeline.run(scratch.options(cached: false))))
        let key = scratch.cacheFiles()[0]
        let (cache, problem) = ScanCache.open(directory: scratch.cache, key: key)
        #expect(problem == nil)
        #expect(cache.entries.keys.sorted() == ["b.py", "c.ts"])
    }

    @Test func aCorruptCacheIsIgnoredWithADiagnosticAndRewritten() async throws {
        let scratch = try Scratch(fixture: "jwt-monorepo")
        defer { scratch.remove() }
        let cold = try await Pipeline.run(scratch.options(cached: false))
        _ = try await Pipeline.run(scratch.options())
        let file = scratch.cache + "/v1/" + scratch.cacheFiles()[0]
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        for damage in [bytes.prefix(bytes.count / 2), Data("garbage".utf8), bytes.dropLast(3), Data()] {
            try damage.write(to: URL(fileURLWithPath: file))
            let result = try await Pipeline.run(scratch.options())
            #expect(result.findings == cold.findings)
            #expect(result.diagnostics.count == cold.diagnostics.count + 1)
            #expect(result.diagnostics.contains(Diagnostic(level: .warning, path: file,
                                                           message: "cache file is corrupt or from another version; ignored and rewritten")))
            let again = try await Pipeline.run(scratch.options())
            #expect(again.diagnostics == cold.diagnostics)
        }
        // One entry's outcome broken: that file is scanned again, with a diagnostic naming it.
        let text = String(decoding: bytes, as: UTF8.self)
        let broken = try #require(text.range(of: "{\"diagnostics\":[],\"findings\":["))
        try Data(text.replacingCharacters(in: broken, with: "{\"diagnostics\":{},\"findings\":[").utf8).write(to: URL(fileURLWithPath: file))
        let result = try await Pipeline.run(scratch.options())
        #expect(result.findings == cold.findings)
        #expect(result.diagnostics.count == cold.diagnostics.count + 1)
        #expect(result.diagnostics.contains { $0.path == file && $0.message.hasSuffix("is corrupt; the file was scanned again") })
        #expect(try await Pipeline.run(scratch.options()).diagnostics == cold.diagnostics)
    }

    /// Another configuration (here: a rule switched off) is another cache file, never a stale
    /// answer.
    @Test func otherRulesAreAnotherCache() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.py", "import jwt\n")
        try scratch.settle()
        let config = scratch.root.appendingPathComponent("config.json")
        try Data(#"{ "version": 1, "rules": { "jwt-direct-import": { "enabled": true } } }"#.utf8).write(to: config)
        var options = scratch.options()
        options.noConfig = false
        options.configFile = config.path
        #expect(try await Pipeline.run(options).findings.count == 1)
        try Data(#"{ "version": 1, "rules": { "jwt-direct-import": { "enabled": false } } }"#.utf8).write(to: config)
        #expect(try await Pipeline.run(options).findings.isEmpty)
        #expect(scratch.cacheFiles().count == 2)
    }

    @Test func theCacheKeepsAtMostSixteenSettings() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.write("a.py", "import jwt\n")
        try FileManager.default.createDirectory(atPath: scratch.cache + "/v1", withIntermediateDirectories: true)
        for index in 0..<20 {
            let path = scratch.cache + "/v1/old\(index)"
            try Data("stale".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(Double(index - 100))], ofItemAtPath: path)
        }
        _ = try await Pipeline.run(scratch.options())
        let files = scratch.cacheFiles()
        #expect(files.count == ScanCache.maximumSettings)
        #expect(!files.contains("old0") && files.contains("old19"))
        #expect(FileManager.default.fileExists(atPath: scratch.cache + "/.gitignore"))
    }

    /// Runs at the same time each write a whole file (write, then rename): every one reports the
    /// same, and the cache left behind reads back.
    @Test func concurrentRunsLeaveAReadableCache() async throws {
        let scratch = try Scratch(fixture: "jwt-monorepo")
        defer { scratch.remove() }
        let options = scratch.options()
        let reports = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 { group.addTask { Self.json(try await Pipeline.run(options)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(reports).count == 1)
        let (cache, problem) = ScanCache.open(directory: scratch.cache, key: scratch.cacheFiles()[0])
        #expect(problem == nil)
        #expect(!cache.entries.isEmpty)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: scratch.cache + "/v1")) ?? []).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func theFileFormatRoundTripsEveryKindOfOutcome() throws {
        var finding = Finding(ruleID: "r", severity: .warning, message: "m\u{0}\n\t\"", path: "p\nq.py", range: ByteRange(3, 9),
                              location: SourceLocation(line: 1, column: 2, endLine: 1, endColumn: 8))
        finding.shape = ShapeSignature(shingleCount: 3, minima: [UInt64.max, 0, 7], sketch: [1, UInt64.max - 1])
        finding.suppression = Suppression(scope: .file, reason: "why", line: 4)
        finding.relatedLocations = [RelatedLocation(path: "p", location: finding.location, message: "x")]
        let outcomes = [
            FileOutcome(scanned: true),
            FileOutcome(findings: [finding], diagnostics: [Diagnostic(level: .warning, path: "p", line: 1, column: 1, message: "w")],
                        scanned: true),
            FileOutcome(diagnostics: [Diagnostic(level: .warning, path: "b", message: "binary")], scanned: false),
        ]
        var entries: [String: ScanCache.Entry] = [:]
        var expected: [String: FileOutcome] = [:]
        for (index, outcome) in outcomes.enumerated() {
            let path = "dir/file \(index)\n.py"
            entries[path] = ScanCache.Entry(stamp: FileStamp(size: Int64(index), modified: -5, inode: UInt64.max),
                                            hash: String(repeating: "a", count: 32), settled: index == 1, outcome: outcome)
            expected[path] = outcome
        }
        let bytes = ScanCache.encode(entries, key: "k")
        let decoded = try #require(ScanCache.decode(bytes, key: "k"))
        #expect(decoded == entries)
        for (path, outcome) in expected { #expect(decoded[path]?.outcome() == outcome) }
        #expect(ScanCache.decode(bytes, key: "other") == nil)
        #expect(ScanCache.decode(Array(bytes.dropLast()), key: "k") == nil)
    }
}
