import Foundation
import HelpdeskCore

/// Times full-text search the way agents use it: two words taken from a random ticket's messages.
enum SearchBenchmark {
    struct Result {
        var medianMs: Double
        var p99Ms: Double
        /// Average number of tickets a query found (so a fast but empty search does not pass unnoticed).
        var averageHits: Double
    }

    static func run(store: FileStore, queries: Int = 60, seed: UInt64 = 11) throws -> Result {
        let numbers = store.state.tickets.keys.sorted()
        guard !numbers.isEmpty else { return Result(medianMs: 0, p99Ms: 0, averageHits: 0) }
        var rng = SplitMix64(seed: seed)
        var times: [Double] = []
        var hits = 0
        for _ in 0..<queries {
            let t = try store.ticket(numbers[rng.below(numbers.count)])
            let terms = SearchText.terms(t.messages.map(\.body).joined(separator: " ")).filter { $0.count >= 3 }
            guard terms.count >= 2 else { continue }
            let query = terms[rng.below(terms.count)] + " " + terms[rng.below(terms.count)]
            let start = DispatchTime.now()
            hits += store.search(query).count
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
        }
        guard !times.isEmpty else { return Result(medianMs: 0, p99Ms: 0, averageHits: 0) }
        let sorted = times.sorted()
        return Result(medianMs: sorted[sorted.count / 2], p99Ms: sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))],
                      averageHits: Double(hits) / Double(times.count))
    }
}
