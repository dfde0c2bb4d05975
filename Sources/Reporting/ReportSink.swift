#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a report's bytes go: a file descriptor, written in blocks as they come, or memory.
///
/// Reporters write to a sink piece by piece, so a report of 200,000 findings never sits whole in
/// memory on its way to a file or a pipe.
public final class ReportSink {
    private let descriptor: Int32?
    private var pending: [UInt8] = []
    private var memory: [UInt8] = []
    /// The first write error (`strerror` text), if any.
    public private(set) var failure: String?
    static let blockSize = 1 << 16

    /// A sink that keeps everything in memory (`text`).
    public init() {
        descriptor = nil
    }

    /// A sink that writes to an open file descriptor (not closed here).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func write(_ bytes: [UInt8]) {
        guard descriptor != nil else {
            memory += bytes
            return
        }
        pending += bytes
        if pending.count >= Self.blockSize { flush() }
    }

    public func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// Everything written, for a memory sink.
    public var text: String { String(decoding: memory, as: UTF8.self) }

    /// Writes out what is buffered.
    public func flush() {
        guard let descriptor, !pending.isEmpty else { return }
        pending.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, failure == nil {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
