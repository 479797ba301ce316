import Foundation
import HelpdeskCore

/// A set of ticket numbers as one bit per number: filling it from a term's postings is a pass over
/// them, a union (a prefix matching many terms, or a customer's tickets) sets more bits, and an
/// intersection is one AND per 64 numbers — the same result whatever order the terms come in.
struct TicketBits: Equatable {
    private(set) var words: [UInt64] = []

    init() {}

    init<S: Sequence>(_ numbers: S) where S.Element == Int {
        for n in numbers { insert(n) }
    }

    mutating func insert(_ n: Int) {
        guard n >= 0 else { return }
        let w = n >> 6
        if w >= words.count { words.append(contentsOf: repeatElement(0, count: w + 1 - words.count)) }
        words[w] |= 1 << UInt64(n & 63)
    }

    func contains(_ n: Int) -> Bool {
        guard n >= 0, n >> 6 < words.count else { return false }
        return words[n >> 6] & (1 << UInt64(n & 63)) != 0
    }

    var isEmpty: Bool { !words.contains { $0 != 0 } }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    mutating func formUnion(_ other: TicketBits) {
        if other.words.count > words.count {
            words.append(contentsOf: repeatElement(0, count: other.words.count - words.count))
        }
        for i in other.words.indices { words[i] |= other.words[i] }
    }

    mutating func formIntersection(_ other: TicketBits) {
        if words.count > other.words.count { words.removeLast(words.count - other.words.count) }
        for i in words.indices { words[i] &= other.words[i] }
    }

    /// Every number in the set, ascending.
    func forEach(_ body: (Int) -> Void) {
        for (i, word) in words.enumerated() where word != 0 {
            var w = word
            while w != 0 {
                body(i << 6 + w.trailingZeroBitCount)
                w &= w - 1
            }
        }
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
    private var base = 0
    private var times: [Double] = []
    private var builtAt: Int?

    func updatedAt(_ state: HelpdeskState) -> (Int) -> Double? {
        if builtAt != state.lastSeq {
            let numbers = state.tickets.keys
            base = numbers.min() ?? 0
            let top = numbers.max() ?? -1
            times = Array(repeating: .nan, count: max(0, top - base + 1))
            for (n, t) in state.tickets { times[n - base] = t.updatedAt.timeIntervalSinceReferenceDate }
            builtAt = state.lastSeq
        }
        let base = base, times = times
        return { n in
            let i = n - base
            guard i >= 0, i < times.count, !times[i].isNaN else { return nil }
            return times[i]
        }
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
