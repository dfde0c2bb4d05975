import Baselines
import Facts
import Lexing
import Model
import RuleEngine

/// What scanning one file produced.
struct FileOutcome: Sendable {
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
    static func scan(_ file: SourceFile, rules: [Rule], pathPrefix: String = "") -> FileOutcome {
        switch FileReader.read(file.diskPath) {
        case .failure(let failure):
            let message: String
            switch failure {
            case .cannotOpen(let reason): message = "cannot read file: \(reason)"
            case .notRegular: message = "not a regular file; not scanned"
            case .readFailed(let reason): message = "read failed: \(reason)"
            }
            return FileOutcome(diagnostics: [Diagnostic(level: .warning, path: file.path, message: message)])
        case .success(let bytes):
            return bytes.withUnsafeBytes { scan(file, bytes: $0, rules: rules, pathPrefix: pathPrefix) }
        }
    }

    static func scan(_ file: SourceFile, bytes: UnsafeRawBufferPointer, rules: [Rule], pathPrefix: String = "") -> FileOutcome {
        var outcome = FileOutcome()
        if ByteChecks.looksBinary(bytes) {
            outcome.diagnostics.append(Diagnostic(level: .warning, path: file.path,
                                                  message: "binary file (NUL byte found); not scanned"))
            return outcome
        }
        outcome.scanned = true
        var lines: LineIndex?
        func lineIndex() -> LineIndex {
            if let lines { return lines }
            let index = LineIndex(bytes)
            lines = index
            return index
        }
        if let bad = ByteChecks.firstInvalidUTF8(bytes) {
            let place = lineIndex().position(of: bad, in: bytes)
            outcome.diagnostics.append(Diagnostic(level: .warning, path: file.path, line: place.line, column: place.column,
                                                  message: "not valid UTF-8; scanned as bytes (columns may be off)"))
        }
        let lexed = Lexer.tokenize(bytes, language: file.language, jsx: file.allowsJSX)
        for problem in lexed.problems {
            let place = lineIndex().position(of: problem.offset, in: bytes)
            outcome.diagnostics.append(Diagnostic(level: .warning, path: file.path, line: place.line, column: place.column,
                                                  message: problem.message))
        }
        let facts = FactExtractor.extract(tokens: lexed.tokens, bytes: bytes, language: file.language)
        var hits = Evaluator.evaluate(facts, path: pathPrefix + file.path, rules: rules)
        guard !hits.isEmpty || !facts.comments.isEmpty else { return outcome }
        if Suppressions.mayHaveDirectives(facts.comments, in: bytes) {
            hits = Suppressions.apply(hits, comments: facts.comments, bytes: bytes, lines: lineIndex(), rules: rules)
        }
        guard !hits.isEmpty else { return outcome }
        let index = lineIndex()
        let lineHashes = PrimaryLocationLineHash.hashes(ofLines: Set(hits.map { index.lineIndex(of: $0.range.start) + 1 }),
                                                        utf8: bytes)
        // Every finding's shown line hides every secret found in the file, not only its own:
        // `jwt.encode(p, "key")` is also a jwt-direct-call finding.
        let secrets = hits.flatMap(\.secretRanges)
        for hit in hits {
            let location = index.location(of: hit.range, in: bytes)
            var finding = Finding(ruleID: hit.ruleID, severity: hit.severity, message: hit.message, path: file.path,
                                  range: hit.range, location: location,
                                  lineText: maskedLine(location.line - 1, index: index, bytes: bytes, secrets: secrets))
            finding.utf16Location = index.utf16Location(of: hit.range, in: bytes)
            finding.primaryLocationLineHash = lineHashes[location.line]
            finding.relatedLocations = hit.related.map {
                RelatedLocation(path: file.path, location: index.location(of: $0.range, in: bytes), message: $0.message,
                                utf16Location: index.utf16Location(of: $0.range, in: bytes))
            }.sorted()
            finding.matchedText = identityText(of: hit, bytes: bytes)
            finding.enclosingSymbol = enclosingSymbol(of: hit.range, in: facts)
            finding.suppression = hit.suppression
            finding.groupKey = hit.groupKey
            finding.shape = hit.shape
            outcome.findings.append(finding)
        }
        return outcome
    }

    /// The innermost function around `range` (`TokenService.verify_token`); part of a finding's
    /// identity, so identical code in two functions is two identities and moving a function keeps
    /// its findings' identities. A finding on a definition itself belongs to the definition.
    static func enclosingSymbol(of range: ByteRange, in facts: FileFacts) -> String? {
        var best: FunctionFact?
        for function in facts.functions {
            let inside = function.bodyRange.start <= range.start && range.start < function.bodyRange.end
            let isName = function.nameRange == range
            guard inside || isName else { continue }
            if isName { return function.qualifiedName }
            if best == nil || function.bodyRange.start >= best!.bodyRange.start { best = function }
        }
        return best?.qualifiedName
    }

    /// What identifies a hit's construct: its text with whitespace folded, or for a secret the
    /// SHA-256 of the secret (never the secret).
    static func identityText(of hit: RuleHit, bytes: UnsafeRawBufferPointer) -> String {
        func text(_ range: ByteRange) -> String {
            let end = min(range.end, bytes.count)
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[min(range.start, end)..<end]), as: UTF8.self)
        }
        if !hit.secretRanges.isEmpty {
            return "sha256:" + SHA256.hex(hit.secretRanges.sorted().map(text).joined(separator: "\u{1F}"))
        }
        return Fingerprints.normalize(text(hit.range))
    }

    /// The text of a line with every secret range on it replaced by its mask.
    static func maskedLine(_ line: Int, index: LineIndex, bytes: UnsafeRawBufferPointer, secrets: [ByteRange]) -> String {
        let lineRange = index.lineRange(line, in: bytes)
        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        var out = ""
        var cursor = lineRange.start
        for secret in secrets.sorted() where secret.end > lineRange.start && secret.start < lineRange.end {
            let start = max(secret.start, cursor)
            guard start < secret.end else { continue }
            out += text(cursor, start)
            out += SecretMask.mask(text(secret.start, secret.end))
            cursor = min(secret.end, lineRange.end)
        }
        out += text(cursor, max(cursor, lineRange.end))
        return out
    }
}
