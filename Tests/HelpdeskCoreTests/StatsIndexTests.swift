import Foundation
import XCTest
@testable import HelpdeskCore

/// The live screen's shortcut (an index of open and recently active tickets, kept current from new
/// events) must give exactly the numbers of a full scan.
final class StatsIndexTests: XCTestCase {
    func testIndexedAndIncrementalNumbersEqualAFullScan() throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let demo = DemoData.generate(seed: 7, now: now)
        let zone = TimeZone(identifier: demo.settings.timeZone) ?? TimeZone(identifier: "UTC")!
        var state = HelpdeskState()
        var events: [Event] = []
        for (i, e) in demo.events.enumerated() {
            let prepared = try state.prepare(e.change, actor: e.actor, at: e.at)
            let event = Event(seq: i + 1, at: e.at, actor: e.actor, change: prepared)
            state.apply(event)
            events.append(event)
        }
        // Build the index part-way, then feed the rest as a live screen would.
        let split = events.count * 4 / 5
        var early = HelpdeskState()
        for e in events[..<split] { early.apply(e) }
        var index = StatsIndex(early, horizon: StatsIndex.liveHorizon(now: now, timeZone: zone))
        var activity = ReplyActivity(events: Array(events[..<split]))
        // What the screen showed earlier: its breached tickets are remembered until touched.
        let earlier = LiveStats.compute(early, activity: activity, now: events[split].at, timeZone: zone, index: index)
        index.remember(breached: earlier.slaBreached, state: early)
        XCTAssertFalse(earlier.slaBreached.isEmpty, "the demo has breached tickets to remember")
        var live = early
        for e in events[split...] {
            live.apply(e)
            index.note([e], state: live)
            activity.ingest(e)
        }
        let full = ReplyActivity(events: events)
        let incremental = LiveStats.compute(live, activity: activity, now: now, timeZone: zone, index: index)
        let fresh = LiveStats.compute(state, activity: full, now: now, timeZone: zone)
        XCTAssertEqual(incremental, fresh)
        XCTAssertFalse(fresh.last7Days.created.isEmpty, "the demo has recent tickets")
        // A full scan (no index) agrees with the indexed periods and series.
        let week = StatsPeriod.lastDays(7, now: now)
        XCTAssertEqual(PeriodMetrics.compute(state, activity: full, period: week, now: now), fresh.last7Days)
        XCTAssertEqual(ActivitySeries.daily(state, now: now, timeZone: zone, index: index),
                       ActivitySeries.daily(state, now: now, timeZone: zone))
        XCTAssertEqual(ActivitySeries.hourly(state, now: now, index: index), ActivitySeries.hourly(state, now: now))
        XCTAssertLessThan(index.candidates.count, state.tickets.count + 1)
    }
}
