import Foundation

/// How text is cut into search terms: runs of letters and digits, lower-cased. Both the index and
/// the words of a search go through here, so they always agree.
public enum SearchText {
    /// Longest term kept (longer runs are cut: nobody searches for a 200-character token).
    public static let maxTermLength = 40
    /// Words at least this long also match longer terms they begin (`refun` finds `refunded`).
    public static let prefixLength = 3

    /// The distinct terms of a text, in first-seen order.
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        var current = ""
        func flush() {
            if !current.isEmpty {
                let term = String(current.prefix(maxTermLength))
                if seen.insert(term).inserted { out.append(term) }
                current = ""
            }
        }
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                // Ideographic scripts have no spaces between words: each character is a term.
                if scalar.properties.isIdeographic {
                    flush()
                    current.unicodeScalars.append(scalar)
                    flush()
                } else {
                    current.unicodeScalars.append(scalar)
                }
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// The text of one event that search should find its ticket by: subjects, message bodies
    /// (customer messages, replies and internal notes) and tags.
    public static func indexedText(of change: Change) -> (ticket: Int, text: String)? {
        switch change {
        case .ticketCreated(let t):
            return (t.number, ([t.subject] + t.tags + [t.message?.body ?? ""]).joined(separator: " "))
        case .messageAdded(let n, let m):
            return (n, m.body)
        case .ticketUpdated(let n, _, let patch):
            let parts = [patch.subject?.to ?? ""] + (patch.tags?.to ?? [])
            let text = parts.joined(separator: " ")
            return text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : (n, text)
        default:
            return nil
        }
    }
}
