import XCTest
@testable import HelpdeskTUI
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real ncurses backend with a pipe for input and a file for output, so we can see exactly
/// which bytes a frame costs and how raw input is decoded, without a terminal.
final class NcursesTerminalTests: XCTestCase {
    var outputPath = ""
    var outputFD: Int32 = -1
    var inputPipe: [Int32] = [-1, -1]
    var terminal: NcursesTerminal?

    override func setUpWithError() throws {
        outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("ncurses-\(UUID().uuidString).out").path
        outputFD = open(outputPath, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        XCTAssertGreaterThanOrEqual(outputFD, 0)
        XCTAssertEqual(pipe(&inputPipe), 0)
        // Not a tty, so ncurses takes the size from these.
        setenv("LINES", "24", 1)
        setenv("COLUMNS", "80", 1)
    }

    override func tearDown() {
        terminal?.shutdown()
        terminal = nil
        close(outputFD)
        inputPipe.forEach { close($0) }
        unlink(outputPath)
        unsetenv("LINES")
        unsetenv("COLUMNS")
    }

    func start(_ term: String = "xterm-256color", environment: [String: String] = [:]) throws -> NcursesTerminal {
        let terminal = try NcursesTerminal(terminalType: term, inputFileDescriptor: inputPipe[0],
                                           outputFileDescriptor: outputFD, locale: "C.UTF-8", environment: environment)
        self.terminal = terminal
        return terminal
    }

    /// Everything written since the last call.
    var sentSinceLastCheck: [UInt8] {
        let end = lseek(outputFD, 0, SEEK_END)
        let start = lastOffset
        lastOffset = end
        guard end > start else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(end - start))
        _ = pread(outputFD, &bytes, bytes.count, start)
        return bytes
    }
    var lastOffset: off_t = 0

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(inputPipe[1], $0.baseAddress, $0.count) }
    }

    func queueScreen(selected: Int, size: Size) -> CellBuffer {
        let theme = Theme.builtinDefault
        var buffer = CellBuffer(size: size)
        let parts = buffer.area.splitRows([.fixed(1), .fill(1), .fixed(1)])
        buffer.fill(parts[0], style: theme[.title])
        buffer.put(" Helpdesk — My open tickets (42)", at: parts[0].origin, style: theme[.title])
        let columns = [
            TableColumn("ID", minWidth: 5, priority: 90, alignment: .right),
            TableColumn("Status", minWidth: 8, priority: 70),
            TableColumn("Subject", minWidth: 20, idealWidth: 30, priority: 100, flexible: true),
            TableColumn("Customer", minWidth: 12, idealWidth: 16, priority: 50),
        ]
        let table = TableWidget(columns: columns, styles: TableStyles(theme: theme))
        var state = ListState(count: 21, selected: selected)
        table.render(rowCount: 21, row: { index in
            TableRow([TableCell("\(1000 + index)"), TableCell("open", style: theme[.statusOpen]),
                      TableCell(index == 3 ? "退款申请：订单没有到" : "Cannot log in after update #\(index)"),
                      TableCell("Customer \(index)")])
        }, in: parts[1], buffer: &buffer, state: &state)
        buffer.fill(parts[2], style: theme[.statusLine])
        buffer.put(" j/k move  Enter open  ? help", at: parts[2].origin, style: theme[.statusLine])
        return buffer
    }

    func testFullRepaintStaysWithinTwoKilobytes() throws {
        let terminal = try start()
        XCTAssertEqual(terminal.size, Size(width: 80, height: 24))
        XCTAssertEqual(terminal.capabilities, TerminalCapabilities(colors: .palette256, unicode: true))
        _ = sentSinceLastCheck  // start-up sequences
        terminal.draw(queueScreen(selected: 0, size: terminal.size))
        let full = sentSinceLastCheck
        XCTAssertGreaterThan(full.count, 500)
        XCTAssertLessThanOrEqual(full.count, 2048, "full 80x24 repaint")
        terminal.draw(queueScreen(selected: 0, size: terminal.size))
        XCTAssertEqual(sentSinceLastCheck.count, 0, "an identical frame sends nothing")
    }

    func testInvalidateRepaintsEverythingForCtrlL() throws {
        let terminal = try start()
        terminal.draw(queueScreen(selected: 0, size: terminal.size))
        _ = sentSinceLastCheck
        terminal.draw(queueScreen(selected: 0, size: terminal.size))
        XCTAssertEqual(sentSinceLastCheck.count, 0)
        terminal.invalidate()
        terminal.draw(queueScreen(selected: 0, size: terminal.size))
        let repaint = String(decoding: sentSinceLastCheck, as: UTF8.self)
        XCTAssertGreaterThan(repaint.utf8.count, 500, "a garbled screen is repainted in full")
        XCTAssertTrue(repaint.contains("\u{1B}[H\u{1B}[2J") || repaint.contains("\u{1B}[2J"), "the screen is cleared first")
        XCTAssertTrue(repaint.contains("Helpdesk") && repaint.contains("help"), "title and status line come back")
    }

    func testMovingTheSelectionSendsOnlyTheTwoRowsThatChanged() throws {
        let terminal = try start()
        terminal.draw(queueScreen(selected: 0, size: terminal.size))
        _ = sentSinceLastCheck
        terminal.draw(queueScreen(selected: 1, size: terminal.size))
        let move = String(decoding: sentSinceLastCheck, as: UTF8.self)
        // Both rows are ~75 characters of text here, and a style change means resending the text:
        // about 100 bytes per row. Nothing else on the screen is touched.
        XCTAssertLessThanOrEqual(move.utf8.count, 230, move.debugDescription)
        XCTAssertFalse(move.contains("Helpdesk"), "title not repainted")
        XCTAssertFalse(move.contains("#2"), "other rows not repainted")
        XCTAssertFalse(move.contains("help"), "status line not repainted")
    }

    func testMovingTheSelectionOverShortRowsFitsIn150Bytes() throws {
        let terminal = try start()
        func frame(_ selected: Int) -> CellBuffer {
            var buffer = CellBuffer(size: terminal.size)
            let table = TableWidget(columns: [TableColumn("ID", minWidth: 5, alignment: .right),
                                              TableColumn("Subject", minWidth: 20, idealWidth: 36, flexible: true)],
                                    styles: TableStyles(theme: .builtinDefault))
            var state = ListState(count: 20, selected: selected)
            table.render(rowCount: 20, row: { TableRow([TableCell("\($0 + 1)"), TableCell("Printer on fire, again \($0)")]) },
                         in: buffer.area, buffer: &buffer, state: &state)
            return buffer
        }
        terminal.draw(frame(4))
        _ = sentSinceLastCheck
        terminal.draw(frame(5))
        let move = sentSinceLastCheck
        XCTAssertLessThanOrEqual(move.count, 150, String(decoding: move, as: UTF8.self).debugDescription)
    }

    func testHostileTextNeverReachesTheTerminalRaw() throws {
        let terminal = try start()
        var buffer = CellBuffer(size: terminal.size)
        buffer.put("\u{1B}]52;c;cm0gLXJm\u{07}\u{1B}]0;pwned\u{07}\u{9B}2J\u{202E}", at: Point(x: 0, y: 5))
        _ = sentSinceLastCheck
        terminal.draw(buffer)
        let text = String(decoding: sentSinceLastCheck, as: UTF8.self)
        XCTAssertTrue(text.contains("␛]52;c;cm0gLXJm␇"))
        XCTAssertFalse(text.contains("\u{1B}]"), "no OSC")
        XCTAssertFalse(text.contains("\u{07}"), "no BEL")
        XCTAssertFalse(text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x202E })
    }

    func testKeysAreDecoded() throws {
        let terminal = try start()
        send("j")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.char("j")))
        send("\r")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.enter))
        send("\u{03}")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.ctrl("c")), "Ctrl-C is a key, not a signal")
        send("\u{1B}OA")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.up))
        send("\u{1B}[6~")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.pageDown))
        send("\u{1B}[Z")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.backTab))
        send("\u{1B}")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.escape))
        send("\u{1B}x")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.alt("x")))
        send("é退")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.char("é")))
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.char("退")))
        XCTAssertNil(terminal.readEvent(timeout: 10))
    }

    func testBracketedPasteOfFiveThousandLinesIsOneFastEvent() throws {
        let terminal = try start()
        let lines = (1...5000).map { "line \($0): the quick brown fox jumps over the lazy dog 退款" }
        let payload = "\u{1B}[200~" + lines.joined(separator: "\r") + "\u{1B}[201~k"
        let writer = Thread { [inputPipe] in
            let bytes = Array(payload.utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { write(inputPipe[1], $0.baseAddress, $0.count) }
                if n <= 0 { break }
                sent += n
            }
        }
        writer.start()
        let started = Date()
        let event = terminal.readEvent(timeout: 2000)
        let elapsed = Date().timeIntervalSince(started)
        guard case .paste(let text)? = event else { return XCTFail("expected a paste, got \(String(describing: event))") }
        XCTAssertEqual(text, lines.joined(separator: "\n"))
        XCTAssertLessThan(elapsed, 1.0, "paste took \(elapsed)s")
        XCTAssertEqual(terminal.readEvent(timeout: 500), .key(.char("k")), "keys after the paste still arrive")
    }

    func testColourCapabilitiesFollowTermAndNoColor() throws {
        XCTAssertEqual(try start("xterm").capabilities.colors, .ansi8)
        terminal?.shutdown()
        XCTAssertEqual(try start("vt100").capabilities.colors, .monochrome)
        terminal?.shutdown()
        XCTAssertEqual(try start("xterm-256color", environment: ["NO_COLOR": "1"]).capabilities.colors, .monochrome)
        terminal?.shutdown()
        XCTAssertThrowsError(try start("no-such-terminal")) { error in
            XCTAssertTrue("\(error)".contains("unknown terminal type 'no-such-terminal'"))
        }
    }

    func testMonochromeSelectionIsReverseVideo() throws {
        let terminal = try start("vt100")
        _ = sentSinceLastCheck
        terminal.draw(queueScreen(selected: 0, size: terminal.size))
        let text = String(decoding: sentSinceLastCheck, as: UTF8.self)
        XCTAssertTrue(text.contains("\u{1B}[7m") || text.contains(";7m"), "reverse video used")
        let sgr = try NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
        for match in sgr.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let parameters = (text as NSString).substring(with: match.range(at: 1)).split(separator: ";").compactMap { Int($0) }
            XCTAssertFalse(parameters.contains { (30...49).contains($0) || (90...107).contains($0) }, "colour on vt100")
        }
    }

    func testPasteModeIsSwitchedOffForTheEditorAndOnAgain() throws {
        let terminal = try start()
        XCTAssertTrue(String(decoding: sentSinceLastCheck, as: UTF8.self).contains("\u{1B}[?2004h"))
        terminal.draw(queueScreen(selected: 0, size: terminal.size))
        terminal.suspend()
        XCTAssertTrue(String(decoding: sentSinceLastCheck, as: UTF8.self).contains("\u{1B}[?2004l"))
        terminal.resume()
        terminal.draw(queueScreen(selected: 0, size: terminal.size))
        let after = String(decoding: sentSinceLastCheck, as: UTF8.self)
        XCTAssertTrue(after.contains("\u{1B}[?2004h"))
        XCTAssertTrue(after.contains("Cannot log in"), "everything is repainted after resume")
        terminal.shutdown()
        terminal.shutdown()  // idempotent
        XCTAssertTrue(String(decoding: sentSinceLastCheck, as: UTF8.self).contains("\u{1B}[?2004l"))
    }
}
