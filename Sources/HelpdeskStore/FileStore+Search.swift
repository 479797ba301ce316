import Foundation
import HelpdeskCore

/// Lower-cased searchable text per customer (names, emails, organisation, notes), rebuilt for a
/// customer when their version changes. Customers are few next to tickets and always in memory.
final class CustomerSearchCache {
    private var keys: [String: (version: Int, text: String)] = [:]

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
    public func search(_ text: String) -> [Int] {
        var result: Set<Int>?
        for word in text.split(whereSeparator: \.isWhitespace) {
            for term in SearchText.terms(String(word)) {
                var hits = tail.search.lookup(term)
                if let index = snapshot?.searchIndex { hits.formUnion(index.lookup(term)) }
                for c in state.customers.values where customerSearch.text(c).contains(term) {
                    hits.formUnion(state.ticketsByCustomer[c.id] ?? [])
                }
                if let n = Int(term), state.tickets[n] != nil { hits.insert(n) }
                result = result.map { $0.intersection(hits) } ?? hits
                if result?.isEmpty == true { return [] }
            }
        }
        let tickets = state.tickets
        return (result ?? []).compactMap { tickets[$0] }
            .sorted { $0.updatedAt != $1.updatedAt ? $0.updatedAt > $1.updatedAt : $0.number > $1.number }
            .map(\.number)
    }
}
