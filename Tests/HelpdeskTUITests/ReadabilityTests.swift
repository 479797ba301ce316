import Foundation
import XCTest
import HelpdeskCore
import HelpdeskStore
@testable import HelpdeskTUI

/// Issue 15, reading the queue and tickets: the selection bar, focus, truncation, ticket numbers,
/// `r` on the queue, key remapping, thread search, `]`/`[`, pickers and Ctrl-L.
final class ReadabilityTests: XCTestCase {
    func row(_ f: ConsoleFixture, containing text: String) throws -> Int {
        try XCTUnwrap(f.terminal.screenLines.firstIndex { $0.contains(text) }, f.screen)
    }

    func style(_ f: ConsoleFixture, x: Int, y: Int) -> Style? {
        f.terminal.lastBuffer.cell(at: Point(x: x, y: y))?.style
    }

    // MARK: Selection and focus

    func testTheWholeSelectedRowIsHighlighted() throws {
        let f = try ConsoleFixture()
        f.press("3")
        let selection = f.console.theme[.selection]
        let y = try row(f, containing: "Grinder squeaks")
        XCTAssertEqual(f.console.queue.selectedTicketNumber, 1001, "the high-priority ticket is first")
        // From the table's first column to the right edge, every cell is in the bar: priority and
        // status cells too (they used to keep their own colours).
        let tableX = 25
        let xs = Array(tableX..<f.terminal.size.width)
        XCTAssertTrue(xs.allSatisfy { style(f, x: $0, y: y) == selection },
                      "cells off the bar: \(xs.filter { style(f, x: $0, y: y) != selection })")
        let other = try row(f, containing: "Subscription pause")
        XCTAssertFalse(xs.contains { style(f, x: $0, y: other) == selection }, "only the selected row has the bar")
    }

    func testFocusedPaneHeaderAndBorderChange() throws {
        let f = try ConsoleFixture()
        f.draw()
        let header = try row(f, containing: "Customer")
        let tableHeaderStyle = style(f, x: 30, y: header)
        XCTAssertEqual(tableHeaderStyle, f.console.theme[.tableHeader])
        XCTAssertTrue(f.screen.contains(" Views"))
        f.press("Tab")
        XCTAssertTrue(f.screen.contains("▸Views"), "the focused sidebar's title is marked:\n\(f.screen)")
        XCTAssertEqual(style(f, x: 30, y: header), f.console.theme[.textDim], "the table's header dims when it loses focus")
        let border = f.terminal.screenLines[header].firstIndex(of: "│").map { f.terminal.screenLines[header].distance(from: f.terminal.screenLines[header].startIndex, to: $0) }
        let bx = try XCTUnwrap(border)
        XCTAssertEqual(style(f, x: bx, y: header), f.console.theme[.borderFocused])
        f.press("Tab")
        XCTAssertEqual(style(f, x: bx, y: header), f.console.theme[.border])
    }

    func testTabNeverFocusesTheHiddenSidebar() throws {
        let f = try ConsoleFixture(size: Size(width: 60, height: 20))
        f.press("3")
        XCTAssertFalse(f.screen.contains("Views"), "no sidebar at 60 columns:\n\(f.screen)")
        f.press("Tab")
        XCTAssertTrue(f.screen.contains("hidden at this width"), f.screen)
        let messageLine = try XCTUnwrap(f.terminal.screenLines.first { $0.contains("hidden at this width") })
        XCTAssertTrue(messageLine.trimmingCharacters(in: .whitespaces).hasSuffix("…"), "a message cut to fit ends in …:\n\(messageLine)")
        let before = f.console.queue.selectedTicketNumber
        f.press("j")
        XCTAssertNotEqual(f.console.queue.selectedTicketNumber, before, "j still moves in the table, not in a hidden pane")
        XCTAssertEqual(f.console.queue.views[f.console.queue.viewIndex].id, "open", "the view did not change behind the user's back")
    }

    func testWithoutColourAnAlarmCellNeverLooksLikeTheSelection() throws {
        let loader = ThemeLoader()
        for name in ["default", "light", "high-contrast", "monochrome"] {
            let theme = try loader.load(nameOrPath: name)
            let selection = theme[.selection].degraded(to: .monochrome)
            let alarm = theme[.slaBreached].degraded(to: .monochrome)
            XCTAssertNotEqual(selection, alarm, name)
            XCTAssertFalse(alarm.attributes.contains(.reverse), "\(name): reverse is the selection's, not an alarm's")
            XCTAssertTrue(selection.attributes.contains(.reverse), name)
            XCTAssertNotEqual(theme[.borderFocused].degraded(to: .monochrome), theme[.border].degraded(to: .monochrome),
                              "\(name): the focused border shows without colour")
            // The chosen view in an unfocused sidebar is not the focused table's bar, in colour or not.
            XCTAssertNotEqual(theme[.sidebarSelected], theme[.selection], name)
            XCTAssertNotEqual(theme[.sidebarSelected].degraded(to: .monochrome), selection, name)
        }
    }

    // MARK: Truncation

    func testWordTruncationNeverCutsAWordOrANumber() {
        XCTAssertEqual(Truncation.words("Solved today", toWidth: 10), "Solved…")
        XCTAssertEqual(Truncation.words("Solved today", toWidth: 12), "Solved today")
        XCTAssertEqual(Truncation.words("promise overdue on #1042 now", toWidth: 22), "promise overdue on…")
        XCTAssertEqual(Truncation.words("#1042", toWidth: 3), "", "a number is dropped, never cut")
        XCTAssertEqual(Truncation.words("Unassigned", toWidth: 6), "Unass…")
        let fitted = Truncation.fit([Truncation.Item(text: "Sam Carter", priority: 30),
                                     Truncation.Item(text: "Test Café", priority: 20),
                                     Truncation.Item(text: "All open", priority: 100, cuttable: true),
                                     Truncation.Item(text: "unassigned 60141", priority: 70)], width: 30)
        XCTAssertEqual(fitted, ["All open", "unassigned 60141"], "the company and name go first, the count stays whole")
        let tight = Truncation.fit([Truncation.Item(text: "All open", priority: 100, cuttable: true),
                                    Truncation.Item(text: "unassigned 60141", priority: 70)], width: 14)
        XCTAssertEqual(tight, ["All open"], "a count that does not fit whole is dropped, not cut to 'unassigned 60'")
    }

    func testStatusLineGivesUpStoreAndCompanyBeforeViewAndCounts() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 30))
        f.press("3")
        let wide = f.terminal.screenLines[28]
        XCTAssertTrue(wide.contains("Test Café") && wide.contains("unassigned 2"), wide)
        let g = try ConsoleFixture(size: Size(width: 44, height: 20))
        g.press("3")
        let narrow = g.terminal.screenLines[18]
        XCTAssertTrue(narrow.contains("All open"), narrow)
        XCTAssertTrue(narrow.contains("mine 1"), narrow)
        XCTAssertTrue(narrow.contains("unassigned 2"), narrow)
        XCTAssertFalse(narrow.contains("Test Café"), "the company name goes first:\n\(narrow)")
        XCTAssertFalse(narrow.contains("hd-tui"), "and the store path:\n\(narrow)")
    }

    func testSidebarNamesAreNotCutMidWord() throws {
        // 72 columns: the narrowest sidebar (18) is too short for "7 Solved today 0".
        let f = try ConsoleFixture(size: Size(width: 80, height: 24))
        f.draw()
        let lines = f.terminal.screenLines
        XCTAssertFalse(lines.contains { $0.contains("Solved toda ") || $0.contains("Solved tod ") }, f.screen)
        let solved = try XCTUnwrap(lines.first { $0.contains(" 7 Solved") }, f.screen)
        XCTAssertTrue(solved.contains("Solved today") || solved.contains("Solved…"), solved)
    }

    func testTicketNumbersShowWithAHashAndAreNeverCut() throws {
        let f = try ConsoleFixture()
        f.press("3")
        XCTAssertTrue(f.terminal.screenLines.contains { $0.contains("#1001 ") && $0.contains("Grinder squeaks") }, f.screen)
        let widths = TableWidget.layout(TicketRowPresenter.columns(maxNumber: 1_000_000), width: 60)
        XCTAssertEqual(widths[0], 8, "#1000000 fits whole even at 60 columns")
    }

    func testDueCountdownFitsItsColumnWhole() {
        let cases: [TimeInterval] = [-871_200, 34_560_000, -432_000_000, 43_200, -2_520, .infinity]
        for remaining in cases {
            let text = TicketRowPresenter.dueText(remaining: remaining, countdown: Durations.short(remaining.isFinite ? remaining : 0), paused: true)
            XCTAssertLessThanOrEqual(TextWidth.width(of: text), 6, "\(remaining) → \(text)")
            XCTAssertFalse(text.contains("…"))
        }
        XCTAssertEqual(TicketRowPresenter.dueText(remaining: -878_400, countdown: "-10d4h", paused: true), "‖-10d")
    }

    func testStatsTilesScrollWithAnIndicatorAt80x24() throws {
        let f = try ConsoleFixture(size: Size(width: 80, height: 12))
        f.press("$")
        let top = f.terminal.screenLines[0]
        XCTAssertTrue(top.contains("tiles 1–") && top.contains("↓"), "the title says tiles are below:\n\(f.screen)")
        for _ in 0..<40 { f.press("j") }
        XCTAssertTrue(f.terminal.screenLines[0].contains("↑"), f.screen)
    }

    // MARK: Keys

    func testRReplyFromTheQueueAndARemapWorksDespiteABadBinding() throws {
        let f = try ConsoleFixture()
        f.press("3", "r")
        XCTAssertTrue(f.console.topScreen is ComposeScreen, "r on the queue replies to the selected ticket")
        let config = try ConsoleConfig.parse("""
            [keys.queue]
            R = "reply"
            x = "no-such-command"
            "C-q" = "claim"
            [keys.nowhere]
            y = "claim"
            """, file: "config.toml")
        var map = DefaultBindings.keyMap
        let problems = config.apply(to: &map)
        XCTAssertEqual(problems.count, 2, "\(problems)")
        XCTAssertEqual(map.binding(for: .char("R"), on: "queue")?.command.name, "reply")
        XCTAssertEqual(map.binding(for: .ctrl("q"), on: "queue")?.command.name, "claim", "the good bindings are kept")
        XCTAssertNil(map.binding(for: .char("x"), on: "queue"))
    }

    func testPickersMoveWithJKUntilAFilterIsTyped() {
        var picker = PickerWidget(title: "Status", items: ["open", "pending", "jammed", "solved"].map { PickerItem($0) })
        _ = picker.handle(.char("j"))
        XCTAssertEqual(picker.selectedItemIndex, 1)
        _ = picker.handle(.ctrl("n"))
        XCTAssertEqual(picker.selectedItemIndex, 2)
        _ = picker.handle(.char("k"))
        XCTAssertEqual(picker.selectedItemIndex, 1)
        _ = picker.handle(.char("s"))
        _ = picker.handle(.char("j"))
        XCTAssertEqual(picker.filter.text, "sj", "once filtering, j is a letter")
    }

    func testCtrlLAsksTheTerminalToForgetTheScreen() throws {
        let f = try ConsoleFixture()
        f.draw()
        f.press("C-l")
        XCTAssertEqual(f.terminal.invalidateCount, 1)
    }

    // MARK: Thread search and neighbours

    static func longThread(_ store: FileStore) throws {
        try ConsoleFixture.standard(store)
        let t0 = ConsoleFixture.clockValue
        for i in 0..<30 {
            let body = i % 10 == 0 ? "paragraph \(i) about the grinder" : "paragraph \(i) about nothing much"
            try store.append([.messageAdded(number: 1001, message: Message(kind: i % 2 == 0 ? .customer : .reply,
                                                                       author: i % 2 == 0 ? "c00001" : "sam",
                                                                       body: body, at: t0.addingTimeInterval(Double(i))))])
        }
    }

    func testThreadSearchStartsEmptyHighlightsEveryMatchAndCounts() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 40), populate: ReadabilityTests.longThread)
        f.press("3", "Enter")
        XCTAssertTrue(f.screen.contains("lines ") && f.screen.contains("End"), "the thread shows where it is:\n\(f.screen)")
        // The search starts from where the reader is: from the top here.
        f.press("g", "/")
        f.type("grinder")
        f.press("Enter")
        // "My grinder squeaks loudly." plus paragraphs 0, 10 and 20.
        XCTAssertEqual(f.console.message?.text.contains("1 of 4"), true, f.console.message?.text ?? "")
        XCTAssertTrue(f.screen.contains("'grinder' 1 of 4"), f.screen)
        f.press("n")
        XCTAssertEqual(f.console.message?.text.contains("2 of 4"), true, f.console.message?.text ?? "")
        f.press("N", "N")
        XCTAssertEqual(f.console.message?.text.contains("4 of 4"), true, "N wraps backwards: \(f.console.message?.text ?? "")")
        // Every visible match is painted: the match style, and the current one in the selection style.
        let match = f.console.theme[.searchMatch], current = f.console.theme[.selection]
        var painted = 0, currentCells = 0
        for y in 0..<f.terminal.size.height {
            let line = f.terminal.screenLines[y]
            guard let r = line.range(of: "grinder") else { continue }
            let x = TextWidth.width(of: String(line[..<r.lowerBound]))
            let st = style(f, x: x, y: y)
            if st == match { painted += 1 }
            if st == current { currentCells += 1 }
        }
        XCTAssertEqual(currentCells, 1, f.screen)
        // Scrolled to the top, the first match and the other visible ones are painted too.
        f.press("g")
        painted = 0
        for y in 0..<f.terminal.size.height {
            let line = f.terminal.screenLines[y]
            guard let r = line.range(of: "grinder") else { continue }
            if style(f, x: TextWidth.width(of: String(line[..<r.lowerBound])), y: y) == match { painted += 1 }
        }
        XCTAssertGreaterThanOrEqual(painted, 2, f.screen)
        // A new search starts empty.
        f.press("/")
        XCTAssertFalse(f.terminal.screenLines.last { $0.hasPrefix("/") }?.contains("grinder") ?? true, f.screen)
        f.press("Esc")
    }

    func testBracketsOpenTheNextAndPreviousTicketOfTheView() throws {
        let f = try ConsoleFixture()
        f.press("3")
        let rows = f.console.queue.rows
        XCTAssertEqual(rows.count, 3)
        f.press("Enter")
        XCTAssertEqual((f.console.topScreen as? TicketScreen)?.number, rows[0])
        f.press("]")
        XCTAssertEqual((f.console.topScreen as? TicketScreen)?.number, rows[1])
        XCTAssertEqual(f.console.screens.count, 2, "in place of the ticket, not on top of it")
        f.press("[", "[")
        XCTAssertEqual((f.console.topScreen as? TicketScreen)?.number, rows[0])
        XCTAssertTrue(f.console.message?.text.contains("first ticket") == true)
        f.press("]", "q")
        XCTAssertEqual(f.console.queue.selectedTicketNumber, rows[1], "the queue followed")
    }

    // MARK: Help

    func helpLines(_ f: ConsoleFixture) -> [String] { f.terminal.screenLines }

    func testHelpHasSectionsWithThisScreensKeysFirstViewNamesAndALegend() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 200))
        f.press("?")
        let lines = f.terminal.screenLines
        let moving = try XCTUnwrap(lines.firstIndex { $0.contains("Moving — this screen") }, f.screen)
        let working = try XCTUnwrap(lines.firstIndex { $0.contains("Working a ticket — this screen") }, f.screen)
        let views = try XCTUnwrap(lines.firstIndex { $0.contains("Views and finding — this screen") }, f.screen)
        let bulk = try XCTUnwrap(lines.firstIndex { $0.contains("Bulk (marked tickets) — this screen") }, f.screen)
        let everywhere = try XCTUnwrap(lines.firstIndex { $0.contains("Everywhere") }, f.screen)
        XCTAssertTrue(moving < everywhere && working < everywhere && views < everywhere && bulk < everywhere)
        XCTAssertTrue(lines.contains { $0.hasPrefix(" 1 ") && $0.contains("My open") }, "view keys say the view:\n\(f.screen)")
        XCTAssertFalse(lines.contains { $0.contains("View 1") }, f.screen)
        let legend = try XCTUnwrap(lines.firstIndex { $0.contains("Symbols and colours") }, f.screen)
        for symbol in ["‖", "★", "◉", "✎", "✍", "●", "URG!", "⚑"] {
            XCTAssertTrue(lines[legend...].contains { $0.contains(symbol) }, "legend lacks \(symbol)")
        }
        XCTAssertTrue(lines[legend...].contains { $0.contains("breached") }, "the Due colours are explained")
        // Only the commands that apply: the templates screen's own commands are not listed on the queue.
        XCTAssertFalse(lines.contains { $0.contains(":rename-template") }, f.screen)
        XCTAssertTrue(lines.contains { $0.contains(":help query") }, f.screen)
    }

    func testHelpFiltersWithSlash() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 60))
        f.press("?", "/")
        f.type("claim")
        let lines = f.terminal.screenLines
        XCTAssertTrue(lines.contains { $0.contains("Claim") }, f.screen)
        XCTAssertFalse(lines.contains { $0.contains("Move down") }, f.screen)
        f.press("Esc")
        XCTAssertTrue(f.terminal.screenLines.contains { $0.contains("Move down") }, "Esc clears the filter")
    }

    func testHelpQueryShowsTheLanguageWithExamples() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 40))
        f.press(":")
        f.type("help query")
        f.press("Enter")
        XCTAssertTrue(f.screen.contains("query language"), f.screen)
        XCTAssertTrue(f.screen.contains("status:open,pending") && f.screen.contains("Examples") && f.screen.contains("sort:due"), f.screen)
    }

    func testComposeHelpListsEditingKeysAndTemplatesHelpThePlaceholders() throws {
        let f = try ConsoleFixture(size: Size(width: 100, height: 120))
        f.press("3", "Enter", "r", "F1")
        XCTAssertTrue(f.console.topScreen is HelpScreen, "F1 from the reply editor opens help without typing")
        XCTAssertTrue(f.screen.contains("Editing the text") && f.screen.contains("Undo") && f.screen.contains("Word left"), f.screen)
        let g = try ConsoleFixture(size: Size(width: 100, height: 120)) { store in
            try ConsoleFixture.standard(store)
            try store.append([.templateSaved(Template(name: "hello", body: "Hi {{customer.greeting}}"))])
        }
        g.press("F2")
        XCTAssertTrue(g.screen.contains("Placeholders") && g.screen.contains("{{ticket.number}}"),
                      "the Templates screen lists the placeholders:\n\(g.screen)")
        g.press("?")
        XCTAssertTrue(g.screen.contains("Placeholders") && g.screen.contains("{{customer.preferredName}}"), g.screen)
    }

    func testF1FromTheQueueFilterOpensHelpWithoutTyping() throws {
        let f = try ConsoleFixture()
        f.press("3", "/", "F1")
        XCTAssertTrue(f.console.topScreen is HelpScreen, f.screen)
    }
}

/// Mouse: click selects and opens, the wheel scrolls, config switches it off.
final class MouseTests: XCTestCase {
    func testClickSelectsClickAgainOpensWheelMovesAndSidebarClickChoosesAView() throws {
        let f = try ConsoleFixture()
        f.press("3")
        let lines = f.terminal.screenLines
        let y = try XCTUnwrap(lines.firstIndex { $0.contains("Subscription pause") })
        f.console.handle(.mouse(MouseEvent(.click, at: Point(x: 60, y: y))))
        f.draw()
        let clicked = f.console.queue.selectedTicketNumber
        XCTAssertEqual(f.console.state.tickets[clicked ?? 0]?.subject, "Subscription pause")
        XCTAssertFalse(f.console.topScreen is TicketScreen, "a first click selects")
        f.console.handle(.mouse(MouseEvent(.click, at: Point(x: 60, y: y))))
        XCTAssertEqual((f.console.topScreen as? TicketScreen)?.number, clicked, "a click on the selected row opens it")
        f.press("q")
        f.console.handle(.mouse(MouseEvent(.wheelUp, at: Point(x: 60, y: y))))
        XCTAssertEqual(f.console.queue.list.selected, 0, "the wheel moves the selection")
        let sidebarY = try XCTUnwrap(f.terminal.screenLines.firstIndex { $0.contains("2 Unassigned") })
        f.console.handle(.mouse(MouseEvent(.click, at: Point(x: 3, y: sidebarY))))
        XCTAssertEqual(f.console.queue.views[f.console.queue.viewIndex].id, "unassigned")
        // A click behind a popup does nothing.
        f.press("s")
        XCTAssertTrue(f.console.hasOverlay)
        let before = f.console.queue.viewIndex
        f.console.handle(.mouse(MouseEvent(.click, at: Point(x: 3, y: sidebarY + 1))))
        XCTAssertEqual(f.console.queue.viewIndex, before)
    }

    func testMouseCanBeSwitchedOffInTheConfig() throws {
        XCTAssertTrue(try ConsoleConfig.parse("", file: "c").mouse)
        XCTAssertFalse(try ConsoleConfig.parse("mouse = false\n", file: "c").mouse)
        XCTAssertThrowsError(try ConsoleConfig.parse("mouse = \"off\"\n", file: "c"))
    }
}
