import Foundation
import HelpdeskCore

/// One choice in a picker.
public struct PickerItem: Hashable, Sendable {
    public var label: String
    /// Extra text shown dimmed after the label (an agent's team, a status's meaning).
    public var detail: String?
    /// The label's own style (a priority in its colour), when not selected.
    public var style: Style?

    public init(_ label: String, detail: String? = nil, style: Style? = nil) {
        self.label = label
        self.detail = detail
        self.style = style
    }
}

/// A small popup list with a title and an incremental filter: the status, priority and assignee
/// pickers.
///
/// Typing filters (prefix matches first, then word starts, then anywhere, then letters in order, all
/// ignoring case and accents); Up/Down, Ctrl-P/Ctrl-N, PgUp/PgDn, Home/End move, and so do `j`/`k`
/// until a filter is typed (as in lazygit; from then on they are letters of the filter, as names
/// hold them); Enter chooses (`.submitted`, then read `selectedItemIndex`); Esc cancels.
public struct PickerWidget: Hashable, Sendable {
    public var title: String
    public private(set) var items: [PickerItem]
    public private(set) var filter: LineInput
    /// Indices into `items` that match the filter, best first.
    public private(set) var matches: [Int]
    public private(set) var list: ListState
    /// Most rows shown at once.
    public var maxVisibleRows: Int = 10

    public init(title: String, items: [PickerItem], selected: Int? = nil, placeholder: String = "type to filter · j/k move") {
        self.title = title
        self.items = items
        self.filter = LineInput(placeholder: placeholder)
        self.matches = Array(items.indices)
        self.list = ListState(count: items.count, selected: selected ?? 0)
    }

    /// The chosen item's index in `items`, nil when nothing matches.
    public var selectedItemIndex: Int? {
        guard let row = list.selection, row < matches.count else { return nil }
        return matches[row]
    }

    public mutating func handle(_ event: InputEvent) -> KeyResult {
        switch event {
        case .mouse: return .ignored   // fields and popups take keys only
        case .paste(let text):
            filter.insert(text)
            refilter()
            return .handled
        case .resize: return .ignored
        case .key(let key): return handle(key)
        }
    }

    public mutating func handle(_ key: Key) -> KeyResult {
        let page = min(maxVisibleRows, max(1, matches.count))
        switch key {
        case .enter: return selectedItemIndex == nil ? .handled : .submitted
        case .escape: return .cancelled
        case .up, .ctrl("p"): list.move(.up, viewportHeight: page)
        case .down, .ctrl("n"), .tab: list.move(.down, viewportHeight: page)
        case .backTab: list.move(.up, viewportHeight: page)
        case .pageUp: list.move(.pageUp, viewportHeight: page)
        case .pageDown: list.move(.pageDown, viewportHeight: page)
        case .char("j") where filter.text.isEmpty: list.move(.down, viewportHeight: page)
        case .char("k") where filter.text.isEmpty: list.move(.up, viewportHeight: page)
        case .home: list.move(.first, viewportHeight: page)
        case .end: list.move(.last, viewportHeight: page)
        default:
            let before = filter.text
            let result = filter.handle(key)
            guard result == .handled else { return result == .ignored ? .handled : result }
            if filter.text != before { refilter() }
        }
        return .handled
    }

    private mutating func refilter() {
        let previous = selectedItemIndex
        matches = PickerWidget.rank(items.map(\.label), query: filter.text)
        if filter.text.isEmpty {
            list.reconcile(selectedID: previous, in: matches)
        } else {
            // A new query puts the best match under the cursor.
            list = ListState(count: matches.count, selected: 0)
        }
    }

    /// Indices of `labels` matching `query`, best first, original order among equals.
    public static func rank(_ labels: [String], query: String) -> [Int] {
        let needle = fold(query)
        guard !needle.isEmpty else { return Array(labels.indices) }
        var scored: [(index: Int, score: Int)] = []
        for (index, label) in labels.enumerated() {
            let hay = fold(label)
            if hay.hasPrefix(needle) {
                scored.append((index, 0))
            } else if let range = hay.range(of: needle) {
                let atWordStart = range.lowerBound > hay.startIndex && !hay[hay.index(before: range.lowerBound)].isLetter
                scored.append((index, atWordStart ? 1 : 2))
            } else if isSubsequence(needle, of: hay) {
                scored.append((index, 3))
            }
        }
        return scored.sorted { $0.score != $1.score ? $0.score < $1.score : $0.index < $1.index }.map(\.index)
    }

    private static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    private static func isSubsequence(_ needle: String, of hay: String) -> Bool {
        var remaining = needle[...]
        for character in hay where remaining.first == character {
            remaining = remaining.dropFirst()
            if remaining.isEmpty { return true }
        }
        return remaining.isEmpty
    }

    /// Draws the popup centred in `screen`.
    public mutating func render(in screen: Rect, buffer: inout CellBuffer, styles: PopupStyles) {
        let labelWidth = items.map { TextWidth.width(of: Sanitizer.sanitize($0.label)) + ($0.detail.map { TextWidth.width(of: $0) + 2 } ?? 0) }.max() ?? 0
        let width = min(screen.width, max(28, TextWidth.width(of: title) + 6, labelWidth + 4))
        let rows = min(maxVisibleRows, max(1, matches.count))
        let inner = Popup.frame(width: width, height: rows + 3, in: screen, title: title, styles: styles, buffer: &buffer)
        guard inner.height > 0 else { return }
        let prompt = "› "
        buffer.put(prompt, at: inner.origin, style: styles.dim, maxWidth: inner.width)
        let promptWidth = TextWidth.width(of: prompt)
        filter.render(in: Rect(x: inner.x + promptWidth, y: inner.y, width: inner.width - promptWidth, height: 1),
                      buffer: &buffer, style: styles.body, placeholderStyle: styles.placeholder, focused: true)
        let listArea = inner.inset(top: 1)
        list.scrollToSelection(viewportHeight: listArea.height)
        guard !matches.isEmpty else {
            buffer.put("no match", at: listArea.origin, style: styles.dim, maxWidth: listArea.width)
            return
        }
        for row in 0..<listArea.height {
            let index = list.offset + row
            guard index < matches.count else { break }
            let item = items[matches[index]]
            let isSelected = index == list.selected
            let rowRect = listArea.row(row)
            buffer.fill(rowRect, style: isSelected ? styles.selected : styles.body)
            let used = buffer.put(" " + item.label, at: rowRect.origin,
                                  style: isSelected ? styles.selected : (item.style ?? styles.body), maxWidth: rowRect.width)
            if let detail = item.detail, used + 2 < rowRect.width {
                buffer.put("  " + detail, at: Point(x: rowRect.x + used, y: rowRect.y),
                           style: isSelected ? styles.selected : styles.dim, maxWidth: rowRect.width - used)
            }
        }
    }
}
