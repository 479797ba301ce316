import Foundation
import HelpdeskCore
import HelpdeskStore

/// Measures the reply editor inside the real console: key press to finished frame while typing into a
/// 2,000-line draft, and inserting a 5,000-line bracketed paste. Nothing is saved to the store.
public enum EditorBenchmark {
    public struct Result: Codable, Sendable {
        public var typingMedianMs: Double
        public var typingP99Ms: Double
        public var paste5000LinesMs: Double
    }

    public static func run(storeAt dir: URL) throws -> Result? {
        let store = try FileStore.open(at: dir, actor: "bench")
        guard let number = store.state.tickets.keys.min() else { return nil }
        let console = Console(store: store, terminal: MemoryTerminal(size: Size(width: 120, height: 40)))
        let compose = ComposeScreen(ticket: number, kind: .reply, console: console)
        console.push(compose)
        let line = "A line of a long reply, with enough words to wrap now and then on a narrower pane."
        let paste = Array(repeating: line, count: 5000).joined(separator: "\n")
        var t = DispatchTime.now().uptimeNanoseconds
        console.handle(.paste(paste))
        console.drawIfNeeded()
        let pasteMs = ConsoleBenchmark.ms(t)
        // Back to a 2,000-line draft, cursor in the middle, then type.
        compose.replaceTextForBenchmark(Array(repeating: line, count: 2000).joined(separator: "\n"), cursor: TextPosition(line: 1000, column: 10))
        console.drawIfNeeded()
        var samples: [Double] = []
        for c in "The quick brown fox jumps over the lazy dog. " + "Typing speed check, one frame per key." {
            t = DispatchTime.now().uptimeNanoseconds
            console.handle(.key(.char(c)))
            console.drawIfNeeded()
            samples.append(ConsoleBenchmark.ms(t))
        }
        return Result(typingMedianMs: ConsoleBenchmark.median(samples), typingP99Ms: ConsoleBenchmark.p99(samples),
                      paste5000LinesMs: pasteMs)
    }
}
