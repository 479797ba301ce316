import XCTest
@testable import HelpdeskTUI
#if canImport(Glibc)
import Glibc
#endif

final class ChildProcessTests: XCTestCase {
    func testReturnsExitStatus() throws {
        XCTAssertEqual(try ChildProcess.run(["/bin/sh", "-c", "exit 3"]), 3)
        XCTAssertEqual(try ChildProcess.run(["true"]), 0, "found on PATH")
        XCTAssertEqual(try ChildProcess.run(["/bin/sh", "-c", "kill -TERM $$"]), 128 + SIGTERM)
    }

    func testEnvironmentIsPassed() throws {
        XCTAssertEqual(try ChildProcess.run(["/bin/sh", "-c", "test \"$HD_X\" = 'a b'"], environment: ["HD_X": "a b", "PATH": "/usr/bin:/bin"]), 0)
    }

    func testChildStartsWithAnEmptySignalMaskEvenFromAThreadThatBlocksSignals() throws {
        final class Result: @unchecked Sendable { var status: Int32 = -1 }
        let result = Result()
        let thread = Thread {
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, SIGWINCH)
            sigaddset(&blocked, SIGINT)
            pthread_sigmask(SIG_BLOCK, &blocked, nil)
            result.status = (try? ChildProcess.run(["/bin/sh", "-c", "grep -q '^SigBlk:[[:space:]]*0*$' /proc/self/status"])) ?? -2
        }
        thread.start()
        while !thread.isFinished { usleep(10_000) }
        XCTAssertEqual(result.status, 0)
    }

    func testShellCommandQuotesArguments() throws {
        let argv = ChildProcess.shellArgv("test -f", arguments: ["/tmp/has space; rm -rf x"])
        XCTAssertEqual(argv, ["/bin/sh", "-c", "test -f \"$@\"", "sh", "/tmp/has space; rm -rf x"])
        XCTAssertEqual(try ChildProcess.runShell("test $# -eq 1 && test", arguments: ["x y"]), 0, "arguments land as one word")
        XCTAssertEqual(ChildProcess.preferredEditor(environment: ["EDITOR": "nano", "VISUAL": "code -w"]), "code -w")
        XCTAssertEqual(ChildProcess.preferredEditor(environment: [:]), "vi")
    }

    func testMissingProgramIsAnError() {
        XCTAssertThrowsError(try ChildProcess.run(["/no/such/program"]))
    }
}
