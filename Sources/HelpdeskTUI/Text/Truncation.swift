import HelpdeskCore

/// Cutting text so what is left is still true: whole words (a name never reads "Solved toda", a
/// ticket number never reads "#1" for "#1042") and an ellipsis wherever something was cut.
enum Truncation {
    /// `text` in at most `width` columns: unchanged when it fits, else the whole words that fit
    /// followed by "…". A first word longer than the room is cut by characters (with "…") unless it
    /// holds a digit, since a cut number is a different number: then nothing is returned.
    static func words(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if TextWidth.width(of: text) <= width { return text }
        let room = width - TextWidth.width(of: ellipsis)
        guard room > 0 else { return "" }
        var kept = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = kept.isEmpty ? String(word) : kept + " " + word
            if TextWidth.width(of: candidate) > room { break }
            kept = candidate
        }
        // Trailing separators ("mine 3 ·") read as if something followed: drop them with the cut.
        while let last = kept.last, last == " " || last == "·" || last == "," || last == "(" { kept.removeLast() }
        if kept.isEmpty {
            let first = String(text.prefix { $0 != " " })
            if first.contains(where: \.isNumber) { return "" }
            return TextWidth.truncate(first, toWidth: width, ellipsis: ellipsis)
        }
        return kept + ellipsis
    }

    /// One item of a line made of items that are shown whole or not at all (a count, a store path),
    /// except the `cuttable` ones, which may be cut at a word with "…".
    struct Item {
        var text: String
        /// Higher is kept longer.
        var priority: Int
        var cuttable = false
    }

    /// The items that fit in `width` columns joined by `separator`, in their original order: the
    /// lowest-priority items are dropped first; when only cuttable items are left and they still do
    /// not fit, the least important of them is cut at a word (or dropped when no word fits).
    static func fit(_ items: [Item], width: Int, separator: String = " · ") -> [String] {
        fitIndexed(items, width: width, separator: separator).map(\.text)
    }

    /// `fit`, saying which item each kept text came from.
    static func fitIndexed(_ items: [Item], width: Int, separator: String = " · ") -> [(index: Int, text: String)] {
        var kept = items.enumerated().map { (index: $0.offset, item: $0.element) }
        func total() -> Int {
            kept.reduce(0) { $0 + TextWidth.width(of: $1.item.text) } + max(0, kept.count - 1) * TextWidth.width(of: separator)
        }
        while total() > width, !kept.isEmpty {
            let order = kept.indices.sorted { kept[$0].item.priority < kept[$1].item.priority }
            let fixed = order.first { !kept[$0].item.cuttable }
            let cuttable = order.first { kept[$0].item.cuttable }
            // A fixed item goes first when it is less important than every cuttable one.
            if let f = fixed, cuttable == nil || kept[f].item.priority <= kept[cuttable!].item.priority {
                kept.remove(at: f)
                continue
            }
            guard let c = cuttable else { break }
            let others = total() - TextWidth.width(of: kept[c].item.text)
            let cut = words(kept[c].item.text, toWidth: width - others)
            if cut.isEmpty || cut == "…" {
                kept.remove(at: c)
            } else {
                kept[c].item.text = cut
                kept[c].item.cuttable = false
            }
        }
        return kept.sorted { $0.index < $1.index }.map { ($0.index, $0.item.text) }
    }
}
