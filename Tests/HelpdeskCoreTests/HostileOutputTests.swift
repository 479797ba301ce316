import CSV
import Foundation
import XCTest
@testable import HelpdeskCore

/// Customer text in reports and exports is neutralised as on the console; CSV cells cannot become
/// formulas; JSON keeps the exact text but never carries a raw bidi override or C1 control.
final class HostileOutputTests: XCTestCase {
    let hostileSubject = "Invoice \u{202E}fdp.exe \u{1B}]0;pwned\u{07} \u{9B}2J"

    func report() -> StatsReport {
        var r = StatsReport(from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 86_400), timeZone: "UTC",
                            totals: PeriodMetrics(), agents: [], tags: [], missedPromises: [], breaches: [],
                            atRiskCustomers: [], bestRated: [])
        r.breaches = [.init(ticket: 7, target: "firstReply", missedAt: Date(timeIntervalSince1970: 60), targetSeconds: 3600, owner: "sam",
                            subject: hostileSubject)]
        r.bestRated = [.init(ticket: 8, score: 5, comment: "=HYPERLINK(\"http://x\") \u{2066}ok\u{2069}",
                             ratedAt: Date(timeIntervalSince1970: 60), agent: "sam", subject: "<b>hi</b>")]
        r.atRiskCustomers = [.init(id: "c1", name: "@SUM(A1) \u{202D}Mallory", reasons: ["-1 \u{85}late"])]
        return r
    }

    func assertNeutral(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let bad = v == 0x1B || v == 0x07 || (v >= 0x80 && v <= 0x9F) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            XCTAssertFalse(bad, "raw U+\(String(v, radix: 16)) in output:\n\(text)", file: file, line: line)
        }
    }

    func testMarkdownReportNeutralisesCustomerText() {
        let md = ReportDocument.markdown(report(), localTime: LocalTime(timeZone: TimeZone(identifier: "UTC")!), agentName: { $0 ?? "" })
        assertNeutral(md)
        XCTAssertTrue(md.contains("Invoice ⟨U+202E⟩fdp.exe ␛]0;pwned␇ ⟨U+009B⟩2J"), md)
    }

    func testHTMLReportNeutralisesBidiAndEscapesMarkup() {
        let html = ReportDocument.html(report(), localTime: LocalTime(timeZone: TimeZone(identifier: "UTC")!), agentName: { $0 ?? "" })
        assertNeutral(html)
        XCTAssertTrue(html.contains("\">Invoice ⟨U+202E⟩fdp.exe ␛]0;pwned␇ ⟨U+009B⟩2J</td>"), html)
        XCTAssertTrue(html.contains("&lt;b&gt;hi&lt;/b&gt;"), html)
        XCTAssertFalse(html.contains("<b>hi"), html)
    }

    func testCSVReportNeutralisesAndGuardsFormulas() throws {
        let csv = ReportDocument.csv(report())
        assertNeutral(csv)
        XCTAssertTrue(csv.contains("at risk,'@SUM(A1) ⟨U+202D⟩Mallory,reasons,'-1 ⟨U+0085⟩late\r\n"), csv)
    }

    func testSpreadsheetCellGuardsEveryFormulaStart() {
        for start in ["=", "+", "-", "@"] {
            XCTAssertEqual(SpreadsheetCell.safe(start + "1+1"), "'" + start + "1+1")
            XCTAssertEqual(SpreadsheetCell.unguarded(SpreadsheetCell.safe(start + "1+1")), start + "1+1")
        }
        XCTAssertTrue(SpreadsheetCell.safe("\tcmd").hasPrefix("'"))
        XCTAssertTrue(SpreadsheetCell.safe("\r\n=cmd").hasPrefix("'"))
        XCTAssertEqual(SpreadsheetCell.safe("plain, text"), "plain, text")
        XCTAssertEqual(SpreadsheetCell.unguarded("'hello"), "'hello")
    }

    func testCSVExportsGuardFormulasAndNeutraliseControls() throws {
        var h = try MemoryHelpdesk.empty()
        try h.append([.customerCreated(Customer(id: "c00009", name: "=cmd|' /C calc'!A0", emails: ["m@example.com"],
                                                usualOrder: "+1 espresso \u{202E}kcalb", customerSince: MemoryHelpdesk.t0))])
        let customers = try CSVExport.customers(state: h.state)
        assertNeutral(customers)
        let reader = try CSVReader(string: customers, hasHeaderRow: true)
        let row = try XCTUnwrap(reader.next())
        XCTAssertEqual(row[1], "'=cmd|' /C calc'!A0")
        XCTAssertEqual(row[6], "'+1 espresso ⟨U+202E⟩kcalb")
    }

    func testJSONEscapingTurnsBidiAndC1IntoEscapesAndDecodesToTheExactText() throws {
        let exact = ["subject": hostileSubject + " \u{2067}x\u{2069} ☕ 🏴󠁧󠁢󠁳󠁣󠁴󠁿"]
        let raw = String(decoding: try JSONEncoder().encode(exact), as: UTF8.self)
        // Checked: JSONEncoder leaves the override and the C1 control raw, hence the post-pass.
        XCTAssertTrue(raw.unicodeScalars.contains("\u{202E}") && raw.unicodeScalars.contains("\u{9B}"), raw)
        let escaped = JSONUnicodeEscaping.escape(raw)
        assertNeutral(escaped)
        XCTAssertTrue(escaped.contains("\\u202E"), escaped)
        XCTAssertTrue(escaped.contains("\\u009B"), escaped)
        XCTAssertEqual(try JSONDecoder().decode([String: String].self, from: Data(escaped.utf8)), exact)
    }
}
