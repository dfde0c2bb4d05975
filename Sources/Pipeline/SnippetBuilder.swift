import Model

/// Cuts the window of a finding's first line that text reports show, masking secrets on the way.
///
/// At most `Snippet.maximumWidth` scalars: the whole line when it is that short, else from up to
/// `Snippet.leadingContext` scalars before the finding. The work is bounded by the window, never
/// by the line (a minified line is megabytes long). A secret that straddles the window's edge is
/// shown as its mask, whole.
enum SnippetBuilder {
    static func snippet(of range: ByteRange, line: ByteRange, bytes: UnsafeRawBufferPointer,
                        masker: SecretMasker) -> Snippet {
        let start = min(max(range.start, line.start), line.end)
        let end = min(max(range.end, start), line.end)
        var left = line.start
        var right = advance(line.start, by: Snippet.maximumWidth, limit: line.end, bytes)
        if right < line.end {
            // A long line: start a little before the finding, and fill the width from there.
            left = retreat(start, by: Snippet.leadingContext, limit: line.start, bytes)
            right = advance(left, by: Snippet.maximumWidth, limit: line.end, bytes)
            if right == line.end { left = retreat(line.end, by: Snippet.maximumWidth, limit: line.start, bytes) }
        }
        // Masks that straddle an edge widen the window to hold them whole.
        let masks = masker.covered(from: left, to: right).map { ByteRange(max($0.start, line.start), min($0.end, line.end)) }
        if let first = masks.first { left = min(left, first.start) }
        if let last = masks.last { right = max(right, last.end) }

        var text = ""
        var scalars = 0
        var markerStart: Int?
        var markerEnd: Int?
        var cursor = left
        func plain(_ from: Int, _ to: Int) {
            guard from < to else { return }
            if markerStart == nil, start < to { markerStart = scalars + scalarCount(from, start, bytes) }
            if markerEnd == nil, end <= to, end >= from { markerEnd = scalars + scalarCount(from, end, bytes) }
            text += String(decoding: UnsafeRawBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
            scalars += scalarCount(from, to, bytes)
        }
        for mask in masks where mask.start < mask.end {
            plain(cursor, mask.start)
            if markerStart == nil, start <= mask.start { markerStart = scalars }
            if markerEnd == nil, end <= mask.start { markerEnd = scalars }
            let shown = SecretMask.mask(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[mask.start..<mask.end]),
                                               as: UTF8.self))
            let width = shown.unicodeScalars.count
            if markerStart == nil, start < mask.end { markerStart = scalars }
            if markerEnd == nil, end <= mask.end, end > mask.start { markerEnd = scalars + width }
            text += shown
            scalars += width
            cursor = mask.end
        }
        plain(cursor, right)
        let markerFrom = markerStart ?? scalars
        let markerTo = max(markerFrom + 1, markerEnd ?? scalars)
        return Snippet(text: text, markerStart: markerFrom, markerLength: markerTo - markerFrom,
                       cutBefore: left > line.start, cutAfter: right < line.end)
    }

    /// The offset `count` scalars after `offset`, or `limit`.
    private static func advance(_ offset: Int, by count: Int, limit: Int, _ bytes: UnsafeRawBufferPointer) -> Int {
        var i = offset
        var seen = 0
        while i < limit, seen < count {
            i += 1
            while i < limit, bytes[i] & 0xC0 == 0x80 { i += 1 }
            seen += 1
        }
        return i
    }

    /// The offset `count` scalars before `offset`, or `limit`.
    private static func retreat(_ offset: Int, by count: Int, limit: Int, _ bytes: UnsafeRawBufferPointer) -> Int {
        var i = offset
        var seen = 0
        while i > limit, seen < count {
            i -= 1
            while i > limit, bytes[i] & 0xC0 == 0x80 { i -= 1 }
            seen += 1
        }
        return i
    }

    private static func scalarCount(_ from: Int, _ to: Int, _ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var i = from
        while i < to {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }
}
