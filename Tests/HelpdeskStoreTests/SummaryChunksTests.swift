import Foundation
import XCTest
@testable import HelpdeskCore
@testable import HelpdeskStore

final class SummaryChunksTests: XCTestCase {
    private func summariesFile(_ count: Int, corruptLine: Int? = nil) throws -> (TemporaryDirectory, String) {
        let tmp = TemporaryDirectory()
        try FileManager.default.createDirectory(at: tmp.url, withIntermediateDirectories: true)
        let path = tmp.url.appendingPathComponent("tickets.jsonl").path
        var w = JSONLineWriter()
        for i in 0..<count {
            if i + 1 == corruptLine {
                w.raw("{\"number\":\"not a number\"}\n")
                continue
            }
            let t = Ticket(number: 1001 + i, subject: "Subject \(i)", requester: "c00001", createdAt: Fixture.t0,
                           firstReplyAt: Fixture.t0.addingTimeInterval(Double(i)))
            SnapshotCodec.encode(summary: t, thread: Span(offset: i * 10, length: 9), into: &w)
        }
        try Data(w.bytes).write(to: URL(fileURLWithPath: path))
        return (tmp, path)
    }

    func testChunksComeBackInFileOrderWhicheverThreadParsedThem() throws {
        let (tmp, path) = try summariesFile(400)
        defer { _ = tmp }
        let chunks = SummaryChunks(file: try MappedFile(path: path), framed: false, chunkBytes: 1_000)
        XCTAssertGreaterThan(chunks.count, 20)
        Thread { chunks.parseUnclaimed() }.start()
        var numbers: [Int] = []
        var lines = 0
        for i in 0..<chunks.count {
            let chunk = chunks.take(i)
            XCTAssertNil(chunk.failure)
            XCTAssertEqual(chunk.tickets.count, chunk.spans.count)
            numbers += chunk.tickets.map(\.number)
            lines += chunk.lines
            for (t, s) in zip(chunk.tickets, chunk.spans) { XCTAssertEqual(s.offset, (t.number - 1001) * 10) }
        }
        XCTAssertEqual(numbers, Array(1001...1400))
        XCTAssertEqual(lines, 400)
    }

    func testADamagedLineInALaterChunkIsReportedWithItsLineInTheFile() throws {
        let (tmp, path) = try summariesFile(300, corruptLine: 257)
        defer { _ = tmp }
        let chunks = SummaryChunks(file: try MappedFile(path: path), framed: false, chunkBytes: 2_000)
        var before = 0
        for i in 0..<chunks.count {
            let chunk = chunks.take(i)
            if case .corrupt(_, let line, _)? = chunk.failure {
                XCTAssertEqual(before + line, 257)
                return
            }
            before += chunk.lines
        }
        XCTFail("the damaged line was not reported")
    }

    func testTimesAreReadAsSecondsOrAsISOText() throws {
        let iso = "{\"number\":1001,\"subject\":\"s\",\"requester\":\"c00001\",\"createdAt\":\"2026-11-23T14:02:05Z\",\"solvedAt\":\"2026-11-23T15:00:00Z\",\"thread\":[0,1]}"
        let secs = "{\"number\":1001,\"subject\":\"s\",\"requester\":\"c00001\",\"createdAt\":1795442525,\"solvedAt\":1795446000,\"thread\":[0,1]}"
        var decoded: [Ticket] = []
        for text in [iso, secs] {
            var keys = SnapshotCodec.summaryKeys
            let bytes = Array(text.utf8)
            decoded.append(try bytes.withUnsafeBytes { raw in
                var s = JSONScanner(raw)
                return try SnapshotCodec.decodeSummary(&s, keys: &keys).0
            })
        }
        XCTAssertEqual(decoded[0], decoded[1])
        XCTAssertEqual(decoded[1].createdAt, ISOTime.parse("2026-11-23T14:02:05Z"))
    }

    func testStringsWithEscapedQuotesAndBackslashesScanWhole() throws {
        for text in ["\"plain\"", "\"a \\\" b\"", "\"ends in backslash \\\\\"", "\"\\\\\\\"\"", "\"\""] {
            let bytes = Array(text.utf8)
            let value = try bytes.withUnsafeBytes { raw -> String in
                var s = JSONScanner(raw)
                let v = try s.string()
                XCTAssertTrue(s.atEnd, text)
                return v
            }
            XCTAssertEqual(value, try JSONDecoder().decode(String.self, from: Data(bytes)), text)
        }
        XCTAssertThrowsError(try Array("\"unterminated \\\"".utf8).withUnsafeBytes { raw in
            var s = JSONScanner(raw)
            _ = try s.string()
        })
    }
}
