import Lexing
import Model

/// Inline suppressions: `ssotguard: ignore[rule-id] -- reason` comments (see
/// `SuppressionDirective` for the syntax).
///
/// - `ignore[...]` covers findings whose *first* line is the directive's line (through the end of
///   its comment) and, when the comment starts its line (only blanks, or a JSX `{`, before it),
///   the line after the comment. A trailing comment (`import jwt  # ssotguard: ...`) never
///   reaches the next line. A finding covered by several directives is credited to the one on
///   its own line first.
/// - `ignore-file[...]` covers the whole file; it must be near the top: in a comment before the
///   first code (leading comments and a docstring or `"use strict"` may precede it) or within the
///   first `fileDirectiveLineLimit` lines.
/// - Rule ids are matched after resolving aliases. Only comment tokens are read, so text in
///   strings never suppresses.
/// - A directive that is malformed, has no reason or is misplaced does not take effect and is
///   reported as `suppression-invalid`; so is each unknown id in a list (the other ids still
///   apply). Each valid id that suppresses nothing is reported as `suppression-unused`.
/// - Findings of the meta-rules themselves can be suppressed too (e.g. `ignore-file[suppression-unused]`);
///   such ids are never reported unused.
public enum Suppressions {
    /// Whether any comment mentions `ssotguard:` at all: a byte scan that spares files without
    /// directives (nearly all) the line index `apply` needs.
    public static func mayHaveDirectives(_ comments: [ByteRange], in bytes: UnsafeRawBufferPointer) -> Bool {
        let needle: [UInt8] = Array("ssotguard:".utf8)
        for range in comments where range.count >= needle.count {
            var i = range.start
            let last = min(range.end, bytes.count) - needle.count
            while i <= last {
                if bytes[i] == needle[0] {
                    var k = 1
                    while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
                i += 1
            }
        }
        return false
    }

    public static let invalidRuleID: RuleID = "suppression-invalid"
    public static let unusedRuleID: RuleID = "suppression-unused"
    /// The rules of kind `meta`: only these ids may use it.
    public static let metaRuleIDs: [RuleID] = [invalidRuleID, unusedRuleID]
    /// An `ignore-file` directive within this many lines from the top is always accepted.
    public static let fileDirectiveLineLimit = 10

    /// `hits` with `suppression` set where an inline comment suppresses them, plus hits of the
    /// meta-rules for invalid and unused suppressions (when those rules are among `rules`),
    /// sorted like `Evaluator.evaluate`'s output.
    public static func apply(_ hits: [RuleHit], comments: [ByteRange], bytes: UnsafeRawBufferPointer,
                             lines: LineIndex, rules: [Rule]) -> [RuleHit] {
        var directives: [SuppressionDirective] = []
        for comment in comments { SuppressionParser.scan(comment, bytes: bytes, into: &directives) }
        guard !directives.isEmpty else { return hits }

        var table = SuppressionTable(rules: rules)
        var problems: [(range: ByteRange, detail: String)] = []
        var codeStart: Int?
        for directive in directives {
            if let problem = directive.problem {
                problems.append((directive.range, problem))
                continue
            }
            let line = lines.lineIndex(of: directive.range.start)
            if directive.scope == .file, line >= fileDirectiveLineLimit {
                let start = codeStart ?? firstCodeOffset(bytes: bytes, comments: comments, bodyStart: lines.bodyStart)
                codeStart = start
                guard directive.comment.start < start else {
                    problems.append((directive.range, "`ignore-file` must be near the top of the file: before the first "
                        + "line of code or within the first \(fileDirectiveLineLimit) lines; it has no effect here"))
                    continue
                }
            }
            let endLine = lines.lineIndex(of: max(directive.comment.start, directive.comment.end - 1))
            let ownLine = startsItsLine(directive.comment, bytes: bytes, lines: lines)
            for target in directive.targets {
                guard let ruleID = table.ruleIDs[target.id] else {
                    problems.append((target.range, "`\(target.id)` is not the id of a rule that ran; this part of the "
                        + "suppression has no effect (see `ssotguard rules`)"))
                    continue
                }
                let suppression = Suppression(scope: directive.scope, reason: directive.reason ?? "", line: line + 1)
                table.add(SuppressionTable.Entry(ruleID: ruleID, target: target.range, suppression: suppression,
                                                 firstLine: line, endLine: endLine, coversNextLine: ownLine))
            }
        }

        var result = hits
        for index in result.indices where !table.isMeta(result[index].ruleID) {
            result[index].suppression = table.suppress(result[index], lines: lines)
        }
        var meta: [RuleHit] = []
        if let rule = table.metaRules[invalidRuleID] {
            meta += problems.map { Evaluator.hit(rule, range: $0.range, values: ["detail": $0.detail]) }
        }
        if let rule = table.metaRules[unusedRuleID] {
            for entry in table.entries where !entry.used && !table.isMeta(entry.ruleID) {
                let place = entry.suppression.scope == .file ? "in this file"
                    : entry.coversNextLine ? "on this line or the next" : "on this line"
                let detail = (entry.suppression.scope == .file ? "file-level suppression" : "suppression")
                    + " of `\(entry.ruleID)` is unused: no such finding \(place)"
                meta.append(Evaluator.hit(rule, range: entry.target, values: ["detail": detail]))
            }
        }
        for index in meta.indices { meta[index].suppression = table.suppress(meta[index], lines: lines) }
        result += meta
        result.sort { $0.range != $1.range ? $0.range < $1.range : $0.ruleID < $1.ruleID }
        return result
    }
}

/// The usable suppressions of one file, indexed by the lines they cover and by rule.
struct SuppressionTable {
    struct Entry {
        var ruleID: RuleID
        /// The id as written in the directive (where an unused report points).
        var target: ByteRange
        var suppression: Suppression
        /// 0-based lines: of the directive, and of the end of its comment.
        var firstLine: Int
        var endLine: Int
        /// The comment starts its line, so the line after it is covered too.
        var coversNextLine: Bool
        var used = false

        /// The lines where a finding may start to be covered (lines inside a block comment have no
        /// code, so they are skipped: a directive in a long comment costs three entries at most).
        var coveredLines: Set<Int> { [firstLine, endLine, endLine + (coversNextLine ? 1 : 0)] }
    }

    /// Every id and alias of `rules` → the rule's id.
    let ruleIDs: [String: RuleID]
    let metaRules: [RuleID: Rule]
    private(set) var entries: [Entry] = []
    private var byLine: [Int: [Int]] = [:]
    private var byRuleForFile: [RuleID: [Int]] = [:]

    init(rules: [Rule]) {
        var ids: [String: RuleID] = [:]
        var meta: [RuleID: Rule] = [:]
        for rule in rules {
            ids[rule.id.rawValue] = rule.id
            for alias in rule.aliases { ids[alias.rawValue] = rule.id }
            if rule.kind == .meta { meta[rule.id] = rule }
        }
        ruleIDs = ids
        metaRules = meta
    }

    func isMeta(_ id: RuleID) -> Bool { Suppressions.metaRuleIDs.contains(id) }

    mutating func add(_ entry: Entry) {
        let index = entries.count
        entries.append(entry)
        if entry.suppression.scope == .file {
            byRuleForFile[entry.ruleID, default: []].append(index)
        } else {
            for line in entry.coveredLines { byLine[line, default: []].append(index) }
        }
    }

    /// The suppression covering `hit` (by its first line), marking the directive used; nil if none.
    /// A directive on the hit's line wins over one on the line above, which wins over a file-level one.
    mutating func suppress(_ hit: RuleHit, lines: LineIndex) -> Suppression? {
        let line = lines.lineIndex(of: hit.range.start)
        var best: Int?
        for index in byLine[line] ?? [] where entries[index].ruleID == hit.ruleID {
            // The directive nearest above (or on) the hit's line wins.
            if best.map({ entries[index].firstLine > entries[$0].firstLine }) ?? true { best = index }
        }
        if best == nil { best = byRuleForFile[hit.ruleID]?.first }
        guard let best else { return nil }
        entries[best].used = true
        return entries[best].suppression
    }
}
