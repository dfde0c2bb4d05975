import Baselines
import Facts
import Lexing
import Model
import RuleEngine

/// What scanning one file produced (cached as it is: see `ScanCache`).
struct FileOutcome: Sendable, Codable, Equatable {
    var findings: [Finding] = []
    var diagnostics: [Diagnostic] = []
    /// False when the file could not be read or was skipped as binary.
    var scanned = false
}

/// The per-file stages: read → lex → extract facts → evaluate rules → place in lines (scalar and
/// UTF-16 columns, GitHub's line hash).
/// A pure function of the file and the rules; the pipeline runs it on many files at once.
enum FileScanner {
    /// `pathPrefix` is prepended to the file's path where rules match paths (see
    /// `ScanOptions.rulePathPrefix`).
    static func scan(_ file: SourceFile, rules: RuleSet, pathPrefix: String = "") -> FileOutcome {
        switch read(file) {
        case .failed(let outcome): return outcome
        case .contents(let bytes, _): return bytes.withUnsafeBytes { scan(file, bytes: $0, rules: rules, pathPrefix: pathPrefix) }
        }
    }

    enum Read {
        case contents([UInt8], FileStamp)
        /// The outcome of a file that cannot be read: a diagnostic saying why.
        case failed(FileOutcome)
    }

    /// The file's bytes and stamp, or the outcome of a file that cannot be read.
    static func read(_ file: SourceFile) -> Read {
        switch FileReader.read(file.diskPath) {
        case .success(let (bytes, stamp)):
            return .contents(bytes, stamp)
        case .failure(let failure):
            let message: String
            switch failure {
            case .cannotOpen(let reason): message = "cannot read file: \(reason)"
            case .notRegular: message = "not a regular file; not scanned"
            case .readFailed(let reason): message = "read failed: \(reason)"
            }
            return .failed(FileOutcome(diagnostics: [Diagnostic(level: .warning, path: file.path, message: message)]))
        }
    }

    /// Lexes and extracts facts: from the file itself, or from a component's masked copy.
    static func facts(_ file: SourceFile, bytes: UnsafeRawBufferPointer,
                      component: (code: [UInt8], jsx: Bool)?) -> (LexResult, FileFacts) {
        guard let component else {
            let lexed = Lexer.tokenize(bytes, language: file.language, jsx: file.allowsJSX)
            return (lexed, FactExtractor.extract(tokens: lexed.tokens, bytes: bytes, language: file.language))
        }
        return component.code.withUnsafeBytes { code in
            let lexed = Lexer.tokenize(code, language: file.language, jsx: component.jsx)
            return (lexed, FactExtractor.extract(tokens: lexed.tokens, bytes: code, language: file.language))
        }
    }

    /// Most problems of one file reported one by one; the rest are counted in one more line.
    static let problemLimit = 100

    static func scan(_ file: SourceFile, bytes: UnsafeRawBufferPointer, rules: RuleSet, pathPrefix: String = "") -> FileOutcome {
        var outcome = FileOutcome()
        if ByteChecks.looksBinary(bytes) {
            outcome.diagnostics.append(Diagnostic(level: .warning, path: file.path,
                                                  message: "binary file (NUL byte found); not scanned"))
            return outcome
        }
        outcome.scanned = true
        // A file that holds none of the rules' needles can have no finding: it is not lexed, and
        // its lexing problems (which can only matter where a rule looks) are not reported.
        let mayFire = rules.prefilter.mayFire(bytes, language: file.language, path: pathPrefix + file.path)
        if !mayFire, rules.usesPrefilter { return outcome }
        var lines: LineIndex?
        func lineIndex() -> LineIndex {
            if let lines { return lines }
            let index = LineIndex(bytes)
            lines = index
            return index
        }
        var problems: [LexProblem] = []
        if mayFire, let bad = ByteChecks.firstInvalidUTF8(bytes) {
            problems.append(LexProblem(offset: bad, message: "not valid UTF-8; scanned as bytes (columns may be off)"))
        }
        // A component's code is its <script> blocks, lexed in place (same offsets as the file).
        let component = file.isComponent ? ComponentScripts.mask(bytes) : nil
        let (lexed, facts) = Self.facts(file, bytes: bytes, component: component)
        if mayFire { problems += lexed.problems }
        let isTestCode = rules.isTestCode(path: pathPrefix + file.path, facts: facts)
        var hits = Evaluator.evaluate(facts, path: pathPrefix + file.path, rules: rules.rules, isTestCode: isTestCode)
        if !facts.comments.isEmpty, Suppressions.mayHaveDirectives(facts.comments, in: bytes) {
            hits = Suppressions.apply(hits, comments: facts.comments, bytes: bytes, lines: lineIndex(), rules: rules.rules)
        }
        guard !hits.isEmpty || !problems.isEmpty else { return outcome }

        // Something will be shown from this file: place it, and mask every secret recognised in it.
        let columns = ColumnIndex(lineIndex(), bytes)
        let masker = self.masker(facts, path: pathPrefix + file.path, hits: hits, rules: rules, bytes: bytes)
        for problem in problems.prefix(problemLimit) {
            let place = columns.position(of: problem.offset, in: bytes)
            outcome.diagnostics.append(Diagnostic(level: .warning, path: file.path, line: place.line, column: place.column,
                                                  message: masker.mask(problem.message)))
        }
        if problems.count > problemLimit {
            outcome.diagnostics.append(Diagnostic(level: .warning, path: file.path,
                                                  message: "\(problems.count - problemLimit) more problems in this file not shown"))
        }
        guard !hits.isEmpty else { return outcome }
        let index = columns.lines
        let lineHashes = PrimaryLocationLineHash.hashes(ofLines: Set(hits.map { index.lineIndex(of: $0.range.start) + 1 }),
                                                        utf8: bytes)
        let symbols = enclosingSymbols(of: hits, in: facts)
        for (number, hit) in hits.enumerated() {
            let (location, utf16Location) = columns.locations(of: hit.range, in: bytes)
            let snippet = SnippetBuilder.snippet(of: hit.range, line: index.lineRange(location.line - 1, in: bytes),
                                                 bytes: bytes, masker: masker)
            var finding = Finding(ruleID: hit.ruleID, severity: hit.severity, message: masker.mask(hit.message),
                                  path: file.path, range: hit.range, location: location, snippet: snippet)
            finding.utf16Location = utf16Location
            finding.isTestCode = isTestCode
            finding.primaryLocationLineHash = lineHashes[location.line]
            finding.relatedLocations = hit.related.prefix(Finding.relatedLimit).map {
                let (location, utf16Location) = columns.locations(of: $0.range, in: bytes)
                return RelatedLocation(path: file.path, location: location, message: masker.mask($0.message),
                                       utf16Location: utf16Location)
            }.sorted()
            finding.matchedText = identityText(of: hit, bytes: bytes)
            finding.enclosingSymbol = symbols[number]
            finding.suppression = hit.suppression.map { suppression in
                var suppression = suppression
                suppression.reason = masker.mask(suppression.reason)
                return suppression
            }
            finding.groupKey = hit.groupKey
            finding.shape = hit.shape
            finding.subject = hit.subject.map(masker.mask)
            outcome.findings.append(finding)
        }
        // Identities are counted per file (the path is part of them), so they are final here:
        // what a file's outcome holds never depends on other files.
        outcome.findings.sort(by: Finding.reportOrder)
        Fingerprints.assign(&outcome.findings)
        return outcome
    }

    /// The masker of a file: every literal a secret recogniser finds (whether or not its rule
    /// runs) and every secret range a hit carries, with their values as decoded and as written.
    static func masker(_ facts: FileFacts, path: String, hits: [RuleHit], rules: RuleSet, bytes: UnsafeRawBufferPointer) -> SecretMasker {
        var ranges = hits.flatMap(\.secretRanges)
        var values: [[UInt8]] = []
        for secret in rules.secretLiterals(facts, path: path) {
            ranges.append(secret.content)
            values.append(Array(secret.value.utf8))
        }
        guard !ranges.isEmpty else { return .none }
        for range in ranges where range.end <= bytes.count {
            values.append(Array(UnsafeRawBufferPointer(rebasing: bytes[range.start..<range.end])))
        }
        return SecretMasker(bytes, ranges: ranges, values: values)
    }

    /// The innermost function around each hit's start (`TokenService.verify_token`), for hits
    /// sorted by start; part of a finding's identity, so identical code in two functions is two
    /// identities and moving a function keeps its findings' identities. A finding on a definition
    /// itself belongs to the definition. One sweep over functions and hits, with a stack of the
    /// open bodies.
    static func enclosingSymbols(of hits: [RuleHit], in facts: FileFacts) -> [String?] {
        let functions = facts.functions
        guard !functions.isEmpty else { return Array(repeating: nil, count: hits.count) }
        var byName: [ByteRange: Int] = [:]
        for (index, function) in functions.enumerated() where byName[function.nameRange] == nil {
            byName[function.nameRange] = index
        }
        let order = functions.indices.sorted { functions[$0].bodyRange.start < functions[$1].bodyRange.start }
        var next = 0
        var open: [Int] = []
        return hits.map { hit in
            if let named = byName[hit.range] { return functions[named].qualifiedName }
            let offset = hit.range.start
            while next < order.count, functions[order[next]].bodyRange.start <= offset {
                open.append(order[next])
                next += 1
            }
            while let top = open.last, functions[top].bodyRange.end <= offset { open.removeLast() }
            return open.last.map { functions[$0].qualifiedName }
        }
    }

    /// Most bytes of a construct that its identity reads: a finding costs O(1) however long its
    /// construct (a call wrapping a whole minified bundle).
    static let identityLimit = 512

    /// What identifies a hit's construct: its text with whitespace folded (the first
    /// `identityLimit` bytes and the length, for a long one), or for a secret the SHA-256 of the
    /// secret (never the secret).
    static func identityText(of hit: RuleHit, bytes: UnsafeRawBufferPointer) -> String {
        func text(_ range: ByteRange) -> String {
            let end = min(range.end, bytes.count)
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[min(range.start, end)..<end]), as: UTF8.self)
        }
        if !hit.secretRanges.isEmpty {
            return "sha256:" + SHA256.hex(hit.secretRanges.sorted().map(text).joined(separator: "\u{1F}"))
        }
        guard hit.range.count > identityLimit else { return Fingerprints.normalize(text(hit.range)) }
        return Fingerprints.normalize(text(ByteRange(hit.range.start, hit.range.start + identityLimit)))
            + " …(\(hit.range.count) bytes)"
    }
}
