import Foundation
import HelpdeskCore

/// Terms → ticket numbers for the events after the snapshot, kept in memory as they are folded
/// (the tail is at most `compactionThreshold` events, so this stays small).
final class SearchTail {
    private(set) var postings: [String: Set<Int>] = [:]

    func add(_ change: Change) {
        guard let (ticket, text) = SearchText.indexedText(of: change) else { return }
        for term in SearchText.terms(text) { postings[term, default: []].insert(ticket) }
    }

    func insert(_ term: String, _ ticket: Int) { postings[term, default: []].insert(ticket) }

    func lookup(_ term: String, into bits: inout TicketBits) {
        if term.count < SearchText.prefixLength {
            for n in postings[term] ?? [] { bits.insert(n) }
            return
        }
        for (t, set) in postings where t.hasPrefix(term) { for n in set { bits.insert(n) } }
    }

    func lookup(_ term: String) -> Set<Int> {
        guard term.count >= SearchText.prefixLength else { return postings[term] ?? [] }
        var out = Set<Int>()
        for (t, set) in postings where t.hasPrefix(term) { out.formUnion(set) }
        return out
    }
}

/// A snapshot's `search.jsonl`: one line per term, sorted by the term's UTF-8 bytes,
/// `["refund",[1001,1042,…]]` with ticket numbers ascending. It is memory-mapped, never parsed at
/// open: a lookup binary-searches the lines and parses only the postings it needs.
final class SearchIndexFile {
    static let name = "search.jsonl"
    let file: MappedFile

    init(path: String) throws { file = try MappedFile(path: path) }

    /// Ticket numbers for a term (and, when it is long enough, for every term it begins).
    func lookup(_ term: String) -> Set<Int> {
        let key = Array(term.utf8)
        let prefix = term.count >= SearchText.prefixLength
        let bytes = file.bytes
        var out = Set<Int>()
        var line = firstLine(notBefore: key)
        while line < bytes.count {
            let (t, postingsStart, end) = parseTerm(at: line)
            let matches = prefix ? t.starts(with: key) : t.elementsEqual(key)
            guard matches else { break }
            parsePostings(from: postingsStart, to: end, into: &out)
            line = end + 1
            if !prefix { break }
        }
        return out
    }

    /// The same tickets as `lookup(_:)`, added to `bits` (no hashing, no intermediate set).
    func lookup(_ term: String, into bits: inout TicketBits) {
        let key = Array(term.utf8)
        let prefix = term.count >= SearchText.prefixLength
        let bytes = file.bytes
        var line = firstLine(notBefore: key)
        while line < bytes.count {
            let (t, postingsStart, end) = parseTerm(at: line)
            let matches = prefix ? t.starts(with: key) : t.elementsEqual(key)
            guard matches else { break }
            Self.postings(bytes, from: postingsStart, to: end) { bits.insert($0) }
            line = end + 1
            if !prefix { break }
        }
    }

    /// The start of the first line whose term is ≥ `key` (binary search over byte offsets).
    private func firstLine(notBefore key: [UInt8]) -> Int {
        // Both bounds are line starts: lines before `low` have terms < key, lines from `high` on ≥ key.
        var low = 0, high = file.bytes.count
        while low < high {
            var mid = lineStart(atOrAfter: (low + high) / 2)
            if mid >= high { mid = low }
            let (t, _, end) = parseTerm(at: mid)
            if t.lexicographicallyPrecedes(key) { low = end + 1 } else { high = mid }
        }
        return low
    }

    private func lineStart(atOrAfter offset: Int) -> Int {
        let bytes = file.bytes
        if offset == 0 { return 0 }
        var i = offset
        while i < bytes.count && bytes[i - 1] != 0x0A { i += 1 }
        return i
    }

    /// The term of the line at `start`, where its postings array begins, and where the line ends.
    private func parseTerm(at start: Int) -> (ArraySlice<UInt8>, Int, Int) {
        let bytes = file.bytes
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        // `["term",[`: terms are letters and digits, never escaped.
        // A damaged (short) line yields an empty term and no postings, never a range past its end.
        var i = min(start + 2, end)
        let termStart = i
        while i < end && bytes[i] != UInt8(ascii: "\"") { i += 1 }
        let term = ArraySlice(UnsafeRawBufferPointer(rebasing: bytes[termStart..<i]))
        return (term, min(i + 2, end), end)
    }

    private func parsePostings(from start: Int, to end: Int, into out: inout Set<Int>) {
        Self.postings(file.bytes, from: start, to: end) { out.insert($0) }
    }

    /// The ticket numbers written between `start` and `end`. The file is read as it is (only `check`
    /// verifies its checksum), so a damaged one must not trap here: a number beyond the ticket range
    /// (more digits than any ticket number has) is no ticket and is skipped.
    private static func postings(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, _ found: (Int) -> Void) {
        var n = 0, digits = 0
        for i in start..<max(start, end) {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                if digits < 10 { n = n * 10 + Int(b - 0x30) }
                digits += 1
            } else if digits > 0 {
                if Limits.ticketNumbers.contains(n) && digits < 10 { found(n) }
                n = 0
                digits = 0
            }
        }
        if digits > 0, digits < 10, Limits.ticketNumbers.contains(n) { found(n) }
    }

    /// Every line in file order with its term, its raw bytes (newline included) and a way to read its
    /// postings — merging copies untouched lines byte for byte.
    func forEach(_ body: (ArraySlice<UInt8>, UnsafeRawBufferPointer, () -> Set<Int>) throws -> Void) rethrows {
        let bytes = file.bytes
        var line = 0
        while line < bytes.count {
            let (t, postingsStart, end) = parseTerm(at: line)
            let raw = UnsafeRawBufferPointer(rebasing: bytes[line..<min(bytes.count, end + 1)])
            try body(t, raw) {
                var set = Set<Int>()
                self.parsePostings(from: postingsStart, to: end, into: &set)
                return set
            }
            line = end + 1
        }
    }
}

/// Writes a snapshot's `search.jsonl`: the previous snapshot's index merged with the tail's terms.
enum SearchIndexWriter {
    static func write(to w: BufferedWriter, previous: SearchIndexFile?, tail: [String: Set<Int>]) throws {
        let added = tail.map { (Array($0.key.utf8), $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
        var next = 0
        var line = JSONLineWriter()
        func emit(_ term: [UInt8], _ numbers: [Int]) throws {
            line.bytes.removeAll(keepingCapacity: true)
            line.raw("[\"")
            line.bytes.append(contentsOf: term)
            line.raw("\",")
            line.ints(numbers)
            line.raw("]\n")
            try w.write(line.bytes)
        }
        try previous?.forEach { term, raw, postings in
            while next < added.count && added[next].0.lexicographicallyPrecedes(term) {
                try emit(added[next].0, added[next].1.sorted())
                next += 1
            }
            if next < added.count && added[next].0.elementsEqual(term) {
                try emit(added[next].0, postings().union(added[next].1).sorted())
                next += 1
            } else {
                try w.write(raw)
                if raw.last != 0x0A { try w.write([0x0A]) }
            }
        }
        while next < added.count {
            try emit(added[next].0, added[next].1.sorted())
            next += 1
        }
    }
}
