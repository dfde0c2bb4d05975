import Discovery
import Foundation
import Model
import PhaseMapping
import RuleEngine

/// `ssotguard history`: replays the first-parent history of a repository and counts findings per
/// phase and rule as they were at each sampled commit, reading blobs straight from git.
///
/// A file's counts are cached by (blob id, path) for the run, so a history of hundreds of commits
/// costs little more than scanning the files that changed. (The path is part of the key because
/// allowed paths, test-code severities and phases depend on it.)
public enum History {
    /// Which commits to keep: the last one of each day or week (UTC), or every Nth counted back
    /// from the newest. The newest commit is always kept.
    public enum Sampling: Equatable, Sendable {
        case day
        case week
        case commits(Int)
    }

    public struct Options: Sendable {
        public var scan = ScanOptions()
        public var ref = "HEAD"
        public var since: String?
        public var until: String?
        public var every = Sampling.day

        public init() {}
    }

    /// Counts at one commit.
    public struct Point: Sendable, Equatable {
        public var commit: String
        /// Committer time, seconds since 1970 (UTC).
        public var time: Int
        public var total: Int
        public var byPhase: [String: Int]
        public var byRule: [String: Int]
        public var filesScanned: Int
    }

    public struct Result: Sendable {
        public var plan: Plan
        public var ruleIDs: [RuleID]
        public var points: [Point]
        /// First-parent commits in the date range, before sampling.
        public var commitsConsidered: Int
        /// Files actually lexed and evaluated (cache misses), and files answered from the cache.
        public var filesScanned: Int
        public var filesCached: Int
    }

    /// Reports (done, total) commits as the replay advances.
    public typealias ProgressHandler = @Sendable (Int, Int) -> Void

    public static func run(_ options: Options, progress: ProgressHandler? = nil) async throws(PipelineError) -> Result {
        var options = options
        options.scan = try Pipeline.resolve(options.scan)
        let rules = try Pipeline.loadRules(options.scan)
        let plan = try Pipeline.loadPlan(options.scan, rules: rules)
        let discovery = try Pipeline.discoveryOptions(options.scan)
        let repository = try GitRepository.open(options.scan.paths.first ?? ".")
        // Three git processes for the whole replay: the change log, the first tree, the blobs.
        let log = try repository.changeLog(ref: options.ref, since: options.since, until: options.until)
        guard let first = log.first else {
            return Result(plan: plan, ruleIDs: rules.map(\.id).sorted(), points: [], commitsConsidered: 0, filesScanned: 0, filesCached: 0)
        }
        let sampled = Set(sample(log.map(\.commit), every: options.every).map(\.sha))
        var tree: [String: String] = [:]  // path → blob
        for entry in try repository.tree(first.commit.sha) where entry.type == "blob" && entry.mode != "120000" {
            tree[entry.path] = entry.object
        }
        let reader = try BlobReader(repository: repository)

        var cache: [String: [CountKey: Int]] = [:]
        var gitignores: [String: [UInt8]] = [:]
        var points: [Point] = []
        var scannedCount = 0
        var cachedCount = 0
        for (index, entry) in log.enumerated() {
            if index > 0 {
                for change in entry.changes { tree[change.path] = change.object }
            }
            guard sampled.contains(entry.commit.sha) else { continue }
            progress?(points.count, sampled.count)
            var gitignore: [UInt8]?
            if let object = tree[".gitignore"] {
                if gitignores[object] == nil { gitignores[object] = try reader.read(object) ?? [] }
                gitignore = gitignores[object]
            }
            let files = Discovery.select(paths: Array(tree.keys), gitignore: gitignore, options: discovery)
            var missing: [(SourceFile, [UInt8])] = []
            for file in files where cache[key(tree[file.path]!, file.path)] == nil {
                let bytes = try reader.read(tree[file.path]!) ?? []
                missing.append((file, bytes.count <= options.scan.maxFileSize ? bytes : []))
            }
            cachedCount += files.count - missing.count
            scannedCount += missing.count
            let counted = await count(missing, rules: rules, plan: plan)
            for ((file, _), counts) in zip(missing, counted) { cache[key(tree[file.path]!, file.path)] = counts }

            var point = Point(commit: entry.commit.sha, time: entry.commit.time, total: 0, byPhase: [:], byRule: [:],
                              filesScanned: files.count)
            for file in files {
                for (countKey, count) in cache[key(tree[file.path]!, file.path)] ?? [:] {
                    point.total += count
                    point.byPhase[countKey.phase, default: 0] += count
                    point.byRule[countKey.rule, default: 0] += count
                }
            }
            points.append(point)
        }
        progress?(points.count, points.count)
        return Result(plan: plan, ruleIDs: rules.map(\.id).sorted(), points: points, commitsConsidered: log.count,
                      filesScanned: scannedCount, filesCached: cachedCount)
    }

    /// The commits to replay, oldest first.
    static func sample(_ commits: [GitRepository.Commit], every: Sampling) -> [GitRepository.Commit] {
        guard !commits.isEmpty else { return [] }
        switch every {
        case .commits(let n):
            let newest = commits.count - 1
            return commits.enumerated().filter { (newest - $0.offset) % max(1, n) == 0 }.map(\.element)
        case .day, .week:
            let length = every == .day ? 86_400 : 7 * 86_400
            // 1970-01-01 was a Thursday: shift by 3 days so weeks start on Monday.
            let shift = every == .day ? 0 : 3 * 86_400
            var kept: [GitRepository.Commit] = []
            for commit in commits {
                let bucket = Int((Double(commit.time + shift) / Double(length)).rounded(.down))
                if let last = kept.last, Int((Double(last.time + shift) / Double(length)).rounded(.down)) == bucket {
                    kept[kept.count - 1] = commit
                } else {
                    kept.append(commit)
                }
            }
            return kept
        }
    }

    struct CountKey: Hashable, Sendable {
        var rule: String
        var phase: String
    }

    private static func key(_ object: String, _ path: String) -> String { object + "\u{0}" + path }

    /// Active-finding counts per (rule, phase) of each file, scanned in parallel.
    static func count(_ files: [(SourceFile, [UInt8])], rules: [Rule], plan: Plan) async -> [[CountKey: Int]] {
        // Only counts leave this stage: no text is shown, so nothing needs masking.
        let rules = RuleSet(rules: rules, secretRecognizers: [])
        return await Pipeline.parallelMap(files.count) { index in
            let (file, bytes) = files[index]
            let outcome = bytes.withUnsafeBytes { FileScanner.scan(file, bytes: $0, rules: rules) }
            var counts: [CountKey: Int] = [:]
            for finding in PhaseAssigner.assign(outcome.findings, plan: plan) where finding.suppression == nil {
                counts[CountKey(rule: finding.ruleID.rawValue, phase: finding.phase ?? Phase.unplannedID), default: 0] += 1
            }
            return counts
        }
    }
}
