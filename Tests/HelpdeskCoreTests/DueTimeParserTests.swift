import Foundation
import XCTest
@testable import HelpdeskCore

final class DueTimeParserTests: XCTestCase {
    let london = TimeZone(identifier: "Europe/London")!
    let newYork = TimeZone(identifier: "America/New_York")!

    func utc(_ s: String) -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)!
    }

    func due(_ text: String, _ now: String, _ zone: TimeZone? = nil) throws -> Date {
        switch DueTimeParser.parse(text, now: utc(now), timeZone: zone ?? london) {
        case .success(let d): return d.date
        case .failure(let e): XCTFail("'\(text)': \(e)"); throw e
        }
    }

    func reason(_ text: String, _ now: String = "2026-03-27T10:00:00Z") -> String? {
        if case .failure(let e) = DueTimeParser.parse(text, now: utc(now), timeZone: london) { return e.reason }
        return nil
    }

    // Friday 27 March 2026, 10:00 in London (GMT); the clocks go forward on Sunday 29 March at 01:00 GMT.
    let friday = "2026-03-27T10:00:00Z"

    func testRelativeSpansAreElapsedTime() throws {
        XCTAssertEqual(try due("in 2h", friday), utc("2026-03-27T12:00:00Z"))
        XCTAssertEqual(try due("in 90m", friday), utc("2026-03-27T11:30:00Z"))
        XCTAssertEqual(try due("in 1h30m", friday), utc("2026-03-27T11:30:00Z"))
        XCTAssertEqual(try due("in 3 days", friday), utc("2026-03-30T10:00:00Z"))
        // Across the DST change a span is still 48 real hours (11:00 on the clock afterwards).
        XCTAssertEqual(try due("in 48h", friday), utc("2026-03-29T10:00:00Z"))
    }

    func testTomorrowAndTodayAreWallClockTimes() throws {
        XCTAssertEqual(try due("tomorrow 9am", friday), utc("2026-03-28T09:00:00Z"))
        XCTAssertEqual(try due("today 5pm", friday), utc("2026-03-27T17:00:00Z"))
        XCTAssertEqual(try due("Tomorrow", friday), utc("2026-03-28T17:00:00Z"), "a day alone means 17:00")
        XCTAssertEqual(try due("tomorrow noon", friday), utc("2026-03-28T12:00:00Z"))
        XCTAssertEqual(try due("tomorrow 5 pm", friday), utc("2026-03-28T17:00:00Z"))
    }

    func testWeekdays() throws {
        XCTAssertEqual(try due("fri 17:00", friday), utc("2026-03-27T17:00:00Z"), "later today")
        // Friday 09:00 has passed: next Friday, which is in summer time (08:00 UTC).
        XCTAssertEqual(try due("fri 9:00", friday), utc("2026-04-03T08:00:00Z"))
        XCTAssertEqual(try due("next fri 17:00", friday), utc("2026-04-03T16:00:00Z"))
        XCTAssertEqual(try due("monday 10:30", friday), utc("2026-03-30T09:30:00Z"))
        XCTAssertEqual(try due("Wed", friday), utc("2026-04-01T16:00:00Z"))
    }

    func testDSTChangeKeepsTheClockTime() throws {
        // Sunday 9am is in BST: 08:00 UTC, although "now" is in GMT.
        XCTAssertEqual(try due("sun 9am", friday), utc("2026-03-29T08:00:00Z"))
        XCTAssertEqual(try due("2026-03-29 09:00", friday), utc("2026-03-29T08:00:00Z"))
    }

    func testTimeInTheSpringGapMovesForwardAndSaysSo() throws {
        guard case .success(let d) = DueTimeParser.parse("sun 1:30", now: utc(friday), timeZone: london) else { return XCTFail() }
        XCTAssertEqual(d.date, utc("2026-03-29T01:30:00Z"))   // 02:30 BST
        XCTAssertTrue(d.understood.contains("does not exist"), d.understood)
    }

    func testRepeatedAutumnTimeMeansTheFirst() throws {
        // 25 October 2026: 01:30 happens in BST (00:30 UTC) and again in GMT (01:30 UTC).
        XCTAssertEqual(try due("2026-10-25 01:30", "2026-10-20T10:00:00Z"), utc("2026-10-25T00:30:00Z"))
    }

    func testAbsoluteDates() throws {
        XCTAssertEqual(try due("2026-12-01 10:00", friday), utc("2026-12-01T10:00:00Z"))
        XCTAssertEqual(try due("2026-07-01 10:00", friday), utc("2026-07-01T09:00:00Z"))
        XCTAssertEqual(try due("12-01", friday), utc("2026-12-01T17:00:00Z"))
        XCTAssertEqual(try due("17:30", friday), utc("2026-03-27T17:30:00Z"), "a bare time later today")
        XCTAssertEqual(try due("8am", friday), utc("2026-03-28T08:00:00Z"), "a bare time already past means tomorrow")
    }

    func testOtherTimeZones() throws {
        // New York is already on summer time (UTC−4) on 27 March 2026.
        XCTAssertEqual(try due("tomorrow 9am", friday, newYork), utc("2026-03-28T13:00:00Z"))
        XCTAssertEqual(try due("2026-12-01 10:00", friday, newYork), utc("2026-12-01T15:00:00Z"))
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        // 10:00 UTC is 19:00 in Tokyo: "today 5pm" there has passed.
        XCTAssertNotNil(reasonIn(tokyo, "today 5pm"))
        XCTAssertEqual(try due("tomorrow 9am", friday, tokyo), utc("2026-03-28T00:00:00Z"))
    }

    func reasonIn(_ zone: TimeZone, _ text: String) -> String? {
        if case .failure(let e) = DueTimeParser.parse(text, now: utc(friday), timeZone: zone) { return e.reason }
        return nil
    }

    func testTheAnswerShowsWhatWasUnderstood() {
        guard case .success(let d) = DueTimeParser.parse("fri 17:00", now: utc(friday), timeZone: london) else { return XCTFail() }
        XCTAssertEqual(d.understood, "Fri 27 Mar 2026 17:00 (Europe/London) — in 7h")
    }

    func testUnreadableOrPastTimesSayWhy() {
        XCTAssertTrue(reason("yesterday")?.contains("could not read 'yesterday'") == true, reason("yesterday") ?? "")
        XCTAssertTrue(reason("blah 17:00")?.contains("try fri 17:00") == true)
        XCTAssertTrue(reason("in")?.contains("span of time") == true)
        XCTAssertTrue(reason("in 2 parsecs")?.contains("span of time") == true)
        XCTAssertTrue(reason("2020-01-01 10:00")?.contains("in the past") == true)
        XCTAssertTrue(reason("today 9am")?.contains("in the past") == true)
        XCTAssertNotNil(reason("25:00"))
        XCTAssertNotNil(reason("tomorrow 13pm"))
        XCTAssertTrue(reason("2026-02-30")?.contains("not a date") == true)
        XCTAssertNotNil(reason(""))
        XCTAssertNotNil(reason("9"), "a bare number is too ambiguous")
    }
}
