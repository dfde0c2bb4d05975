import Lexing
import Model

/// Inline suppressions: `ssotguard: ignore[rule-id] -- reason` comments (see
/// `SuppressionDirective` for the syntax).
///
/// - `ignore[...]` covers findings whose *first* line is the directive's line or the line after
///   the comment (the line below a comment of its own; a multi-line block comment covers its
///   lines and the next one). A finding covered by several directives is credited to the one on
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
            let lastLine = lines.lineIndex(of: max(directive.comment.start, directive.comment.end - 1)) + 1
            for target in directive.targets {
                guard let ruleID = table.ruleIDs[target.id] else {
                    problems.append((target.range, "`\(target.id)` is not the id of a rule that ran; this part of the "
                        + "suppression has no effect (see `ssotguard rules`)"))
                    continue
                }
                let suppression = Suppression(scope: directive.scope, reason: directive.reason ?? "", line: line + 1)
                table.add(SuppressionTable.Entry(ruleID: ruleID, target: target.range, suppression: suppression,
                                                 firstLine: line, lastLine: lastLine))
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
                let detail = entry.suppression.scope == .file
                    ? "file-level suppression of `\(entry.ruleID)` is unused: no such finding in this file"
                    : "suppression of `\(entry.ruleID)` is unused: no such finding on this line or the next"
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
        /// 0-based lines covered by a line directive: `firstLine...lastLine`.
        var firstLine: Int
        var lastLine: Int
        var used = false
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
            for line in entry.firstLine...entry.lastLine { byLine[line, default: []].append(index) }
        }
    }

    /// The suppression covering `hit` (by its first line), marking the directive used; nil if none.
    /// A directive whose comment is on the hit's line wins over one on the line above, which wins
    /// over a file-level one.
    mutating func suppress(_ hit: RuleHit, lines: LineIndex) -> Suppression? {
        let line = lines.lineIndex(of: hit.range.start)
        var best: Int?
        for index in byLine[line] ?? [] where entries[index].ruleID == hit.ruleID {
            guard let current = best else { best = index; continue }
            // On the hit's line (the comment reaches it) beats on the line above.
            if entries[index].lastLine > line, entries[current].lastLine <= line { best = index }
        }
        if best == nil { best = byRuleForFile[hit.ruleID]?.first }
        guard let best else { return nil }
        entries[best].used = true
        return entries[best].suppression
    }
}
