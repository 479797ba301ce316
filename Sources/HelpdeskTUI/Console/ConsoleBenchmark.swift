import Foundation
import HelpdeskCore
import HelpdeskStore

/// Measures the console on a real store: start to first frame, key press to finished frame for the
/// common keys (median and p99), and the bytes ncurses sends to the terminal for a row move and for a
/// full 80×24 repaint. `helpdesk bench` reports these.
public enum ConsoleBenchmark {
    public struct Result: Codable, Sendable {
        public var firstFrameMs: Double
        public var moveMedianMs: Double
        public var moveP99Ms: Double
        public var openTicketMedianMs: Double
        public var openTicketP99Ms: Double
        public var filterKeyMedianMs: Double
        public var filterKeyP99Ms: Double
        /// Bytes written through ncurses (TERM=xterm-256color) for one selection move, and a full repaint at 80×24.
        public var rowMoveBytes: Int?
        public var fullRepaintBytes: Int?
    }

    static func ms(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }

    static func median(_ v: [Double]) -> Double { v.isEmpty ? 0 : v.sorted()[v.count / 2] }
    static func p99(_ v: [Double]) -> Double { v.isEmpty ? 0 : v.sorted()[min(v.count - 1, Int(Double(v.count) * 0.99))] }

    public static func run(storeAt dir: URL) throws -> Result {
        let start = DispatchTime.now().uptimeNanoseconds
        let store = try FileStore.open(at: dir, actor: "bench")
        let terminal = MemoryTerminal(size: Size(width: 120, height: 40))
        let console = Console(store: store, terminal: terminal)
        if console.queue.views[console.queue.viewIndex].id != "open" { console.execute(CommandInvocation("view", ["open"])) }
        console.drawIfNeeded()
        let firstFrame = ms(start)

        func timed(_ keys: [Key]) -> [Double] {
            keys.map { key in
                let t = DispatchTime.now().uptimeNanoseconds
                console.handle(.key(key))
                console.drawIfNeeded()
                return ms(t)
            }
        }
        let moves = timed(Array(repeating: Key.char("j"), count: 150) + Array(repeating: Key.char("k"), count: 50))
        var opens: [Double] = []
        for _ in 0..<30 {
            opens += timed([.enter])
            _ = timed([.char("q"), .char("j")])
        }
        console.handle(.key(.char("/")))
        let filterKeys = timed("printer jams".map { Key.char($0) })
        console.handle(.key(.escape))

        let bytes = measureBytes(store: store)
        return Result(firstFrameMs: firstFrame, moveMedianMs: median(moves), moveP99Ms: p99(moves),
                      openTicketMedianMs: median(opens), openTicketP99Ms: p99(opens),
                      filterKeyMedianMs: median(filterKeys), filterKeyP99Ms: p99(filterKeys),
                      rowMoveBytes: bytes?.move, fullRepaintBytes: bytes?.full)
    }

    /// Renders the queue through ncurses into a file and counts the bytes of a full repaint and of
    /// one selection move. Nil when no terminfo entry is available.
    static func measureBytes(store: Store) -> (move: Int, full: Int)? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-bytes-\(getpid())").path
        let out = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        var pipeFDs: [Int32] = [-1, -1]
        guard out >= 0, pipe(&pipeFDs) == 0 else { return nil }
        defer { close(out); close(pipeFDs[0]); close(pipeFDs[1]); unlink(path) }
        var env = ProcessInfo.processInfo.environment
        env["LINES"] = "24"
        env["COLUMNS"] = "80"
        guard let nc = try? NcursesTerminal(terminalType: "xterm-256color", inputFileDescriptor: pipeFDs[0],
                                            outputFileDescriptor: out, locale: "C.UTF-8", environment: env) else { return nil }
        defer { nc.shutdown() }
        let memory = MemoryTerminal(size: Size(width: 80, height: 24))
        let console = Console(store: store, terminal: memory)
        func size() -> Int { Int(lseek(out, 0, SEEK_END)) }
        let before = size()
        nc.draw(console.render())
        let afterFull = size()
        console.handle(.key(.char("j")))
        nc.draw(console.render())
        let afterMove = size()
        return (afterMove - afterFull, afterFull - before)
    }
}
