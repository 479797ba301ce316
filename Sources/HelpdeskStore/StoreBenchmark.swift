import Foundation
import HelpdeskCore

/// What `StoreBenchmark` measured. Times in milliseconds unless named otherwise.
public struct BenchResult: Codable, Sendable {
    public var tickets: Int
    public var customers: Int
    public var events: Int
    /// Building the synthetic store (bulk load) and compacting it, in seconds.
    public var buildSeconds: Double
    public var compactSeconds: Double
    /// Size of the store directory.
    public var storeBytes: Int
    /// Opening the store until the queue can be shown: median, and every run.
    public var openMedianMs: Double
    public var openRunsMs: [Double]
    /// Resident memory after opening (VmRSS), and the process's peak (VmHWM), in MB. Meaningful
    /// when measured in a fresh process (`measure(at:)` alone), not after building in the same one.
    public var residentMB: Double
    public var peakResidentMB: Double
    /// One note appended durably (lock, catch up, write, fdatasync).
    public var appendMedianMs: Double
    public var appendP99Ms: Double
    /// Loading one ticket's thread from disk.
    public var threadLoadMedianMs: Double
    /// Full-text search for two words from a random ticket's messages (`FileStore.search`).
    public var searchMedianMs: Double = 0
    public var searchP99Ms: Double = 0
    public var searchAverageHits: Double = 0
}

/// Builds a synthetic store and measures what users feel: open time, memory, append latency and
/// thread loading. `helpdesk bench` prints the result.
public enum StoreBenchmark {
    /// Builds and measures in this process.
    public static func run(tickets: Int, in directory: URL, opens: Int = 5, appends: Int = 200) throws -> BenchResult {
        let built = try build(tickets: tickets, in: directory)
        var result = try measure(at: directory, opens: opens, appends: appends)
        result.buildSeconds = built.buildSeconds
        result.compactSeconds = built.compactSeconds
        return result
    }

    public struct Built: Sendable {
        public var events: Int
        public var buildSeconds: Double
        public var compactSeconds: Double
    }

    /// Writes a store of `tickets` synthetic tickets (`SyntheticData`: a customer per five tickets,
    /// about four messages of 200–400 bytes per ticket, every status) through `appendHistory`, then
    /// compacts it. Deterministic for a given seed.
    public static func build(tickets: Int, in directory: URL, seed: UInt64 = 42) throws -> Built {
        let now = Date(timeIntervalSince1970: 1_798_761_600)   // 2027-01-01
        let data = SyntheticData.generate(tickets: tickets, seed: seed, now: now, chunkSize: 50_000)
        let store = try FileStore.create(at: directory,
                                         info: StoreInfo(mode: .demo, createdAt: now.addingTimeInterval(-6 * 365 * 86_400), createdBy: "bench"),
                                         creator: Agent(login: "bench", displayName: "Bench Mark"), clock: { now })
        let start = DispatchTime.now()
        var events = 0
        // Large batches: validating a batch works on a copy of the state, so a 1M-ticket build in
        // 5,000-event batches would copy the whole state a thousand times.
        for chunk in data { events += try store.appendHistory(chunk, batchSize: 50_000, compact: false) }
        let loaded = DispatchTime.now()
        try store.compact()
        let done = DispatchTime.now()
        return Built(events: events, buildSeconds: seconds(start, loaded), compactSeconds: seconds(loaded, done))
    }

    /// Measures an existing store: run it in a fresh process for honest memory figures.
    public static func measure(at directory: URL, opens: Int = 5, appends: Int = 200) throws -> BenchResult {
        var runs: [Double] = []
        var store: FileStore?
        // Memory is read after the first open: later opens free and reallocate a whole state, and
        // the allocator keeps some of the freed memory, which a real session never does.
        var memory: (current: Double, peak: Double)?
        for _ in 0..<max(1, opens) {
            store = nil
            let start = DispatchTime.now()
            store = try FileStore.open(at: directory, actor: "bench")
            runs.append(seconds(start, DispatchTime.now()) * 1000)
            if memory == nil { memory = residentMemory() }
        }
        let s = store!
        let (rss, peak) = memory!
        let numbers = s.state.tickets.keys.sorted()
        var rng = SplitMix64(seed: 7)

        var threadLoads: [Double] = []
        for _ in 0..<min(200, numbers.count) {
            let n = numbers[rng.below(numbers.count)]
            let start = DispatchTime.now()
            _ = try s.ticket(n)
            threadLoads.append(seconds(start, DispatchTime.now()) * 1000)
        }

        var appendTimes: [Double] = []
        let now = Date()
        for i in 0..<appends where !numbers.isEmpty {
            let n = numbers[rng.below(numbers.count)]
            let start = DispatchTime.now()
            try s.append([.messageAdded(number: n, message: Message(kind: .note, author: "bench",
                                                                    body: "benchmark note \(i): checked the logs, nothing unusual", at: now))])
            appendTimes.append(seconds(start, DispatchTime.now()) * 1000)
        }

        var result = BenchResult(tickets: s.state.tickets.count, customers: s.state.customers.count, events: s.state.lastSeq,
                                 buildSeconds: 0, compactSeconds: 0, storeBytes: directorySize(directory.path),
                                 openMedianMs: percentile(runs, 0.5), openRunsMs: runs, residentMB: rss, peakResidentMB: peak,
                                 appendMedianMs: percentile(appendTimes, 0.5), appendP99Ms: percentile(appendTimes, 0.99),
                                 threadLoadMedianMs: percentile(threadLoads, 0.5))
        let search = try SearchBenchmark.run(store: s)
        result.searchMedianMs = search.medianMs
        result.searchP99Ms = search.p99Ms
        result.searchAverageHits = search.averageHits
        return result
    }

    /// VmRSS and VmHWM of this process, in MB (from /proc/self/status).
    public static func residentMemory() -> (current: Double, peak: Double) {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func field(_ name: String) -> Double {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
            return kb / 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    private static func seconds(_ a: DispatchTime, _ b: DispatchTime) -> Double {
        Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9
    }

    private static func directorySize(_ path: String) -> Int {
        guard let e = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total = 0
        for case let name as String in e {
            total += ((try? FileManager.default.attributesOfItem(atPath: path + "/" + name))?[.size] as? Int) ?? 0
        }
        return total
    }
}
