import XCTest
@testable import HelpdeskTUI

final class ColorTests: XCTestCase {
    func testParsesThemeColourSpellings() {
        XCTAssertEqual(Color(name: "red"), .red)
        XCTAssertEqual(Color(name: "Bright-Blue"), .brightBlue)
        XCTAssertEqual(Color(name: "bright_blue"), .brightBlue)
        XCTAssertEqual(Color(name: "grey"), .brightBlack)
        XCTAssertEqual(Color(name: "default"), .default)
        XCTAssertEqual(Color(name: "208"), .indexed(208))
        XCTAssertEqual(Color(name: "#5fafff"), .rgb(0x5F, 0xAF, 0xFF))
        XCTAssertNil(Color(name: "blu"))
        XCTAssertNil(Color(name: "256"))
        XCTAssertNil(Color(name: "#12345"))
    }

    func testRGBMapsToNearestPaletteEntries() {
        XCTAssertEqual(Color.rgb(0x5F, 0xAF, 0xFF).paletteIndex, 75)
        XCTAssertEqual(Color.rgb(0xFF, 0, 0).nearestANSI, .brightRed)
        XCTAssertEqual(Color.indexed(196).nearestANSI, .brightRed)
        XCTAssertEqual(Color.indexed(34).nearestANSI, .green)
    }

    func testEightColourDegradeKeepsSelectionVisible() {
        let selection = Style(fg: .brightWhite, bg: .blue, attributes: .bold)
        let degraded = selection.degraded(to: .ansi8)
        XCTAssertEqual(degraded.bg, .blue)
        XCTAssertEqual(degraded.fg, .white)
        XCTAssertTrue(degraded.attributes.contains(.bold))
        // Grey text must not become black-on-black.
        XCTAssertEqual(Style(fg: .brightBlack).degraded(to: .ansi8), Style(fg: .white, attributes: .dim))
    }

    func testMonochromeUsesReverseForAnythingWithABackground() {
        let selection = Style(fg: .brightWhite, bg: .blue, attributes: .bold)
        XCTAssertEqual(selection.degraded(to: .monochrome), Style(attributes: [.bold, .reverse]))
        XCTAssertEqual(Style(fg: .red, attributes: .bold).degraded(to: .monochrome), Style(attributes: .bold))
    }
}
