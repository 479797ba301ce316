import Foundation
import HelpdeskCore
import HelpdeskStore

/// Measures the live stats screen on a store: the first frame (reading the last 7 days' replied
/// tickets' histories, computing every number, drawing) and the work after a change (folding the new
/// event, recomputing, drawing). Run by `helpdesk bench`.
public enum StatsScreenBenchmark {
    public struct Result: Codable, Sendable {
        public var firstFrameMs: Double
        public var updateMedianMs: Double
        public var updateP99Ms: Double
        /// `helpdesk report --since 30d` without the printing: read histories, compute, render Markdown.
        public var report30dMs: Double = 0
    }

    public static func run(store: Store) throws -> Result {
        let terminal = MemoryTerminal(size: Size(width: 120, height: 40))
        let console = Console(store: store, terminal: terminal)
        var t = DispatchTime.now().uptimeNanoseconds
        let screen = StatsScreen(console: console)
        console.push(screen)
        _ = console.render()
        let first = ConsoleBenchmark.ms(t)
        guard let ticket = store.state.tickets.values.first(where: { $0.status.isOpen })?.number
                ?? store.state.tickets.values.first?.number else {
            return Result(firstFrameMs: first, updateMedianMs: 0, updateP99Ms: 0)
        }
        let author = store.state.agents.keys.sorted().first ?? store.actor
        var updates: [Double] = []
        for i in 0..<20 {
            let events = try store.append([.messageAdded(number: ticket, message: Message(
                kind: i % 2 == 0 ? .reply : .customer, author: author, body: "bench \(i)", at: Date()))])
            t = DispatchTime.now().uptimeNanoseconds
            screen.storeChanged(events, console: console)
            _ = console.render()
            updates.append(ConsoleBenchmark.ms(t))
        }
        var result = Result(firstFrameMs: first, updateMedianMs: ConsoleBenchmark.median(updates), updateP99Ms: ConsoleBenchmark.p99(updates))
        t = DispatchTime.now().uptimeNanoseconds
        let now = Date()
        let lt = console.localTime
        let period = StatsPeriod.lastDays(30, now: now)
        let activity = try StatsActivityLoader.activity(from: store, since: period.start)
        let report = StatsReport.compute(store.state, activity: activity, period: period, now: now, timeZone: lt.timeZone)
        _ = ReportDocument.markdown(report, localTime: lt, agentName: { store.state.agentName($0) })
        result.report30dMs = ConsoleBenchmark.ms(t)
        return result
    }
}
