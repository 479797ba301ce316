import XCTest
@testable import HelpdeskCore

final class SanitizerTests: XCTestCase {
    /// Strings a customer could send to attack or confuse an agent's terminal.
    static let hostile: [String] = [
        "\u{1B}[31mred\u{1B}[0m",                              // CSI colour
        "\u{1B}[2J\u{1B}[H wiped",                              // clear screen, home
        "\u{1B}]0;pwned\u{07}",                                 // OSC 0 title
        "\u{1B}]2;title\u{1B}\\",                               // OSC 2 with ST
        "\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", // OSC 8 hyperlink
        "\u{1B}]52;c;cm0gLXJmIH4K\u{07}",                       // OSC 52 clipboard write
        "\u{1B}P1$r0m\u{1B}\\",                                 // DCS
        "\u{1B}_apc\u{1B}\\ \u{1B}^pm\u{1B}\\ \u{1B}Xsos\u{1B}\\", // APC, PM, SOS
        "\u{9B}31m C1 CSI \u{9D}0;x\u{9C}",                     // 8-bit C1 controls
        "safe\u{202E}txt.exe",                                  // bidi override
        "\u{2066}isolate\u{2069}\u{200F}\u{200E}\u{061C}",      // isolates and marks
        "NUL\u{0}BEL\u{7}BS\u{8}\u{8}\u{8}",                    // NUL, bell, backspace overwrite
        "Total: $100\rTotal: $0",                               // CR overwrite
        "DEL\u{7F}VT\u{0B}FF\u{0C}",
        "zero\u{200B}width\u{FEFF}bom\u{2060}",
        "line\u{2028}sep",
    ]

    func testNoControlOrBidiCodePointSurvives() {
        for text in SanitizerTests.hostile {
            for options in [Sanitizer.Options.singleLine, .multiLine] {
                let safe = Sanitizer.sanitize(text, options: options)
                for scalar in safe.unicodeScalars {
                    let v = scalar.value
                    XCTAssertFalse(v < 0x20 && v != 0x0A, "C0 \(v) survived in \(safe.debugDescription)")
                    XCTAssertFalse(v == 0x0A && !options.allowsNewlines)
                    XCTAssertFalse(v == 0x7F || (0x80...0x9F).contains(v), "DEL/C1 survived in \(safe.debugDescription)")
                    XCTAssertFalse((0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                                   || v == 0x200E || v == 0x200F || v == 0x061C, "bidi survived")
                    XCTAssertNotEqual(scalar.properties.generalCategory, .format, "format char survived")
                }
                XCTAssertTrue(Sanitizer.isSafe(safe, options: options))
            }
        }
    }

    func testSequencesShowAsVisiblePlaceholders() {
        XCTAssertEqual(Sanitizer.sanitize("\u{1B}[31mred"), "␛[31mred")
        XCTAssertEqual(Sanitizer.sanitize("\u{1B}]0;pwned\u{07}"), "␛]0;pwned␇")
        XCTAssertEqual(Sanitizer.sanitize("safe\u{202E}txt"), "safe⟨U+202E⟩txt")
        XCTAssertEqual(Sanitizer.sanitize("\u{9B}1m"), "⟨U+009B⟩1m")
        XCTAssertEqual(Sanitizer.sanitize("a\u{0}b"), "a␀b")
        XCTAssertEqual(Sanitizer.sanitize("$100\r$0"), "$100␍$0")
    }

    func testNewlinesAndTabsFollowTheOptions() {
        XCTAssertEqual(Sanitizer.sanitize("a\nb", options: .singleLine), "a␊b")
        XCTAssertEqual(Sanitizer.sanitize("a\r\nb", options: .multiLine), "a\nb")
        XCTAssertEqual(Sanitizer.sanitize("ab\tc", options: .multiLine), "ab  c")
        XCTAssertEqual(Sanitizer.sanitize("a\tb", options: .singleLine), "a b")
    }

    func testInvalidUTF8BecomesReplacementCharacter() {
        XCTAssertEqual(Sanitizer.sanitize(bytes: [0x61, 0xFF, 0x62, 0xC3]), "a\u{FFFD}b\u{FFFD}")
    }

    func testOrdinaryTextIsUntouchedIncludingEmojiSequences() {
        for text in ["Hello, world", "退款申请", "Zoë", "👨‍👩‍👧 family", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️"] {
            XCTAssertEqual(Sanitizer.sanitize(text), text)
        }
    }
}
