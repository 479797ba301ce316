import Foundation
import HelpdeskCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lower-cased searchable text per customer (names, emails, organisation, notes), rebuilt for a
/// customer when their version changes. Customers are few next to tickets and always in memory.
final class CustomerSearchCache {
    private var keys: [String: (version: Int, text: String)] = [:]
    /// Every customer's text in one buffer, each followed by a newline (never part of a term), so a
    /// term is found in all customers with one byte search; rebuilt when the store has moved on.
    private var blob: [UInt8] = []
    private var starts: [Int] = []
    private var ids: [String] = []
    private var builtAt: Int?

    /// The tickets of every customer whose text contains `term`, added to `bits`.
    func tickets(containing term: String, state: HelpdeskState, into bits: inout TicketBits) {
        if builtAt != state.lastSeq { rebuild(state) }
        let needle = Array(term.utf8)
        guard !needle.isEmpty, !blob.isEmpty else { return }
        blob.withUnsafeBytes { hay in
            needle.withUnsafeBytes { key in
                var offset = 0
                while offset < hay.count,
                      let at = Self.find(key, in: hay, from: offset) {
                    // The customer whose text holds `at`: the last start ≤ at.
                    var low = 0, high = starts.count
                    while low < high {
                        let mid = (low + high) / 2
                        if starts[mid] <= at { low = mid + 1 } else { high = mid }
                    }
                    let index = low - 1
                    for n in state.ticketsByCustomer[ids[index]] ?? [] { bits.insert(n) }
                    offset = index + 1 < starts.count ? starts[index + 1] : hay.count
                }
            }
        }
    }

    /// The first offset ≥ `from` where `key` occurs in `hay` (memchr for its first byte, then memcmp).
    private static func find(_ key: UnsafeRawBufferPointer, in hay: UnsafeRawBufferPointer, from: Int) -> Int? {
        let first = Int32(key[0])
        var i = from
        while hay.count - i >= key.count {
            guard let p = memchr(hay.baseAddress! + i, first, hay.count - i - key.count + 1) else { return nil }
            let at = hay.baseAddress!.distance(to: UnsafeRawPointer(p))
            if memcmp(hay.baseAddress! + at, key.baseAddress!, key.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    private func rebuild(_ state: HelpdeskState) {
        blob.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
        for c in state.customers.values {
            starts.append(blob.count)
            ids.append(c.id)
            blob.append(contentsOf: text(c).utf8)
            blob.append(0x0A)
        }
        builtAt = state.lastSeq
    }

    func text(_ c: Customer) -> String {
        if let k = keys[c.id], k.version == c.version { return k.text }
        let text = ([c.name, c.preferredName ?? "", c.organisation ?? "", c.notes ?? ""] + c.emails)
            .joined(separator: " ").lowercased()
        keys[c.id] = (c.version, text)
        return text
    }
}

extension FileStore {
    /// Tickets whose subject, messages (customer messages, replies, internal notes) or tags contain
    /// every term of `word` — a term of three letters or more also matches longer terms it begins.
    /// Reads the snapshot's mapped index and the tail's terms; no message body is loaded.
    public func ticketsMentioning(_ word: String) -> Set<Int> {
        var result: Set<Int>?
        for term in SearchText.terms(word) {
            var hits = tail.search.lookup(term)
            if let index = snapshot?.searchIndex { hits.formUnion(index.lookup(term)) }
            result = result.map { $0.intersection(hits) } ?? hits
            if result?.isEmpty == true { break }
        }
        return result ?? []
    }

    /// Full-text search: tickets matching every word in their subject, messages, tags, or their
    /// customer's name, preferred name, emails, organisation or notes (`#1042` finds the ticket).
    /// Most recently updated first.
    public func search(_ text: String) -> [Int] { search(text, limit: nil).numbers }

    /// The first `limit` tickets of `search(text)` (all when nil) and how many matched in all. Each
    /// term's tickets are gathered as bits and intersected; only the kept page is ordered.
    public func search(_ text: String, limit: Int?) -> SearchPage {
        var result: TicketBits?
        for word in text.split(whereSeparator: \.isWhitespace) {
            for term in SearchText.terms(String(word)) {
                var hits = TicketBits(window: state.tickets.denseNumbers)
                tail.search.lookup(term, into: &hits)
                snapshot?.searchIndex?.lookup(term, into: &hits)
                customerSearch.tickets(containing: term, state: state, into: &hits)
                if let n = Int(term), state.tickets[n] != nil { hits.insert(n) }
                if result == nil { result = hits } else { result!.formIntersection(hits) }
                if result!.isEmpty { return SearchPage(numbers: [], total: 0) }
            }
        }
        guard let result else { return SearchPage(numbers: [], total: 0) }
        return SearchRanking.top(result, limit: limit, updatedAt: searchRecency.updatedAt(state))
    }
}
