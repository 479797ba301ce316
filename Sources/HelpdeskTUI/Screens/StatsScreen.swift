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
    /// Tab moves between the tiles and the agents table; Enter on an agent opens their queue.
    private var agentsFocused = false
    private var selectedAgent = 0
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
        case "down", "up", "first", "last":
            let count = agentsFocused ? visibleAgents(console: console).count : tiles.count
            var at = agentsFocused ? selectedAgent : selected
            switch command.name {
            case "down": at += 1
            case "up": at -= 1
            case "first": at = 0
            default: at = count - 1
            }
            at = max(0, min(count - 1, at))
            if agentsFocused { selectedAgent = at } else { selected = at }
        case "next-pane":
            agentsFocused.toggle()
            if agentsFocused && visibleAgents(console: console).isEmpty { agentsFocused = false }
        case "open":
            if agentsFocused { openAgentQueue(console: console) } else { drill(console: console) }
        case "back":
            if standalone && console.screens.last === self { console.quit() } else { console.popScreen() }
        case "stats": break
        default: return false
        }
        return true
    }

    public func hint(console: Console) -> String? {
        (agentsFocused ? "j/k choose an agent · Enter opens their queue · Tab the numbers · q "
                       : "j/k choose a number · Enter lists what is behind it · Tab the agents · q ") + (standalone ? "quits" : "back")
    }

    /// The selected agent's open tickets, where they can be opened and reassigned.
    private func openAgentQueue(console: Console) {
        let agents = visibleAgents(console: console)
        guard agents.indices.contains(selectedAgent) else { return }
        console.push(AgentQueueScreen(agent: agents[selectedAgent].login, console: console))
    }

    /// Lists what is behind the selected tile, each row with its value and owner; choosing one opens its ticket.
    private func drill(console: Console) {
        guard tiles.indices.contains(selected) else { return }
        let tile = tiles[selected]
        guard !tile.isEmpty else {
            console.show("\(tile.label): nothing behind this number")
            return
        }
        let limit = 1000
        let all = StatsDrillDown.rows(tile.drillDown, state: console.state, activity: activity, now: console.now,
                                      localTime: console.localTime)
        let shown = Array(all.prefix(limit))
        let items = shown.map { PickerItem($0.label, detail: $0.detail) }
        let more = all.count > limit ? " (first \(limit) of \(all.count))" : ""
        console.pick(PickerWidget(title: "\(tile.label): \(tile.value)\(more)", items: items)) { index in
            guard shown.indices.contains(index), let n = shown[index].ticket, console.state.tickets[n] != nil else { return }
            console.push(TicketScreen(number: n, console: console))
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
            let isSelected = i == selected && !agentsFocused
            let base = isSelected ? console.style(.selection) : console.style(.text)
            if isSelected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: base) }
            var x = area.x
            x += buffer.put(" " + TextWidth.pad(tile.label, toWidth: 24), at: Point(x: x, y: y), style: base, maxWidth: area.maxX - x)
            let valueStyle = isSelected ? base : console.style(tile.alarm ? .slaBreached : .count)
            x += buffer.put(TextWidth.pad(tile.value, toWidth: 9, alignment: .right) + "  ", at: Point(x: x, y: y),
                            style: valueStyle, maxWidth: max(0, area.maxX - x))
            _ = buffer.put(tile.detail, at: Point(x: x, y: y), style: isSelected ? base : console.style(.textDim),
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
        // Breaches (SLA misses on tickets they owned then) and promises count the last 7 days; OVERDUE is now.
        let all = [("AGENT", 18), ("ONLINE", 8), ("VIEWING", 9), ("WRITING", 8), ("OPEN", 6), ("REPLIES", 8),
                   ("1ST REPLY", 10), ("KEPT", 6), ("MISSED", 7), ("OVERDUE", 8), ("BREACHES", 9)]
        // Too narrow for all: presence details go first, so the numbers to act on (overdue, breaches) stay.
        var shown = Set(all.indices)
        for drop in [3, 2, 1] where all.indices.filter({ shown.contains($0) }).reduce(1, { $0 + all[$1].1 }) > header.width {
            shown.remove(drop)
        }
        let columns = all.indices.filter { shown.contains($0) }.map { all[$0] }
        func line(_ cells: [String]) -> String {
            zip(cells.indices.filter { shown.contains($0) }.map { cells[$0] }, columns)
                .map { TextWidth.pad(TextWidth.truncate($0, toWidth: $1.1 - 1), toWidth: $1.1) }.joined()
        }
        buffer.fill(header, style: console.style(.tableHeader))
        buffer.put(" " + line(all.map(\.0)), at: header.origin, style: console.style(.tableHeader), maxWidth: header.width)
        let others = console.presence?.board.others ?? []
        let first = agentsFocused ? max(0, min(selectedAgent - rows.height + 1, agents.count - rows.height)) : 0
        for (i, a) in agents.enumerated().dropFirst(first) where i - first < rows.height {
            let seen = others.filter { $0.agent == a.login }
            let online = a.login == console.me || !seen.isEmpty
            let viewing = seen.compactMap(\.ticket).first.map { "#\($0)" } ?? ""
            let writing = seen.contains(where: \.composing) ? "yes" : ""
            let text = line([a.name, online ? "online" : "offline", viewing, writing, "\(a.openAssigned)", "\(a.replies)",
                             a.firstReply.median.map { Durations.short($0) } ?? "–", "\(a.promisesKept)", "\(a.promisesMissed)",
                             "\(a.promisesOverdue)", "\(a.slaMissed)"])
            let y = rows.y + i - first
            let isSelected = agentsFocused && i == selectedAgent
            let style = isSelected ? console.style(.selection) : console.style(online ? .text : .textDim)
            if isSelected { buffer.fill(Rect(x: rows.x, y: y, width: rows.width, height: 1), style: style) }
            buffer.put(" " + text, at: Point(x: rows.x, y: y), style: style, maxWidth: rows.width)
        }
    }

    private func renderSparklines(in area: Rect, buffer: inout CellBuffer, console: Console) {
        let ascii = !console.unicode
        let rows: [(String, [Int], String)] = [
            ("Arrivals/hour 24 h", hourly.arrivals, SparklineScale.sums(hourly.arrivals, span: 12, unit: "12 h")),
            ("Backlog/hour 24 h", hourly.backlog, SparklineScale.levels(hourly.backlog, span: 12, unit: "12 h")),
            ("Arrivals/day 30 d", daily.arrivals, SparklineScale.sums(daily.arrivals, span: 7, unit: "7 d")),
            ("Backlog/day 30 d", daily.backlog, SparklineScale.levels(daily.backlog, span: 7, unit: "7 d")),
        ]
        // The scale and the comparison are what make a bar readable: the same height means 3 or 300.
        let notes = rows.map { SparklineScale.range($0.1) + " · " + $0.2 }
        let noteWidth = min(max(0, area.width / 2), (notes.map { TextWidth.width(of: $0) }.max() ?? 0) + 2)
        for (i, (label, values, _)) in rows.enumerated() where i < area.height {
            let y = area.y + i
            let used = buffer.put(" " + TextWidth.pad(label, toWidth: 20), at: Point(x: area.x, y: y),
                                  style: console.style(.textDim), maxWidth: area.width)
            let width = max(0, area.width - used - noteWidth)
            let spark = Sparkline(values).string(width: width, ascii: ascii)
            let x = area.x + used
            let w = buffer.put(spark, at: Point(x: x, y: y), style: console.style(.count), maxWidth: width)
            buffer.put("  " + notes[i], at: Point(x: x + w, y: y), style: console.style(.text),
                       maxWidth: max(0, area.maxX - x - w))
        }
    }
}
