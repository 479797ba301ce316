import Foundation
import HelpdeskCore

extension Console {
    /// For each free word of a filter, the tickets whose messages mention it (from the store's
    /// search index), so `/` finds words in message bodies without loading them.
    func bodyHits(for words: [String]) -> [String: Set<Int>] {
        var out: [String: Set<Int>] = [:]
        for w in words where !SearchText.terms(w).isEmpty { out[w] = store.ticketsMentioning(w) }
        return out
    }
}
