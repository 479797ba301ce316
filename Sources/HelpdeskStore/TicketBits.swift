import Foundation
import HelpdeskCore

/// A set of ticket numbers as one bit per number: filling it from a term's postings is a pass over
/// them, a union (a prefix matching many terms, or a customer's tickets) sets more bits, and an
/// intersection is one AND per 64 numbers — the same result whatever order the terms come in.
///
/// Bits cover a window of numbers (the store's dense range of tickets, `NumberTable.denseNumbers`);
/// numbers outside it — an import's stray #999999999 — are kept in a small set, so the memory is
/// proportional to the tickets, never to the largest number (one bit per number up to 999,999,999
/// would be 125 MB per search term).
struct TicketBits: Equatable {
    private(set) var words: [UInt64] = []
    /// The number of bit 0 (a multiple of 64), and how many words the window allows.
    private let base: Int
    private let wordLimit: Int
    /// Numbers outside the window.
    private var far: Set<Int> = []

    /// Bits for `window` (numbers outside it are kept too, as a set).
    init(window: Range<Int> = 0..<1_048_576) {
        base = window.lowerBound & ~63
        wordLimit = max(0, (window.upperBound - base + 63) >> 6)
    }

    init<S: Sequence>(_ numbers: S) where S.Element == Int {
        self.init()
        for n in numbers { insert(n) }
    }

    private func word(_ n: Int) -> Int? {
        guard n >= base else { return nil }
        let w = (n - base) >> 6
        return w < wordLimit ? w : nil
    }

    mutating func insert(_ n: Int) {
        guard let w = word(n) else { far.insert(n); return }
        if w >= words.count { words.append(contentsOf: repeatElement(0, count: w + 1 - words.count)) }
        words[w] |= 1 << UInt64((n - base) & 63)
    }

    func contains(_ n: Int) -> Bool {
        guard let w = word(n) else { return far.contains(n) }
        return w < words.count && words[w] & (1 << UInt64((n - base) & 63)) != 0
    }

    var isEmpty: Bool { far.isEmpty && !words.contains { $0 != 0 } }

    var count: Int { far.count + words.reduce(0) { $0 + $1.nonzeroBitCount } }

    private func sameWindow(_ other: TicketBits) -> Bool { base == other.base && wordLimit == other.wordLimit }

    mutating func formUnion(_ other: TicketBits) {
        guard sameWindow(other) else { return other.forEach { insert($0) } }
        if other.words.count > words.count {
            words.append(contentsOf: repeatElement(0, count: other.words.count - words.count))
        }
        for i in other.words.indices { words[i] |= other.words[i] }
        far.formUnion(other.far)
    }

    mutating func formIntersection(_ other: TicketBits) {
        guard sameWindow(other) else {
            var kept = TicketBits(window: base..<(base + wordLimit << 6))
            forEach { if other.contains($0) { kept.insert($0) } }
            self = kept
            return
        }
        if words.count > other.words.count { words.removeLast(words.count - other.words.count) }
        for i in words.indices { words[i] &= other.words[i] }
        far.formIntersection(other.far)
    }

    /// Every number in the set, ascending.
    func forEach(_ body: (Int) -> Void) {
        let farSorted = far.sorted()
        var k = 0
        while k < farSorted.count, farSorted[k] < base { body(farSorted[k]); k += 1 }
        for (i, word) in words.enumerated() where word != 0 {
            var w = word
            while w != 0 {
                body(base + i << 6 + w.trailingZeroBitCount)
                w &= w - 1
            }
        }
        while k < farSorted.count { body(farSorted[k]); k += 1 }
    }
}

/// The tickets a search shows: the first `limit` most recently updated (ties: higher number first),
/// and how many tickets matched in all.
public struct SearchPage: Equatable, Sendable {
    public var numbers: [Int]
    public var total: Int

    public init(numbers: [Int], total: Int) {
        self.numbers = numbers
        self.total = total
    }
}

/// Every ticket's last update as seconds, by number, rebuilt only after the store has moved on —
/// ranking tens of thousands of matches then reads a flat array instead of copying each ticket.
final class SearchRecency {
    /// A `NumberTable` like the tickets', so a stray far number costs one entry, not a slot per number.
    private var times = NumberTable<Double>()
    private var builtAt: Int?

    func updatedAt(_ state: HelpdeskState) -> (Int) -> Double? {
        if builtAt != state.lastSeq {
            var table = NumberTable<Double>()
            table.reserveCapacity(state.tickets.count)
            for (n, t) in state.tickets { table.append(t.updatedAt.timeIntervalSinceReferenceDate, number: n) }
            times = table
            builtAt = state.lastSeq
        }
        let times = times
        return { times[$0] }
    }
}

enum SearchRanking {
    /// Whether `a` comes before `b`: most recently updated first, then the higher number.
    @inline(__always)
    static func precedes(_ a: (Double, Int), _ b: (Double, Int)) -> Bool {
        a.0 != b.0 ? a.0 > b.0 : a.1 > b.1
    }

    static func top(_ hits: TicketBits, tickets: NumberTable<Ticket>, limit: Int?) -> SearchPage {
        top(hits, limit: limit) { tickets[$0]?.updatedAt.timeIntervalSinceReferenceDate }
    }

    /// The first `limit` of `hits` in ranking order (all of them when `limit` is nil), without sorting
    /// the rest: a bounded, sorted buffer that a candidate enters only if it beats the last kept one.
    /// `updatedAt` is nil for a number with no ticket (never shown or counted).
    static func top(_ hits: TicketBits, limit: Int?, updatedAt: (Int) -> Double?) -> SearchPage {
        var total = 0
        guard let limit else {
            var all: [(Double, Int)] = []
            hits.forEach { n in
                if let at = updatedAt(n) { all.append((at, n)); total += 1 }
            }
            return SearchPage(numbers: all.sorted(by: precedes).map(\.1), total: total)
        }
        var kept: [(Double, Int)] = []
        kept.reserveCapacity(max(0, min(limit, 4096)) + 1)
        hits.forEach { n in
            guard let at = updatedAt(n) else { return }
            total += 1
            guard limit > 0 else { return }
            let candidate = (at, n)
            if kept.count == limit, !precedes(candidate, kept[kept.count - 1]) { return }
            var low = 0, high = kept.count
            while low < high {
                let mid = (low + high) / 2
                if precedes(kept[mid], candidate) { low = mid + 1 } else { high = mid }
            }
            kept.insert(candidate, at: low)
            if kept.count > limit { kept.removeLast() }
        }
        return SearchPage(numbers: kept.map(\.1), total: total)
    }
}
