import JSONC
import PhaseMapping

/// A snapshot file that cannot be compared against: the message says which file and what is wrong.
public struct SnapshotError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// Reads the findings of an earlier snapshot for `progress`: a baseline file, or a JSON report
/// written by `ssotguard scan --format json` (version 1, with fingerprints and phases).
public enum SnapshotReader {
    public static func read(file: String) throws(SnapshotError) -> [SnapshotEntry] {
        let bytes: [UInt8]
        switch JSONC.readFile(file) {
        case .success(let read): bytes = read
        case .failure(let error): throw SnapshotError("\(file): cannot read the baseline file: \(error.reason)")
        }
        do {
            let root = try JSONC.parse(bytes)
            let report = try JSONObjectReader(root)
            if report.contains("kind"), report.contains("entries") {
                return try Baseline.parse(bytes, file: file).entries.map {
                    SnapshotEntry(fingerprint: $0.fingerprint, phase: $0.phase ?? Phase.unplannedID)
                }
            }
            guard report.contains("findings"), report.contains("tool") else {
                throw SnapshotError("\(file): not an ssotguard baseline or JSON report; write one with "
                                    + "'ssotguard scan --write-baseline FILE'")
            }
            let version = try report.int("version")
            guard version == 1 else {
                throw SnapshotError("\(file): unsupported report version \(version); this ssotguard reads version 1")
            }
            var entries: [SnapshotEntry] = []
            for finding in try report.objects("findings") {
                if try finding.optionalBool("suppressed") == true { continue }
                guard let fingerprint = try finding.optionalString("fingerprint") else {
                    throw SnapshotError("\(file): findings have no \"fingerprint\": the report comes from an older ssotguard; "
                                        + "write it again with this version")
                }
                entries.append(SnapshotEntry(fingerprint: fingerprint, phase: try finding.optionalString("phase") ?? Phase.unplannedID))
            }
            return entries
        } catch let error as SnapshotError {
            throw error
        } catch let error as BaselineError {
            throw SnapshotError(error.description)
        } catch let error as JSONSyntaxError {
            throw SnapshotError("\(file):\(error.description)")
        } catch let error as JSONSchemaError {
            throw SnapshotError("\(file):\(error.description)")
        } catch {
            throw SnapshotError("\(file): \(error)")
        }
    }
}
