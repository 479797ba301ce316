import XCTest
@testable import HelpdeskCore

final class ContactKeyTests: XCTestCase {
    func testEmailsCompareCaseInsensitively() {
        XCTAssertEqual(ContactKey.email(" Zoe.Fairbanks@Example.COM"), "zoe.fairbanks@example.com")
    }

    func testPhoneFormatsCompareByDigits() {
        XCTAssertEqual(ContactKey.phone("+44 20 7946 0958"), ContactKey.phone("020-7946-0958"))
        XCTAssertEqual(ContactKey.phone("(555) 010-2233"), ContactKey.phone("555.010.2233"))
        XCTAssertNotEqual(ContactKey.phone("555 010 2233"), ContactKey.phone("555 010 2234"))
    }
}
