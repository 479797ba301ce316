import XCTest
@testable import HelpdeskCore

final class ByteSearchTests: XCTestCase {
    func testFindsSubstringsAnywhereAndOnlyWhenPresent() {
        XCTAssertTrue(ByteSearch.contains("grinder squeaks", "squeak"))
        XCTAssertTrue(ByteSearch.contains("grinder squeaks", "g"))
        XCTAssertTrue(ByteSearch.contains("grinder squeaks", "ks"))
        XCTAssertTrue(ByteSearch.contains("abc", ""))
        XCTAssertFalse(ByteSearch.contains("grinder squeaks", "squeakz"))
        XCTAssertFalse(ByteSearch.contains("ab", "abc"))
        XCTAssertTrue(ByteSearch.contains("咖啡豆订单 order", "咖啡"))
        XCTAssertTrue(ByteSearch.contains("zoë fairbanks", "zoë"))
        XCTAssertFalse(ByteSearch.contains("zoe fairbanks", "zoë"))
        XCTAssertTrue(ByteSearch.contains("aaab", "aab"), "restarts after a partial match")
    }
}
