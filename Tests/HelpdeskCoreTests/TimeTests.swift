import Foundation
import XCTest
@testable import HelpdeskCore

final class TimeTests: XCTestCase {
    func testISOTimeRoundTripsAndMatchesFoundation() {
        let f = ISO8601DateFormatter()
        for t in [0.0, 951_782_400, 1_790_000_123, 4_102_444_799, -86_401] {
            let d = Date(timeIntervalSince1970: t)
            XCTAssertEqual(ISOTime.format(d), f.string(from: d))
            XCTAssertEqual(ISOTime.parse(ISOTime.format(d)), d)
        }
        XCTAssertEqual(ISOTime.parse("2026-11-23T14:02:05+01:00"), f.date(from: "2026-11-23T13:02:05Z"))
        XCTAssertEqual(ISOTime.parse("2026-11-23T14:02:05.250Z")?.timeIntervalSince1970, f.date(from: "2026-11-23T14:02:05Z")!.timeIntervalSince1970 + 0.25)
        XCTAssertNil(ISOTime.parse("2026-13-23T14:02:05Z"))
        XCTAssertNil(ISOTime.parse("yesterday"))
        XCTAssertNil(ISOTime.parse("2026-11-23T14:02:05"))
    }

    func testShortDurations() {
        XCTAssertEqual(Durations.short(42 * 60), "42m")
        XCTAssertEqual(Durations.short(3 * 3600 + 600), "3h10m")
        XCTAssertEqual(Durations.short(-15 * 60), "-15m")
        XCTAssertEqual(Durations.short(2 * 86_400), "2d")
        XCTAssertEqual(Durations.short(30 * 86_400), "4w")
        XCTAssertEqual(Durations.parse("7d"), 7 * 86_400)
        XCTAssertNil(Durations.parse("7x"))
    }

    func testLocalTimeUsesTheGivenZone() {
        let d = ISOTime.parse("2026-07-01T12:30:00Z")!
        XCTAssertEqual(LocalTime(identifier: "Europe/London").dateTime(d), "2026-07-01 13:30")
        XCTAssertEqual(LocalTime(identifier: "Asia/Tokyo").clock(d), "21:30")
    }
}
