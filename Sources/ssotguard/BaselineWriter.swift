import Foundation
import Baselines
import JSONC
import Model

/// `scan --write-baseline FILE`: writes the ratcheted baseline.
enum BaselineWriter {
    /// Writes the baseline for `result` to `file`. An existing valid baseline only tightens: fixed
    /// entries are dropped and findings it lacks are left out (their count is returned) unless
    /// `allowNew`. An existing file that is not a valid baseline is an error (never overwritten).
    /// The baseline written and how many findings were refused.
    static func write(_ result: ScanResult, to file: String, allowNew: Bool) -> Result<(written: Baseline, refused: Int), BaselineWriteFailure> {
        var existing: Baseline?
        if case .success(let bytes) = JSONC.readFile(file) {
            do {
                existing = try Baseline.parse(bytes, file: file)
            } catch {
                return .failure(BaselineWriteFailure(message: "\(error.description) (not overwritten)"))
            }
        }
        var (baseline, refused) = BaselineComparison.ratchet(result.findings, existing: existing, allowNew: allowNew)
        // Editors validate it with the schema `init` put next to it (kept, or added when present).
        let local = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(InitCommand.baselineSchema).path
        baseline.schema = existing?.schema ?? (FileManager.default.fileExists(atPath: local) ? InitCommand.baselineSchema : nil)
        if let problem = Output.write(baseline.serialized(), toFile: file) {
            return .failure(BaselineWriteFailure(message: problem))
        }
        return .success((baseline, refused.count))
    }
}

struct BaselineWriteFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
