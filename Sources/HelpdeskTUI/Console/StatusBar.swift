import Foundation
import HelpdeskCore

/// The status line: who is working, in which store and view, the counts that matter, and the clock.
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

    static func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let style = console.style(.statusLine)
        buffer.fill(area, style: style)
        let state = console.state
        let name = state.agents[console.me]?.displayName ?? console.me
        let queue = console.queue
        var left = " \(name) · \(state.settings.name) · \(console.topScreen.title)"
        // One of my promises is overdue or due within the hour: say so early, where truncation cannot hide it.
        let reminder = PromiseReminder(owner: console.me, open: state.openPromises, now: console.now)
        if let text = reminder.summary(clock: console.localTime.clock) { left += " · " + (console.unicode ? "⚑ " : "! ") + text }
        let newCount = queue.count(ofViewID: "unassigned")
        if let mine = queue.count(ofViewID: "mine") { left += " · mine \(mine)" }
        if let n = newCount, n > 0 { left += " · unassigned \(n)" }
        let right = "\(shortLocation(console.store.location)) · \(console.localTime.clock(console.now)) "
        let rightWidth = TextWidth.width(of: right)
        let leftRoom = area.width - rightWidth - 1
        if leftRoom > 10 {
            buffer.put(left, at: area.origin, style: style, maxWidth: leftRoom)
            buffer.put(right, at: Point(x: area.maxX - rightWidth, y: area.y), style: style, maxWidth: rightWidth)
        } else {
            let clock = console.localTime.clock(console.now) + " "
            buffer.put(left, at: area.origin, style: style, maxWidth: area.width - 7)
            buffer.put(clock, at: Point(x: area.maxX - 6, y: area.y), style: style, maxWidth: 6)
        }
    }
}
