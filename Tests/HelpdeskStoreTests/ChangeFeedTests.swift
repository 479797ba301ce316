import Foundation
import XCTest
import HelpdeskCore
@testable import HelpdeskStore

final class ChangeFeedTests: XCTestCase {
    /// Waits until the feed's descriptor is readable or the deadline passes; returns the wait in ms.
    private func waitReadable(_ fd: Int32, timeoutMs: Int32) -> Double? {
        let start = DispatchTime.now()
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, timeoutMs) == 1 else { return nil }
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }

    func testAnotherInstancesAppendIsVisibleWithin100ms() throws {
        let tmp = TemporaryDirectory()
        let writer = try Fixture.makeStore(at: tmp.store())
        try writer.append([Fixture.newTicket("watched")])
        let reader = try FileStore.open(at: tmp.store(), actor: "sam")
        let feed = reader.changeFeed
        XCTAssertEqual(feed.mechanism, .inotify)
        _ = feed.drain()
        for i in 0..<5 {
            let start = DispatchTime.now()
            try writer.append([Fixture.note(1001, "live \(i)")])
            XCTAssertNotNil(waitReadable(feed.fileDescriptor, timeoutMs: 100), "no notification within 100 ms")
            XCTAssertTrue(feed.drain())
            let events = try reader.refresh()
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
            XCTAssertEqual(events.count, 1)
            XCTAssertLessThan(ms, 100)
            XCTAssertEqual(reader.state.tickets[1001]?.messageCount, 2 + i)
        }
        XCTAssertFalse(feed.drain(), "drained")
        XCTAssertTrue(try reader.refresh().isEmpty)
    }

    func testPollingFallbackNoticesAppends() throws {
        let tmp = TemporaryDirectory()
        let writer = try Fixture.makeStore(at: tmp.store())
        let feed = ChangeFeed(watching: tmp.store().path + "/log", polling: true)
        XCTAssertEqual(feed.mechanism, .polling)
        usleep(50_000)
        try writer.append([Fixture.newTicket("polled")])
        XCTAssertNotNil(waitReadable(feed.fileDescriptor, timeoutMs: 1000))
        XCTAssertTrue(feed.drain())
        XCTAssertFalse(feed.drain())
    }

    func testRefreshIgnoresAWriterMidAppend() throws {
        let tmp = TemporaryDirectory()
        let writer = try Fixture.makeStore(at: tmp.store())
        let reader = try FileStore.open(at: tmp.store(), actor: "sam")
        let names = try FileManager.default.contentsOfDirectory(atPath: tmp.store().path + "/log").sorted()
        let path = tmp.store().path + "/log/" + names.last!
        let line = try LogRecord.line(Event(seq: 4, at: Fixture.t0, actor: "dana", change: Fixture.newTicket("half")),
                                      more: false, encoder: StoreJSON.encoder())
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data(line[0..<40]))
        XCTAssertTrue(try reader.refresh().isEmpty, "half a line is not read")
        try h.write(contentsOf: Data(line[40...]))
        try h.close()
        XCTAssertEqual(try reader.refresh().map(\.seq), [4])
        _ = writer
    }
}
