import Foundation
import XCTest
@testable import HelpdeskCore
@testable import HelpdeskStore

/// A long-running reader moves to the snapshot another process wrote, and says so.
final class ReaderSwitchTests: XCTestCase {
    func testAReaderSwitchesToAnotherProcesssSnapshotAndReportsTheReload() throws {
        let tmp = TemporaryDirectory()
        let writer = try Fixture.makeStore(at: tmp.store())
        try writer.append([Fixture.newTicket("first")])
        let reader = try FileStore.open(at: tmp.store(), actor: "sam")

        try writer.append([Fixture.note(1001, "seen by the reader")])
        XCTAssertEqual(try reader.refresh().count, 1)
        XCTAssertFalse(reader.lastRefreshReloaded)

        try writer.append([Fixture.note(1001, "then compacted")])
        try writer.compact()
        let events = try reader.refresh()
        XCTAssertTrue(reader.lastRefreshReloaded, "the reader re-read the new snapshot")
        XCTAssertEqual(reader.snapshot?.directory, writer.snapshot?.directory)
        XCTAssertEqual(reader.tail.count, 0, "the log index starts afresh")
        XCTAssertEqual(reader.state.tickets[1001]?.messageCount, writer.state.tickets[1001]?.messageCount)
        XCTAssertEqual(reader.state.lastSeq, writer.state.lastSeq)
        XCTAssertLessThanOrEqual(events.count, 1)
        XCTAssertEqual(try reader.ticket(1001).messages.map(\.body).suffix(2), ["seen by the reader", "then compacted"])

        // Nothing new: no reload, no events.
        XCTAssertEqual(try reader.refresh().count, 0)
        XCTAssertFalse(reader.lastRefreshReloaded)
    }
}
