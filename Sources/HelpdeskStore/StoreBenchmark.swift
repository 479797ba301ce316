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

    /// Writes a store of `tickets` tickets (a customer per five tickets; four messages of realistic
    /// length per ticket; a third assigned, half solved) through `bulkLoad`, then compacts it.
    /// Deterministic for a given seed.
    public static func build(tickets: Int, in directory: URL, seed: UInt64 = 42) throws -> Built {
        var rng = SplitMix(seed)
        let t0 = Date(timeIntervalSince1970: 1_767_225_600)   // 2026-01-01
        let clock: @Sendable () -> Date = { t0.addingTimeInterval(400 * 86_400) }
        let store = try FileStore.create(at: directory, info: StoreInfo(mode: .demo, createdAt: t0, createdBy: "bench"),
                                         creator: Agent(login: "bench", displayName: "Bench Mark"), clock: clock)
        let agents = ["ana", "bo", "cy", "di", "ed", "fay"]
        let words = ("the printer in room four keeps jamming when we print double sided and the tray light blinks "
                     + "orange after the update our wifi drops every afternoon around three could you please check "
                     + "invoice order refund delivery password reset account locked screen flicker battery warranty")
            .split(separator: " ").map(String.init)
        func text(_ n: Int) -> String { (0..<n).map { _ in words[rng.next(words.count)] }.joined(separator: " ") }

        var changes: [Change] = agents.map { .agentSaved(Agent(login: $0, displayName: $0.capitalized)) }
        let customerCount = max(1, tickets / 5)
        for i in 1...customerCount {
            changes.append(.customerCreated(Customer(id: "", name: "Customer \(i) \(words[rng.next(words.count)].capitalized)",
                                                     emails: ["customer\(i)@example.com"], phones: ["+44 20 7946 \(1000 + i % 9000)"],
                                                     customerSince: t0, vip: i % 50 == 0)))
        }
        for i in 0..<tickets {
            let number = 1001 + i
            let requester = HelpdeskState.customerID(1 + rng.next(customerCount))
            let at = t0.addingTimeInterval(Double(i) * 300)
            let agent = agents[rng.next(agents.count)]
            changes.append(.ticketCreated(NewTicket(subject: text(6), priority: [.low, .normal, .normal, .high][rng.next(4)],
                                                    tags: [words[rng.next(words.count)]], requester: requester,
                                                    channel: Channel.allCases[rng.next(5)],
                                                    message: Message(kind: .customer, author: requester, body: text(50), at: at))))
            changes.append(.messageAdded(number: number, message: Message(kind: .reply, author: agent, body: text(60), at: at + 3_600)))
            changes.append(.messageAdded(number: number, message: Message(kind: .customer, author: requester, body: text(30), at: at + 7_200)))
            changes.append(.messageAdded(number: number, message: Message(kind: .note, author: agent, body: text(20), at: at + 7_300)))
            if i % 3 == 0 {
                changes.append(.ticketUpdated(number: number, base: 4, patch: TicketPatch(assignee: FromTo(nil, agent))))
            }
            if i % 2 == 0 {
                changes.append(.ticketUpdated(number: number, base: i % 3 == 0 ? 5 : 4, patch: TicketPatch(status: FromTo(.new, .solved))))
            }
        }
        let start = DispatchTime.now()
        let compactionThreshold = store.compactionThreshold
        store.compactionThreshold = Int.max
        var events = 0
        var index = 0
        while index < changes.count {
            let end = min(changes.count, index + 5_000)
            events += try store.append(Array(changes[index..<end])).count
            index = end
        }
        store.compactionThreshold = compactionThreshold
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
        var rng = SplitMix(7)

        var threadLoads: [Double] = []
        for _ in 0..<min(200, numbers.count) {
            let n = numbers[rng.next(numbers.count)]
            let start = DispatchTime.now()
            _ = try s.ticket(n)
            threadLoads.append(seconds(start, DispatchTime.now()) * 1000)
        }

        var appendTimes: [Double] = []
        let now = Date()
        for i in 0..<appends where !numbers.isEmpty {
            let n = numbers[rng.next(numbers.count)]
            let start = DispatchTime.now()
            try s.append([.messageAdded(number: n, message: Message(kind: .note, author: "bench",
                                                                    body: "benchmark note \(i): checked the logs, nothing unusual", at: now))])
            appendTimes.append(seconds(start, DispatchTime.now()) * 1000)
        }

        return BenchResult(tickets: s.state.tickets.count, customers: s.state.customers.count, events: s.state.lastSeq,
                           buildSeconds: 0, compactSeconds: 0, storeBytes: directorySize(directory.path),
                           openMedianMs: percentile(runs, 0.5), openRunsMs: runs, residentMB: rss, peakResidentMB: peak,
                           appendMedianMs: percentile(appendTimes, 0.5), appendP99Ms: percentile(appendTimes, 0.99),
                           threadLoadMedianMs: percentile(threadLoads, 0.5))
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

    /// A small deterministic generator (SplitMix64), so benchmark stores are the same every time.
    struct SplitMix {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }
}
