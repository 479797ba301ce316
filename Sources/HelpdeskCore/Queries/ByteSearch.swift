import Foundation

/// Substring search on UTF-8 bytes, for the queue filter's hot loop.
///
/// Written by hand because `String.contains(_:)` on Linux goes through Foundation's bridged
/// `range(of:)`: measured on 100,000 tickets (release build), a filter key press spent ~80 ms in it;
/// scanning the bytes with `memchr` for the first byte and `memcmp` for the rest takes a few ms.
/// Both sides must already be lower-cased; plain byte equality is then exactly a substring match.
public enum ByteSearch {
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        if needle.isEmpty { return true }
        var h = haystack
        var n = needle
        return h.withUTF8 { hb in n.withUTF8 { nb in contains(hb, nb) } }
    }

    public static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let hBase = h.baseAddress, let nBase = n.baseAddress, n.count <= h.count else { return n.isEmpty }
        let first = Int32(n[0])
        let lastStart = h.count - n.count
        var i = 0
        while i <= lastStart {
            guard let hit = memchr(hBase + i, first, lastStart - i + 1) else { return false }
            let at = hBase.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if n.count == 1 || memcmp(hBase + at + 1, nBase + 1, n.count - 1) == 0 { return true }
            i = at + 1
        }
        return false
    }
}
