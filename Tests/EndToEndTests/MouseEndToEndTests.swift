import Foundation
import XCTest

/// The mouse through a real terminal: tmux passes the bytes a terminal sends for a click or a wheel
/// turn (X10 encoding, `ESC [ M` then button, column and row each offset by 32) to the console,
/// and ncurses decodes them because the console asked for mouse events.
final class MouseEndToEndTests: EndToEndTestCase {
    override class var sharesDemoStore: Bool { true }

    /// The bytes of one mouse report at a zero-based cell.
    func report(button: Int, x: Int, y: Int) -> String {
        "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x)))
            + String(UnicodeScalar(UInt8(33 + y)))
    }

    func click(x: Int, y: Int) throws {
        try tmux.type(report(button: 0, x: x, y: y) + report(button: 3, x: x, y: y))
    }

    func testClickSelectsClickAgainOpensAndTheWheelMoves() throws {
        let queue = try openConsole()
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "1", "the console asks the terminal for mouse reports")
        let rows = Screen.queueRows(queue)
        XCTAssertGreaterThanOrEqual(rows.count, 4, queue)
        let lines = queue.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let target = rows[2]
        let y = try XCTUnwrap(lines.firstIndex { Screen.queueRows($0) == [target] }, queue)
        try click(x: 60, y: y)
        try tmux.waitUntil("the click to select #\(target)", escapes: true) { Screen.highlightedRow($0) == target }
        try click(x: 60, y: y)
        try tmux.waitUntil("the second click to open #\(target)") {
            $0.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces).hasPrefix("#\(target)") == true
        }
        try tmux.press("q")
        try tmux.waitFor("All open")
        // Wheel down (button 65 = 64 + 1 in X10: 64 marks the wheel): three rows further.
        try tmux.type(report(button: 65, x: 60, y: y))
        try tmux.waitUntil("the wheel to move the selection to #\(rows[min(rows.count - 1, 5)])", escapes: true) {
            Screen.highlightedRow($0) == rows[min(rows.count - 1, 5)]
        }
        try quitAndExpectCleanExit()
    }

    func testMouseOffInTheConfigNeverAsksForReports() throws {
        let config = sandbox.root.appendingPathComponent("config/helpdesk")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "mouse = false\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        _ = try openConsole()
        // The terminal (tmux here) only reports the mouse to a program that asks: with the switch off
        // the console never asks, so clicks stay the terminal's (selecting text, tmux's own panes).
        XCTAssertEqual(try tmux.display("#{mouse_any_flag}"), "0", "the console asked for mouse reports")
        try quitAndExpectCleanExit()
    }
}
