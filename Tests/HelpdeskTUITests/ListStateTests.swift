import XCTest
@testable import HelpdeskTUI

final class ListStateTests: XCTestCase {
    func testMovesAreClamped() {
        var state = ListState(count: 5)
        state.move(.up, viewportHeight: 3)
        XCTAssertEqual(state.selected, 0)
        state.move(.last, viewportHeight: 3)
        XCTAssertEqual(state.selected, 4)
        XCTAssertEqual(state.offset, 2)
        state.move(.down, viewportHeight: 3)
        XCTAssertEqual(state.selected, 4)
        state.move(.first, viewportHeight: 3)
        XCTAssertEqual(state.selected, 0)
        XCTAssertEqual(state.offset, 0)
    }

    func testPagesAndHalfPages() {
        var state = ListState(count: 100)
        state.move(.pageDown, viewportHeight: 10)
        XCTAssertEqual(state.selected, 10)
        state.move(.halfPageDown, viewportHeight: 10)
        XCTAssertEqual(state.selected, 15)
        state.move(.halfPageUp, viewportHeight: 10)
        XCTAssertEqual(state.selected, 10)
        XCTAssertTrue((state.offset...state.offset + 9).contains(state.selected))
    }

    func testKeysMapToMotions() {
        var state = ListState(count: 10)
        XCTAssertEqual(state.handle(.char("j"), viewportHeight: 5), .handled)
        XCTAssertEqual(state.handle(.char("G"), viewportHeight: 5), .handled)
        XCTAssertEqual(state.selected, 9)
        XCTAssertEqual(state.handle(.char("x"), viewportHeight: 5), .ignored)
    }

    func testSelectionFollowsTheSameItemWhenTheListChanges() {
        var state = ListState(count: 4, selected: 2)  // on "c"
        state.offset = 1
        state.reconcile(selectedID: "c", in: ["new", "a", "b", "c", "d"])
        XCTAssertEqual(state.selected, 3)
        XCTAssertEqual(state.selected - state.offset, 1, "the row stays at the same place on screen")
    }

    func testSelectionStaysPutWhenItsItemDisappears() {
        var state = ListState(count: 4, selected: 2)
        state.reconcile(selectedID: "c", in: ["a", "b", "d"])
        XCTAssertEqual(state.selected, 2, "d moved up into the selected row")
        state.reconcile(selectedID: "d", in: ["a"])
        XCTAssertEqual(state.selected, 0)
        state.reconcile(selectedID: "a", in: [String]())
        XCTAssertNil(state.selection)
    }
}
