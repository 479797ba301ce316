/// The selection and scroll position of a list or table, owned by the screen that shows it.
///
/// Moves are clamped to the list; the scroll offset follows the selection with the least movement, so
/// the selected row never leaves the viewport. When the underlying list changes (a ticket arrives or
/// is solved elsewhere) `reconcile(selectedID:in:)` keeps the selection on the same item.
public struct ListState: Hashable, Sendable {
    /// Number of items.
    public private(set) var count: Int
    /// Index of the selected item (0 when the list is empty).
    public private(set) var selected: Int
    /// Index of the first visible item.
    public var offset: Int

    public init(count: Int = 0, selected: Int = 0) {
        self.count = max(0, count)
        self.selected = 0
        self.offset = 0
        select(selected)
    }

    /// True when there is nothing to select.
    public var isEmpty: Bool { count == 0 }

    /// The selected index, or nil for an empty list.
    public var selection: Int? { count == 0 ? nil : selected }

    /// A named movement, so key maps can bind keys to them.
    public enum Motion: Hashable, Sendable {
        case up, down, pageUp, pageDown, halfPageUp, halfPageDown, first, last
        case by(Int)
    }

    /// Changes the item count, keeping the selected index where it was when possible.
    public mutating func setCount(_ newCount: Int) {
        count = max(0, newCount)
        select(selected)
    }

    /// Selects an index (clamped).
    public mutating func select(_ index: Int) {
        selected = count == 0 ? 0 : min(max(0, index), count - 1)
    }

    /// Applies a motion; `viewportHeight` sizes the page moves.
    public mutating func move(_ motion: Motion, viewportHeight: Int) {
        let page = max(1, viewportHeight)
        switch motion {
        case .up: select(selected - 1)
        case .down: select(selected + 1)
        case .pageUp:
            select(selected - page)
            offset = max(0, offset - page)
        case .pageDown:
            select(selected + page)
            offset += page
        case .halfPageUp:
            select(selected - max(1, page / 2))
            offset = max(0, offset - max(1, page / 2))
        case .halfPageDown:
            select(selected + max(1, page / 2))
            offset += max(1, page / 2)
        case .first: select(0)
        case .last: select(count - 1)
        case .by(let delta): select(selected + delta)
        }
        scrollToSelection(viewportHeight: viewportHeight)
    }

    /// Adjusts `offset` so the selection is visible and no empty space shows below the last item.
    public mutating func scrollToSelection(viewportHeight: Int) {
        let height = max(1, viewportHeight)
        offset = min(offset, max(0, count - height))
        if selected < offset { offset = selected }
        if selected >= offset + height { offset = selected - height + 1 }
        offset = max(0, offset)
    }

    /// The usual list keys: j/k and arrows, Ctrl-d/Ctrl-u half pages, PgUp/PgDn, g/G and Home/End.
    /// Screens with their own key map can call `move` directly instead.
    public static func motion(for key: Key) -> Motion? {
        switch key {
        case .down, .char("j"), .ctrl("n"): return .down
        case .up, .char("k"), .ctrl("p"): return .up
        case .pageDown, .ctrl("f"): return .pageDown
        case .pageUp, .ctrl("b"): return .pageUp
        case .ctrl("d"): return .halfPageDown
        case .ctrl("u"): return .halfPageUp
        case .home, .char("g"): return .first
        case .end, .char("G"): return .last
        default: return nil
        }
    }

    /// Handles a navigation key; `.ignored` for anything else.
    public mutating func handle(_ key: Key, viewportHeight: Int) -> KeyResult {
        guard let motion = ListState.motion(for: key) else { return .ignored }
        move(motion, viewportHeight: viewportHeight)
        return .handled
    }

    /// After the list changed: select `selectedID` again where it now is, keeping it at the same row
    /// on screen. If it is gone, the selection stays at the same index (the next item moves up into
    /// it), clamped to the new list.
    public mutating func reconcile<ID: Equatable>(selectedID: ID?, in ids: [ID]) {
        let screenRow = selected - offset
        count = ids.count
        if let selectedID, let index = ids.firstIndex(of: selectedID) {
            selected = index
            offset = max(0, index - screenRow)
        } else {
            select(selected)
        }
    }

    /// The id of the selected item, given the ids in list order.
    public func selectedID<ID>(in ids: [ID]) -> ID? {
        guard count > 0, selected < ids.count else { return nil }
        return ids[selected]
    }
}
