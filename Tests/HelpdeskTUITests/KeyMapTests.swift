import XCTest
@testable import HelpdeskTUI

final class KeyMapTests: XCTestCase {
    /// Two bindings for one key on one screen would make one of them unreachable, and the help
    /// screen would list a key that does something else.
    func testNoKeyIsBoundTwiceOnAScreen() {
        for (table, bindings) in DefaultBindings.keyMap.tables {
            var seen: [Key: String] = [:]
            for b in bindings {
                if let other = seen[b.key], other != b.command.description {
                    XCTFail("[\(table)] \(b.key.name) is bound to both :\(other) and :\(b.command)")
                }
                seen[b.key] = b.command.description
            }
        }
    }

    /// Every bound command is one the command line knows, so every key can also be typed.
    func testEveryBoundCommandHasASpec() {
        for (table, bindings) in DefaultBindings.keyMap.tables {
            for b in bindings {
                XCTAssertNotNil(DefaultBindings.spec(named: b.command.name), "[\(table)] \(b.key.name) → :\(b.command.name) has no command spec")
            }
        }
    }
}
