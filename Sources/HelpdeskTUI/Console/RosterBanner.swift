import Foundation
import HelpdeskCore

/// The line across the top of a console opened by a login that is not an active agent on the
/// store's roster: it may read, but the store refuses every write it would make, so say so up front
/// (and how to be added) rather than let each action fail on its own.
enum RosterBanner {
    /// The banner's text, or nil when `login` may write.
    static func text(login: String, state: HelpdeskState) -> String? {
        if let agent = state.agents[login], agent.active { return nil }
        // Short enough for an 80-column terminal with a short login: the command is the point.
        return "Read only: \(login) is not on the roster. A supervisor adds you: helpdesk agent add \(login)"
    }

    /// Why a writing command does nothing in a read-only console.
    static func refusal(command: String, login: String) -> String {
        ":\(command) changes the store, and \(login) is not on its roster (read only) — helpdesk agent add \(login)"
    }

    static func render(_ text: String, in area: Rect, buffer: inout CellBuffer, console: Console) {
        let style = console.style(.statusWarning)
        buffer.fill(area, style: style)
        buffer.put(" " + text, at: area.origin, style: style, maxWidth: area.width)
    }
}
