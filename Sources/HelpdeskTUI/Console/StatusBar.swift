import Foundation
import HelpdeskCore

/// The status line: who is working, in which store and view, the counts that matter, and the clock.
///
/// When the line is too narrow, what is least useful at a glance goes first — the store path, the
/// company name, the agent's own name — and the view, the counts and a promise reminder stay. Items
/// are shown whole or not at all: a count cut from "unassigned 60141" to "unassigned 60" would be a
/// wrong fact, not a short one. Only the view title and the reminder may be cut, at a word, with "…".
enum StatusBar {
    /// `~/…/helpdesk-demo` rather than a long absolute path.
    static func shortLocation(_ path: String) -> String {
        var p = path
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty, home != "/", p.hasPrefix(home) {
            p = "~" + p.dropFirst(home.count)
        }
        if p.count > 24 { p = "…/" + (p.split(separator: "/").last.map(String.init) ?? p) }
        return p
    }

    /// The left and right halves' items, most important with the highest priority.
    static func items(console: Console) -> (left: [Truncation.Item], right: [Truncation.Item]) {
        let state = console.state
        let name = state.agents[console.me]?.displayName ?? console.me
        let queue = console.queue
        var left: [Truncation.Item] = [
            Truncation.Item(text: name, priority: 30),
            Truncation.Item(text: state.settings.name, priority: 20),
            Truncation.Item(text: console.topScreen.title, priority: 100, cuttable: true),
        ]
        // One of my promises is overdue or due within the hour: say so early, where truncation cannot hide it.
        let reminder = PromiseReminder(owner: console.me, open: state.openPromises, now: console.now)
        if let text = reminder.summary(clock: console.localTime.clock) {
            left.append(Truncation.Item(text: (console.unicode ? "⚑ " : "! ") + text, priority: 90, cuttable: true))
        }
        if let mine = queue.count(ofViewID: "mine") { left.append(Truncation.Item(text: "mine \(mine)", priority: 80)) }
        if let n = queue.count(ofViewID: "unassigned"), n > 0 {
            left.append(Truncation.Item(text: "unassigned \(n)", priority: 70))
        }
        let right = [Truncation.Item(text: shortLocation(console.store.location), priority: 10),
                     Truncation.Item(text: console.localTime.clock(console.now), priority: 60)]
        return (left, right)
    }

    static func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let style = console.style(.statusLine)
        buffer.fill(area, style: style)
        let (left, right) = items(console: console)
        // One fit over both halves, so the path on the right goes before anything on the left. The
        // gap between the halves stands in as an item that is never dropped.
        let gap = Truncation.Item(text: "  ", priority: Int.max)
        let shown = Truncation.fitIndexed(left + [gap] + right, width: max(0, area.width - 2))
        let leftText = " " + shown.filter { $0.index < left.count }.map(\.text).joined(separator: " · ")
        let rightText = shown.filter { $0.index > left.count }.map(\.text).joined(separator: " · ") + " "
        buffer.put(leftText, at: area.origin, style: style, maxWidth: area.width)
        let rightWidth = TextWidth.width(of: rightText)
        if rightWidth > 1 {
            buffer.put(rightText, at: Point(x: area.maxX - rightWidth, y: area.y), style: style, maxWidth: rightWidth)
        }
    }
}
