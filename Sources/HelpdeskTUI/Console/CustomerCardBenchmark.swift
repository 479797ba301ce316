import Foundation
import HelpdeskCore
import HelpdeskStore

/// Measures the customer card and history of a regular with 500 tickets: the customers screen
/// drawing that customer's card, history and record changes, frame after frame. Run by
/// `helpdesk bench` on its synthetic store; when no customer there has 500 tickets, the busiest one
/// is given enough new tickets first (one batch, in the benchmark's temporary store).
public enum CustomerCardBenchmark {
    public struct Result: Codable, Sendable {
        public var tickets: Int
        /// The first frame, which also reads the customer's record history from the store.
        public var firstFrameMs: Double
        public var medianMs: Double
        public var p99Ms: Double
    }

    public static let regularTickets = 500

    public static func run(store: Store) throws -> Result {
        let state = store.state
        // The busiest customer (a setup scan, not timed).
        guard let busiest = state.ticketsByCustomer.max(by: { $0.value.count < $1.value.count })?.key
                ?? state.customers.keys.min() else {
            return Result(tickets: 0, firstFrameMs: 0, medianMs: 0, p99Ms: 0)
        }
        let have = state.ticketsByCustomer[busiest]?.count ?? 0
        if have < regularTickets {
            let changes: [Change] = (have..<regularTickets).map { i in
                .ticketCreated(NewTicket(subject: "Regular's order \(i)", status: i % 7 == 0 ? .open : .closed,
                                         requester: busiest, channel: i % 3 == 0 ? .walkIn : .email))
            }
            try store.append(changes)
        }
        let terminal = MemoryTerminal(size: Size(width: 160, height: 48))
        let console = Console(store: store, terminal: terminal)
        console.push(CustomersScreen(console: console, selecting: busiest))
        var t = DispatchTime.now().uptimeNanoseconds
        _ = console.render()
        let first = ConsoleBenchmark.ms(t)
        var frames: [Double] = []
        for _ in 0..<60 {
            t = DispatchTime.now().uptimeNanoseconds
            _ = console.render()
            frames.append(ConsoleBenchmark.ms(t))
        }
        return Result(tickets: store.state.ticketsByCustomer[busiest]?.count ?? 0, firstFrameMs: first,
                      medianMs: ConsoleBenchmark.median(frames), p99Ms: ConsoleBenchmark.p99(frames))
    }
}
