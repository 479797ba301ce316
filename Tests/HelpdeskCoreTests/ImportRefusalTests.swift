import Foundation
import XCTest
@testable import HelpdeskCore

/// Every refusal of an import file names the file and the line (and the column where there is one),
/// in words: never a Swift error's description, never the file's escape sequences as they are.
final class ImportRefusalTests: XCTestCase {
    func malformed(_ text: String, file: String = "export.json", format: ExchangeFileFormat = .json,
                   line: UInt = #line) throws -> String {
        let h = try MemoryHelpdesk.sample()
        do {
            _ = try h.plan(text, file: file, format: format)
            XCTFail("accepted", line: line)
        } catch let e as ImportError {
            return e.description
        }
        return ""
    }

    func testInvalidUTF8NamesTheLineAndColumnOfTheFirstBadByte() throws {
        let bytes = Array("subject,customer_email\nfine,a@example.com\nCaf".utf8) + [0xE9] + Array(",b@example.com\n".utf8)
        XCTAssertThrowsError(try ImportText.decode(bytes, fileName: "orders.csv")) { error in
            XCTAssertTrue("\(error)".hasPrefix("orders.csv:3:4: not UTF-8 text (0xE9 at byte 46"), "\(error)")
        }
        // A sequence cut off by the end of the file; an overlong encoding; a surrogate.
        let cases: [([UInt8], String)] = [([0x61, 0x0A, 0x62, 0xE2, 0x82], "2:2"), ([0xC0, 0xAF], "1:1"), ([0x41, 0xED, 0xA0, 0x80], "1:2")]
        for (bytes, at) in cases {
            XCTAssertThrowsError(try ImportText.decode(bytes, fileName: "x.csv")) { error in
                XCTAssertTrue("\(error)".hasPrefix("x.csv:\(at): not UTF-8"), "\(error)")
            }
        }
        XCTAssertEqual(try ImportText.decode(Array("é☕👍\n".utf8), fileName: "x.csv"), "é☕👍\n")
    }

    func testTruncatedAndBrokenJSONNameLineAndColumn() throws {
        let doc = """
        {"format": 1,
         "customers": [{"id": "x1", "name": "X", "emails": ["x@example.com"]}],
         "tickets": [
          {"number": 2001, "subject": "cut off here
        """
        XCTAssertEqual(try malformed(doc),
                       "export.json:4:31: not valid JSON: the file ends inside the string that starts here (is it cut off?)")
        XCTAssertEqual(try malformed(#"{"format": 1, "tickets": [{"number": 1"#),
                       "export.json:1:39: not valid JSON: the file ends before the object opened at line 1, column 27 is closed (is it cut off?)")
        XCTAssertEqual(try malformed("{\"format\": 1,\n \"tickets\": [\n  {\"number\": 1 \"subject\": \"x\"}\n]}"),
                       "export.json:3:16: not valid JSON: expected ',' or '}', found '\"'")
        XCTAssertEqual(try malformed(#"{"format": 99999999999999999999999}"#),
                       "export.json:1:12: not valid JSON: the number 99999999999999999999999 is too large")
        XCTAssertEqual(try malformed(#"{"format": 1, "tickets": [{"number": 1.5}]}"#),
                       "export.json:1:38: not valid JSON: 1.5 is not a whole number (every number here is one, written without '.' or 'e')")
        XCTAssertEqual(try malformed(#"{"format": 1, "tickets": [{"number": 1e400}]}"#),
                       "export.json:1:38: not valid JSON: 1e400 is not a whole number (every number here is one, written without '.' or 'e')")
        XCTAssertEqual(try malformed(String(repeating: "[", count: 100_000)),
                       "export.json:1:65: not valid JSON: nested more than 64 levels deep")
        XCTAssertEqual(try malformed(""), "export.json:1:1: not valid JSON: the file holds no JSON value")
        XCTAssertEqual(try malformed(#"{"format": 1} trailing"#), "export.json:1:15: not valid JSON: unexpected 't' after the end of the document")
        XCTAssertEqual(try malformed("{\"format\": 1, \"x\": \"tab\there\"}"),
                       "export.json:1:24: not valid JSON: a control character (U+0009) inside a string; write it as an escape (\\n, \\t, \\u00XX)")
        XCTAssertEqual(try malformed(#"{"format": 1, "x": "\ud800"}"#), "export.json:1:21: not valid JSON: a high surrogate (\\ud800) without its low half")
    }

    func testWrongTypesAreWordsNotSwiftErrors() throws {
        let h = try MemoryHelpdesk.sample()
        let doc = #"{"format": 1, "customers": [{"id": "x1", "name": 5}], "tickets": [{"number": "1", "subject": "s", "customer": "x1"}]}"#
        let problems = h.problems(doc, file: "export.json", format: .json)
        XCTAssertEqual(problems, ["export.json:1: name should be a string", "export.json:1: number should be a whole number"])
        XCTAssertTrue(try malformed(#"{"format": "one"}"#).contains("format should be a whole number"))
        for p in problems + [try malformed(#"[1]"#)] {
            for raw in ["DecodingError", "Swift.", "codingPath", "numberIsNotRepresentable", "Context("] {
                XCTAssertFalse(p.contains(raw), p)
            }
        }
        XCTAssertEqual(DecodingProblem.foundationError(FakeJSONError.numberIsNotRepresentableInSwift(parsed: "1e400")),
                       "the number 1e400 is not a whole number this field can hold")
        XCTAssertEqual(DecodingProblem.foundationError(FakeJSONError.unexpectedCharacter(ascii: 44, characterIndex: 5)),
                       "unexpected character at byte 6")
    }

    func testACSVWithADuplicateHeaderIsRefused() throws {
        XCTAssertEqual(try malformed("subject,customer_email,email\nHi,a@example.com,b@example.com\n", file: "orders.csv", format: .csv),
                       "orders.csv:1: columns 2 ('customer_email') and 3 ('email') are both customer_email; keep one of them")
        XCTAssertEqual(try malformed("\nsubject,customer_email,Subject\nHi,a@example.com,Other\n", file: "orders.csv", format: .csv),
                       "orders.csv:2: columns 1 ('subject') and 3 ('Subject') are both subject; keep one of them")
    }

    func testACSVRowWithExtraFieldsIsRefused() throws {
        let h = try MemoryHelpdesk.sample()
        XCTAssertEqual(h.problems("subject,customer_email\nDana, Okafor,dana@example.com\nFine,b@example.com\n"),
                       ["orders.csv:2: 3 fields, but the header row has 2 columns (is a comma inside a field missing its quotes?)"])
        // Fewer fields are empty ones (spreadsheets drop trailing empty cells).
        XCTAssertNoThrow(try h.plan("subject,customer_email,priority\nShort,c@example.com\n"))
    }

    func testEscapeSequencesInAFileAreShownNotSent() throws {
        let h = try MemoryHelpdesk.sample()
        let osc52 = "\u{1B}]52;c;SGVsbG8=\u{07}", osc0 = "\u{1B}]0;pwned\u{07}"
        let csv = "subject,customer_email,priority\nHi,evil\(osc52)@example.com,\(osc0)high\n"
        XCTAssertThrowsError(try h.plan(csv)) { error in
            let text = "\(error)"
            XCTAssertFalse(text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" }, text.debugDescription)
            XCTAssertTrue(text.contains("␛]52;c;SGVsbG8=␇"), text)
            XCTAssertTrue(text.contains("␛]0;pwned␇high"), text)
            XCTAssertTrue(Sanitizer.isSafe(text, options: .multiLine), text.debugDescription)
        }
        let json = #"{"format":1,"customers":[{"id":"x\u001b]0;t\u0007","name":"N","emails":["a\u001b]52;c;x\u0007@b.example"]}],"tickets":[]}"#
        let problems = h.problems(json, file: "e\u{1B}[2J.json", format: .json)
        XCTAssertFalse(problems.isEmpty)
        for p in problems { XCTAssertTrue(Sanitizer.isSafe(p), p.debugDescription) }
    }
}

/// Stands in for Foundation's internal JSON error enum, whose description is what leaks.
private enum FakeJSONError: Error {
    case numberIsNotRepresentableInSwift(parsed: String)
    case unexpectedCharacter(ascii: UInt8, characterIndex: Int)
}
