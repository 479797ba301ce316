import XCTest
@testable import HelpdeskTUI
#if canImport(Glibc)
import Glibc
#endif

final class MemoryTerminalTests: XCTestCase {
    func testKeepsFramesAndScriptedInput() {
        let terminal = MemoryTerminal(size: Size(width: 20, height: 3))
        var buffer = CellBuffer(size: terminal.size)
        buffer.put("Queue", at: Point(x: 0, y: 0))
        terminal.draw(buffer)
        XCTAssertEqual(terminal.frameCount, 1)
        XCTAssertEqual(terminal.screenLines[0].trimmingCharacters(in: .whitespaces), "Queue")

        terminal.feed(keyNames: "j", "C-d", "Enter")
        terminal.feed(text: "hi")
        XCTAssertEqual(terminal.readEvent(timeout: 0), .key(.char("j")))
        XCTAssertEqual(terminal.readEvent(timeout: 0), .key(.ctrl("d")))
        XCTAssertEqual(terminal.readEvent(timeout: 0), .key(.enter))
        XCTAssertEqual(terminal.readEvent(timeout: 0), .key(.char("h")))
        XCTAssertEqual(terminal.readEvent(timeout: 0), .key(.char("i")))
        XCTAssertNil(terminal.readEvent(timeout: 0))
    }

    func testResizeQueuesAnEvent() {
        let terminal = MemoryTerminal()
        terminal.resize(to: Size(width: 60, height: 20))
        XCTAssertEqual(terminal.size, Size(width: 60, height: 20))
        XCTAssertEqual(terminal.readEvent(timeout: 0), .resize(Size(width: 60, height: 20)))
    }

    func testInputDescriptorBecomesReadableWhenEventsAreQueued() {
        let terminal = MemoryTerminal()
        var descriptor = pollfd(fd: terminal.inputFileDescriptor, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&descriptor, 1, 0), 0)
        terminal.feed(paste: "pasted")
        XCTAssertEqual(poll(&descriptor, 1, 0), 1)
        XCTAssertEqual(terminal.readEvent(timeout: 0), .paste("pasted"))
        descriptor.revents = 0
        XCTAssertEqual(poll(&descriptor, 1, 0), 0)
    }
}
