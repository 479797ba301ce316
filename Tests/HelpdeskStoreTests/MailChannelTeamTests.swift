import Foundation
import HelpdeskCore
@testable import HelpdeskStore
import XCTest

/// The mail channel in a signed team store: it holds no key, so its records are unsigned, and every
/// reader gives them only the effects mail can have (`MailChannel`), whoever wrote them.
final class MailChannelTeamTests: XCTestCase {
    private let dana = AgentKey.generate()

    private func makeTeamStore(_ tmp: TemporaryDirectory) throws -> FileStore {
        guard let entry = getgrgid(getegid()), let name = entry.pointee.gr_name else { throw XCTSkip("no group entry") }
        let info = StoreInfo(mode: .shared, group: String(cString: name), createdAt: Fixture.t0, createdBy: "dana")
        var settings = Settings()
        settings.supportAddress = "support@helpdesk.test"
        return try FileStore.create(at: tmp.store(), info: info, creator: Fixture.dana, settings: settings, signingKey: dana)
    }

    func testTheChannelDeliversIntoATeamStoreAndReadersAdmitIt() throws {
        let tmp = TemporaryDirectory()
        let creator = try makeTeamStore(tmp)
        let channel = try FileStore.open(at: tmp.store(), actor: MailChannel.actor(account: "postfix"))
        let result = try MailIntake(store: channel, parser: MailIntakeTests.parse).receive(MailIntakeTests.raw(), at: Fixture.t0)
        guard case .filed(let n, true, _) = result.outcome else { return XCTFail("\(result)") }
        try creator.refresh()
        XCTAssertNotNil(creator.state.tickets[n], "the channel's unsigned records take effect")
        XCTAssertEqual(creator.rejectedRecords, [])
        let fresh = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertEqual(try fresh.ticket(n).messages.count, 1)
        try fresh.compact()
        XCTAssertEqual(try FileStore.open(at: tmp.store(), actor: "dana").ticket(n).messages.count, 1, "and from a snapshot")
    }

    func testAForgedChannelRecordBeyondWhatMailBringsHasNoEffect() throws {
        let tmp = TemporaryDirectory()
        _ = try makeTeamStore(tmp)
        var settings = Settings()
        settings.name = "Forged"
        // Written past the store's own check, as a member could: unsigned, claiming to be the channel.
        let reader = try FileStore.open(at: tmp.store(), actor: "x")
        let segment = try EventLog.segments(in: tmp.store().path + "/log").last!
        let fd = try Durable.open(tmp.store().path + "/log/" + segment.name, O_WRONLY | O_APPEND)
        let event = Event(seq: reader.state.lastSeq + 1, at: Fixture.t0, actor: "mail:postfix", change: .settingsChanged(settings))
        try Durable.write(fd, try LogRecord.line(event, more: false, encoder: StoreJSON.encoder()), path: segment.name)
        close(fd)
        let after = try FileStore.open(at: tmp.store(), actor: "dana")
        XCTAssertNotEqual(after.state.settings.name, "Forged")
        XCTAssertEqual(after.rejectedRecords.count, 1, "\(after.rejectedRecords)")
    }
}
