import Foundation
import HelpdeskCore
import HelpdeskStore

/// `$` (or `helpdesk stats`): the live floor for a supervisor's wall screen. Tiles of the numbers in
/// `LiveStats`, an agents table with presence, and sparklines of arrivals and backlog. New events are
/// folded into the reply activity as they arrive (the log is read once, for the last 7 days' replied
/// tickets), and the numbers are recomputed from the in-memory summaries at most once per frame.
public final class StatsScreen: Screen {
    public let bindingTable = "stats"
    public var title: String { "Stats" }
    /// Started as `helpdesk stats`: leaving the screen leaves the program.
    private let standalone: Bool
    private var activity: ReplyActivity
    private var index: StatsIndex
    public private(set) var stats: LiveStats
    private var hourly: ActivitySeries
    private var daily: ActivitySeries
    private var tiles: [StatsTile] = []
    private var selected = 0
    private var dirty = false
    private var computedAt: Date
    /// Seconds the last recomputation took, and the first one (for `helpdesk bench` and the tests).
    public private(set) var lastUpdateSeconds: TimeInterval = 0
    public private(set) var firstComputeSeconds: TimeInterval = 0

    /// Clock-driven numbers (ages, "at risk", today's window) are refreshed this often without a change.
    static let clockRefresh: TimeInterval = 30

    public init(console: Console, standalone: Bool = false) {
        self.standalone = standalone
        let started = DispatchTime.now()
        let zone = console.localTime.timeZone
        let now = console.now
        var activity = ReplyActivity()
        do {
            activity = try StatsActivityLoader.activity(from: console.store, since: StatsWindow.historyStart(now: now, timeZone: zone))
        } catch {
            console.show("Cannot read reply history: \(error)", kind: .error)
        }
        self.activity = activity
        let index = StatsIndex(console.state, horizon: StatsIndex.liveHorizon(now: now, timeZone: zone))
        self.index = index
        stats = LiveStats.compute(console.state, activity: activity, now: now, timeZone: zone, index: index)
        self.index.remember(breached: stats.slaBreached, state: console.state)
        hourly = ActivitySeries.hourly(console.state, now: now, index: index)
        daily = ActivitySeries.daily(console.state, now: now, timeZone: zone, index: index)
        computedAt = now
        tiles = StatsTile.tiles(stats, state: console.state)
        firstComputeSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        lastUpdateSeconds = firstComputeSeconds
    }

    public func storeChanged(_ events: [Event], console: Console) {
        if console.store.lastRefreshReloaded {
            // Another process compacted the store: the events we were given may not be all of them.
            let zone = console.localTime.timeZone
            activity = (try? StatsActivityLoader.activity(from: console.store, since: StatsWindow.historyStart(now: console.now, timeZone: zone))) ?? activity
            index = StatsIndex(console.state, horizon: StatsIndex.liveHorizon(now: console.now, timeZone: zone))
        } else {
            activity.ingest(events)
            index.note(events, state: console.state)
        }
        dirty = true
    }

    /// Recomputes when something changed or the clock has moved on enough to matter.
    public func updateIfNeeded(console: Console) {
        guard dirty || console.now.timeIntervalSince(computedAt) >= Self.clockRefresh else { return }
        let started = DispatchTime.now()
        let zone = console.localTime.timeZone
        if index.horizon > StatsIndex.liveHorizon(now: console.now, timeZone: zone) {
            index = StatsIndex(console.state, horizon: StatsIndex.liveHorizon(now: console.now, timeZone: zone))
        }
        stats = LiveStats.compute(console.state, activity: activity, now: console.now, timeZone: zone, index: index)
        index.remember(breached: stats.slaBreached, state: console.state)
        hourly = ActivitySeries.hourly(console.state, now: console.now, index: index)
        daily = ActivitySeries.daily(console.state, now: console.now, timeZone: zone, index: index)
        tiles = StatsTile.tiles(stats, state: console.state)
        selected = min(selected, max(0, tiles.count - 1))
        computedAt = console.now
        dirty = false
        lastUpdateSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    }

    public func perform(_ command: CommandInvocation, console: Console) -> Bool {
        switch command.name {
        case "down": selected = min(tiles.count - 1, selected + 1)
        case "up": selected = max(0, selected - 1)
        case "first": selected = 0
        case "last": selected = max(0, tiles.count - 1)
        case "open": drill(console: console)
        case "back":
            if standalone && console.screens.last === self { console.quit() } else { console.popScreen() }
        case "stats": break
        default: return false
        }
        return true
    }

    public func hint(console: Console) -> String? {
        "j/k choose a number · Enter lists its tickets · q " + (standalone ? "quits" : "back")
    }

    /// Lists the tickets behind the selected tile; choosing one opens it.
    private func drill(console: Console) {
        guard tiles.indices.contains(selected) else { return }
        let tile = tiles[selected]
        guard !tile.tickets.isEmpty else {
            console.show("\(tile.label): no tickets behind this number")
            return
        }
        let limit = 1000
        let shown = Array(tile.tickets.prefix(limit))
        let items = shown.map { n -> PickerItem in
            let t = console.state.tickets[n]
            return PickerItem("#\(n) \(t?.subject ?? "")",
                              detail: t.map { "\($0.status.label) · \(console.state.agentName($0.assignee).isEmpty ? "nobody" : console.state.agentName($0.assignee))" })
        }
        let more = tile.tickets.count > limit ? " (first \(limit) of \(tile.tickets.count))" : ""
        console.pick(PickerWidget(title: "\(tile.label): \(tile.value)\(more)", items: items)) { index in
            guard shown.indices.contains(index) else { return }
            console.push(TicketScreen(number: shown[index], console: console))
        }
    }

    // MARK: Drawing

    public func render(in area: Rect, buffer: inout CellBuffer, console: Console) {
        updateIfNeeded(console: console)
        let agents = visibleAgents(console: console)
        let sparkRows = 4
        // The tiles keep at least half the height (the agents table gives way first); what does not
        // fit scrolls with j/k, and the title says which tiles are shown, so none is silently lost.
        let spare = max(0, area.height - 1 - sparkRows - 2 - agents.count)
        let tileRows = min(tiles.count, max(spare, min(max(0, area.height - 1 - sparkRows - 2), max(3, area.height / 2))))
        let parts = area.splitRows([.fixed(1), .fixed(tileRows), .fixed(1), .fill(1), .fixed(sparkRows)])
        let title = " Stats · \(console.state.settings.name) · \(console.localTime.clock(stats.at)) · live"
        buffer.fill(parts[0], style: console.style(.title))
        var scroll = ""
        if tileRows < tiles.count {
            let first = firstTile(rows: tileRows)
            let more = first + tileRows < tiles.count ? (console.unicode ? " ↓" : " v") : ""
            let less = first > 0 ? (console.unicode ? " ↑" : " ^") : ""
            scroll = "tiles \(first + 1)–\(first + tileRows) of \(tiles.count)\(less)\(more) "
        }
        let scrollWidth = TextWidth.width(of: scroll)
        buffer.put(Truncation.words(title, toWidth: max(0, parts[0].width - scrollWidth - 1)), at: parts[0].origin,
                   style: console.style(.title), maxWidth: parts[0].width)
        if scrollWidth > 0, scrollWidth < parts[0].width {
            buffer.put(scroll, at: Point(x: parts[0].maxX - scrollWidth, y: parts[0].y), style: console.style(.title), maxWidth: scrollWidth)
        }
        renderTiles(in: parts[1], buffer: &buffer, console: console)
        renderAgents(agents, header: parts[2], rows: parts[3], buffer: &buffer, console: console)
        renderSparklines(in: parts[4], buffer: &buffer, console: console)
    }

    private func renderTiles(in area: Rect, buffer: inout CellBuffer, console: Console) {
        guard area.height > 0 else { return }
        let first = firstTile(rows: area.height)
        for row in 0..<area.height {
            let i = first + row
            guard tiles.indices.contains(i) else { break }
            let tile = tiles[i]
            let y = area.y + row
            let base = i == selected ? console.style(.selection) : console.style(.text)
            if i == selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: base) }
            var x = area.x
            x += buffer.put(" " + TextWidth.pad(tile.label, toWidth: 24), at: Point(x: x, y: y), style: base, maxWidth: area.maxX - x)
            let valueStyle = i == selected ? base : console.style(tile.alarm ? .slaBreached : .count)
            x += buffer.put(TextWidth.pad(tile.value, toWidth: 9, alignment: .right) + "  ", at: Point(x: x, y: y),
                            style: valueStyle, maxWidth: max(0, area.maxX - x))
            _ = buffer.put(tile.detail, at: Point(x: x, y: y), style: i == selected ? base : console.style(.textDim),
                           maxWidth: max(0, area.maxX - x))
        }
    }

    /// The first tile shown when `rows` fit: as far down as keeps the selected one visible.
    private func firstTile(rows: Int) -> Int {
        max(0, min(selected - rows + 1, tiles.count - rows))
    }

    /// Supervisors see everyone; an agent sees their own row (the tiles are the team's totals).
    private func visibleAgents(console: Console) -> [AgentMetrics] {
        if console.state.agents[console.me]?.isSupervisor == true { return stats.agents }
        return stats.agents.filter { $0.login == console.me }
    }

    private func renderAgents(_ agents: [AgentMetrics], header: Rect, rows: Rect, buffer: inout CellBuffer, console: Console) {
        let columns = [("AGENT", 18), ("ONLINE", 8), ("VIEWING", 9), ("WRITING", 8), ("OPEN", 6), ("REPLIES", 8),
                       ("1ST REPLY", 10), ("KEPT", 6), ("MISSED", 7)]
        func line(_ cells: [String]) -> String {
            zip(cells, columns).map { TextWidth.pad(TextWidth.truncate($0, toWidth: $1.1 - 1), toWidth: $1.1) }.joined()
        }
        buffer.fill(header, style: console.style(.tableHeader))
        buffer.put(" " + line(columns.map(\.0)), at: header.origin, style: console.style(.tableHeader), maxWidth: header.width)
        let others = console.presence?.board.others ?? []
        for (i, a) in agents.enumerated() where i < rows.height {
            let seen = others.filter { $0.agent == a.login }
            let online = a.login == console.me || !seen.isEmpty
            let viewing = seen.compactMap(\.ticket).first.map { "#\($0)" } ?? ""
            let writing = seen.contains(where: \.composing) ? "yes" : ""
            let text = line([a.name, online ? "online" : "offline", viewing, writing, "\(a.openAssigned)", "\(a.replies)",
                             a.firstReply.median.map { Durations.short($0) } ?? "–", "\(a.promisesKept)", "\(a.promisesMissed)"])
            buffer.put(" " + text, at: Point(x: rows.x, y: rows.y + i),
                       style: console.style(online ? .text : .textDim), maxWidth: rows.width)
        }
    }

    private func renderSparklines(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let ascii = !console.unicode
        let rows: [(String, [Int])] = [("Arrivals/hour 24 h", hourly.arrivals), ("Backlog/hour 24 h", hourly.backlog),
                                       ("Arrivals/day 30 d", daily.arrivals), ("Backlog/day 30 d", daily.backlog)]
        for (i, (label, values)) in rows.enumerated() where i < area.height {
            let y = area.y + i
            let used = buffer.put(" " + TextWidth.pad(label, toWidth: 20), at: Point(x: area.x, y: y),
                                  style: console.style(.textDim), maxWidth: area.width)
            let width = max(0, area.width - used - 12)
            let spark = Sparkline(values).string(width: width, ascii: ascii)
            let x = area.x + used
            let w = buffer.put(spark, at: Point(x: x, y: y), style: console.style(.count), maxWidth: width)
            buffer.put("  now \(values.last ?? 0)", at: Point(x: x + w, y: y), style: console.style(.text),
                       maxWidth: max(0, area.maxX - x - w))
        }
    }
}
