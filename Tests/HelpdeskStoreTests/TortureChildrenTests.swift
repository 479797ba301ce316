import Foundation
import XCTest
@testable import HelpdeskStore

/// The torture harness's children: killed by the killer, by the per-command limit and by the final
/// clean-up, and told apart from a process that died of a signal nobody here sent.
final class TortureChildrenTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("torture-children-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func sleeper(_ children: TortureChildren, _ label: String) throws -> pid_t {
        try children.spawn("/bin/sleep", ["30"], environment: [:], label: label,
                           stdout: scratch.appendingPathComponent("\(label).out").path,
                           stderr: scratch.appendingPathComponent("\(label).err").path)
    }

    func testTheKillerAndTheLimitMarkWhatTheyKilled() throws {
        let children = TortureChildren()
        defer { children.reapAll() }
        let a = try sleeper(children, "a")
        XCTAssertEqual(children.killOne { _ in 0 }, "a")
        let killed = children.wait(a)
        XCTAssertEqual(killed.signal, SIGKILL)
        XCTAssertTrue(killed.killedByHarness)
        XCTAssertFalse(killed.timedOut)

        let b = try sleeper(children, "b")
        XCTAssertEqual(children.killOverdue(limit: 0), ["b"])
        let overdue = children.wait(b)
        XCTAssertTrue(overdue.timedOut)
        XCTAssertTrue(overdue.killedByHarness)
        XCTAssertEqual(children.liveCount, 0)
        XCTAssertNil(children.killOne { _ in 0 }, "nothing left to kill")
    }

    func testASignalFromElsewhereIsNotTheHarnesss() throws {
        let children = TortureChildren()
        defer { children.reapAll() }
        let pid = try sleeper(children, "c")
        kill(pid, SIGTERM)
        let ending = children.wait(pid)
        XCTAssertEqual(ending.signal, SIGTERM)
        XCTAssertFalse(ending.killedByHarness)
    }

    func testKillAllEndsEveryChildAndRefusesNewOnes() throws {
        let children = TortureChildren()
        let pids = try (0..<3).map { try sleeper(children, "d\($0)") }
        children.reapAll()
        XCTAssertEqual(children.liveCount, 0)
        for pid in pids { XCTAssertEqual(kill(pid, 0), -1, "child \(pid) is still there") }
        XCTAssertThrowsError(try sleeper(children, "late")) { XCTAssertTrue($0 is TortureChildren.Closed) }
    }
}
