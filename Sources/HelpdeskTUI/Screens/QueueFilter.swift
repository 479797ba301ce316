import Foundation
import HelpdeskCore

/// The queue's `/` filter: text in the query language, re-read on every key press. While the text
/// does not parse (half-typed `status:op`), the last query that did stays in force and the error
/// is shown, so the list does not flicker to empty.
struct QueueFilter {
    private(set) var text = ""
    /// The query in force (nil: no filter).
    private(set) var query: Query?
    /// Why `text` does not parse, if it does not.
    private(set) var error: QueryError?

    var isEmpty: Bool { text.trimmingCharacters(in: .whitespaces).isEmpty }

    /// Takes new text; returns false when it does not parse (the previous query stays in force).
    @discardableResult
    mutating func update(_ newText: String, agents: Set<String>) -> Bool {
        text = newText
        if isEmpty {
            query = nil
            error = nil
            return true
        }
        do {
            query = try Query.parse(newText, agents: agents)
            error = nil
            return true
        } catch let e as QueryError {
            error = e
            return false
        } catch {
            return false
        }
    }

    mutating func clear() {
        text = ""
        query = nil
        error = nil
    }

    /// Narrows and (with `sort:`) reorders a view's rows.
    func apply(to rows: [Int], state: HelpdeskState, context: ViewContext, text key: @escaping (Ticket) -> String,
               bodyHits: [String: Set<Int>]) -> [Int] {
        guard let query, !query.isEmpty else { return rows }
        var kept: [Ticket] = []
        kept.reserveCapacity(rows.count)
        for n in rows {
            guard let t = state.tickets[n] else { continue }
            if query.matches(t, in: context, text: key, bodyHits: bodyHits) { kept.append(t) }
        }
        if query.sort != nil { return query.sorted(kept, in: context).map(\.number) }
        return kept.map(\.number)
    }
}
