import Foundation
import XCTest

/// A test with its own scratch directory, a private tmux server and a demo store.
/// Classes whose tests only read the store set `sharesDemoStore` to build the store once.
class EndToEndTestCase: XCTestCase {
    var sandbox: Sandbox!
    var tmux: TmuxSession!
    var cli: HelpdeskCLI!
    var store: URL { cli.store }

    /// True when every test in the class may use the same demo store (they change nothing that
    /// another test reads).
    class var sharesDemoStore: Bool { false }

    nonisolated(unsafe) private static var sharedStores: [String: (Sandbox, URL)] = [:]

    override func setUpWithError() throws {
        try super.setUpWithError()
        continueAfterFailure = false
        sandbox = try Sandbox(testCase: Self.self)
        let storeURL: URL
        if Self.sharesDemoStore {
            let key = String(describing: Self.self)
            if let (_, url) = Self.sharedStores[key] {
                storeURL = url
            } else {
                let owner = try Sandbox(testCase: Self.self)
                storeURL = try owner.makeDemoStore()
                Self.sharedStores[key] = (owner, storeURL)
            }
        } else {
            storeURL = try sandbox.makeDemoStore()
        }
        cli = HelpdeskCLI(sandbox: sandbox, store: storeURL)
        tmux = try TmuxSession(sandbox: sandbox)
    }

    override func tearDown() {
        tmux?.kill()
        // No test may leave a process running: whatever still names the sandbox (a console, a
        // tmux server) was left by the test or the harness; it is ended now, and the test fails.
        // Sandboxes a test made for itself (a second console's) were removed by then and are counted too.
        sandbox?.remove()
        let leftovers = Sandbox.takeLeftovers()
        if !leftovers.isEmpty {
            XCTFail("processes were still running after the test (now killed):\n"
                    + leftovers.map(\.description).joined(separator: "\n"))
        }
        super.tearDown()
    }

    override class func tearDown() {
        if let (owner, _) = sharedStores.removeValue(forKey: String(describing: self)) {
            owner.remove()
        }
        super.tearDown()
    }

    /// Opens the console on the store and waits for the queue to be drawn.
    @discardableResult
    func openConsole(arguments: [String] = [], width: Int = 100, height: Int = 30, term: String = "tmux-256color",
                     environment: [String: String] = [:]) throws -> String {
        try tmux.startConsole(store: store, arguments: arguments, width: width, height: height, term: term,
                              environment: environment)
        return try tmux.waitFor("All open", timeout: 5)
    }

    /// Quits with Q and checks the console exited 0 and gave the terminal back.
    func quitAndExpectCleanExit(file: StaticString = #filePath, line: UInt = #line) throws {
        try tmux.press("Q")
        try tmux.waitFor("EXIT=0")
        XCTAssertEqual(try tmux.display("#{alternate_on}"), "0", "the alternate screen is still on after quitting",
                       file: file, line: line)
    }
}
