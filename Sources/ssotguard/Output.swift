#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model
import Reporting

/// Writing to stdout, stderr and files, and telling whether colour is wanted.
enum Output {
    static func stdout(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    static func stderr(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    /// `ssotguard: error: <message>` on stderr, the message made safe for a terminal (it can hold
    /// file names and text from configuration files).
    static func error(_ message: String) {
        stderr("ssotguard: error: " + TerminalText.escape(message) + "\n")
    }

    /// Writes all of `text` to a file descriptor, retrying partial writes and EINTR.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// A report to `file`, or to stdout when there is none; false (after saying why on stderr)
    /// when the file cannot be written.
    static func deliver(_ report: String, to file: String?) -> Bool {
        deliver(to: file) { $0.write(report) }
    }

    /// A report written piece by piece by `write` to `file` (replaced), or to stdout; false (after
    /// saying why on stderr) when the file cannot be written.
    static func deliver(to file: String?, _ write: (ReportSink) -> Void) -> Bool {
        guard let file else {
            let sink = ReportSink(descriptor: STDOUT_FILENO)
            write(sink)
            sink.flush()
            return true
        }
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            error("cannot write \(file): \(String(cString: strerror(errno)))")
            return false
        }
        let sink = ReportSink(descriptor: descriptor)
        write(sink)
        sink.flush()
        let closed = close(descriptor) == 0
        if let failure = sink.failure ?? (closed ? nil : String(cString: strerror(errno))) {
            error("cannot write \(file): \(failure)")
            return false
        }
        return true
    }

    /// Writes `text` to `path` (replacing it). Returns an error text on failure.
    static func write(_ text: String, toFile path: String) -> String? {
        guard let file = fopen(path, "wb") else {
            return "cannot write \(path): \(String(cString: strerror(errno)))"
        }
        var text = text
        let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
        let failed = written != text.utf8.count || fclose(file) != 0
        return failed ? "cannot write \(path): \(String(cString: strerror(errno)))" : nil
    }

    /// When `diagnostics` hold errors (a PATH that does not exist or cannot be read), prints them
    /// on stderr and returns true: the caller stops without a report.
    static func reportErrors(_ diagnostics: [Diagnostic]) -> Bool {
        let errors = diagnostics.filter { $0.level == .error }
        guard !errors.isEmpty else { return false }
        for error in errors { stderr(error.formatted + "\n") }
        return true
    }

    /// Colour on stdout: only on a terminal, never when NO_COLOR is set (https://no-color.org).
    static var stdoutWantsColor: Bool {
        if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// The working directory, or nil when it cannot be read.
    static func currentDirectory() -> String? {
        guard let cwd = getcwd(nil, 0) else { return nil }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}
