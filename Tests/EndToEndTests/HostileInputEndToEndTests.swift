import Foundation
import XCTest

/// The built binary, given what a hostile user would give it: every refusal is one clear message
/// with exit 4, nothing crashes, the store still works after, and no escape sequence from a file or an
/// argument reaches the terminal as itself.
final class HostileInputEndToEndTests: EndToEndTestCase {
    /// Refusals change nothing, so the tests can share one demo store.
    override class var sharesDemoStore: Bool { true }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = sandbox.root.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func assertRefused(_ result: CommandResult, saying words: String, line: UInt = #line) {
        XCTAssertEqual(result.status, 4, result.summary, line: line)
        XCTAssertTrue(result.stderr.contains(words), result.summary, line: line)
        XCTAssertFalse(result.stderr.contains("Fatal error") || result.stderr.contains("Backtrace"), result.summary, line: line)
        for control in result.stderr.unicodeScalars where control.value < 0x20 && control != "\n" {
            XCTFail("stderr holds U+\(String(control.value, radix: 16)): \(result.stderr.debugDescription)", line: line)
        }
    }

    func testEscapeSequencesInAnImportNeverReachStderr() throws {
        let osc52 = "\u{1B}]52;c;SGVsbG8=\u{07}", osc0 = "\u{1B}]0;pwned\u{07}"
        let csv = "subject,customer_email,priority\nHi,a\(osc52)@example.com,\(osc0)urgent\n"
        let file = try write(Array(csv.utf8), "hostile.csv")
        let result = try cli.run(["import", file])
        assertRefused(result, saying: "␛]52;c;SGVsbG8=␇")
        XCTAssertTrue(result.stderr.contains("␛]0;pwned␇urgent"), result.summary)
        let json = try write(Array(#"{"format":1,"customers":[{"id":"x","name":"N\u001b]0;pwned\u0007","emails":["n@example.com"]}],"tickets":[{"number":1,"subject":"s","customer":"x","status":"\u001b]52;c;x\u0007"}]}"#.utf8), "hostile.json")
        assertRefused(try cli.run(["import", json]), saying: "the name 'N␛]0;pwned␇' contains a control character")
    }

    func testImportOfAbsurdNumbersIsRefusedAndTheStoreStillWorks() throws {
        for n in ["1000000000000000000", "-5", "4000000000000", "9223372036854775807"] {
            let file = try write(Array("number,subject,customer_email\n\(n),hi,a@example.com\n".utf8), "n.csv")
            assertRefused(try cli.run(["import", file]), saying: "n.csv:2: ticket number")
        }
        XCTAssertEqual(try cli.run(["search", "coffee"]).status, 0)
        XCTAssertEqual(try cli.run(["check"]).status, 0)
    }

    func testInvalidUTF8AndTruncatedJSONNameTheirPlace() throws {
        let csv = try write(Array("subject,customer_email\nCaf".utf8) + [0xE9] + Array(",a@example.com\n".utf8), "latin1.csv")
        assertRefused(try cli.run(["import", csv]), saying: "latin1.csv:2:4: not UTF-8 text")
        let json = try write(Array("{\"format\": 1,\n \"tickets\": [{\"number\": 5000, \"subj".utf8), "cut.json")
        assertRefused(try cli.run(["import", json]), saying: "cut.json:2:31: not valid JSON: the file ends inside the string")
    }

    func testControlCharactersInIdentifyingArgumentsAreRefused() throws {
        assertRefused(try cli.run(["ticket", "new", "--customer", "x\n@y.z", "--subject", "hi"]), saying: "contains a control character (U+000A)")
        assertRefused(try cli.run(["customer", "add", "--name", "Evil\u{1B}]0;pwned\u{07}", "--email", "evil@example.com"]),
                      saying: "'Evil␛]0;pwned␇' contains a control character (U+001B)")
        // The argument parser's own refusal quotes the value: neutralised too.
        let parser = try cli.run(["ticket", "list", "--status", "\u{1B}]0;pwned\u{07}"])
        XCTAssertEqual(parser.status, 64, parser.summary)
        XCTAssertTrue(parser.stderr.contains("␛]0;pwned␇"), parser.summary)
        XCTAssertFalse(parser.stderr.unicodeScalars.contains("\u{1B}"), parser.summary)
    }

    func testDueTimesAndBasesBeyondWhatCanBeAreRefused() throws {
        let ticket = try XCTUnwrap(try cli.tickets().first)
        let number = try XCTUnwrap(ticket["number"] as? Int)
        for due in ["in 9223372036854775807m", "in 99999999999999h", "9999-12-31 10:00"] {
            assertRefused(try cli.run(["promise", "add", String(number), "--due", due, "--text", "x"], as: "sam"),
                          saying: "more than 10 years ahead")
        }
        let version = try XCTUnwrap(try cli.ticket(number)["version"] as? Int)
        assertRefused(try cli.run(["ticket", "set", String(number), "--priority", "urgent", "--base", String(version + 1)], as: "sam"),
                      saying: "version \(version + 1) does not exist yet")
    }

    func testNumbersInOtherArgumentsAreRangeCheckedToo() throws {
        for args in [["ticket", "list", "--limit=-5"], ["search", "coffee", "--limit=-5"]] {
            let result = try cli.run(args)
            XCTAssertEqual(result.status, 64, result.summary)
            XCTAssertTrue(result.stderr.contains("--limit is a number of tickets, 0 or more, not -5"), result.summary)
        }
        for args in [["report", "--since", "99999999999d"], ["report", "--from", "0001-01-01"]] {
            assertRefused(try cli.run(args), saying: "outside the years 1970 to 9999")
        }
    }
}
