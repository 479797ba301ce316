/// Groups ticket numbers by requester while a snapshot's summaries load, for
/// `HelpdeskState.ticketsByCustomer`.
///
/// Filing each ticket straight into the `[String: [Int]]` index (hash the id, probe, grow that
/// customer's array) took ~10% of opening a 100k-ticket store, and a third more per ticket at 1M
/// where every probe misses the cache (perf, release build). Ids of the form `c00042` are numbers in
/// disguise: they are noted in a flat list as the tickets stream by, then grouped in one counting
/// sort, so the dictionary gets one insert per customer. Other ids take the dictionary path.
public struct CustomerTicketGrouping: Sendable {
    private var customerNumbers: [Int32] = []
    private var ticketNumbers: [Int] = []
    private var highest = -1
    private let limit: Int
    private var other: [String: [Int]] = [:]

    /// `customers` and `tickets`: how many the store holds. Customers are numbered from 1, so ids
    /// numbered far beyond the count take the dictionary path: a stray `c999999999` costs one entry,
    /// not a billion counters.
    public init(customers: Int = 0, tickets: Int = 0) {
        limit = Swift.min(Int(Int32.max), 2 * Swift.max(0, customers) + 1_024)
        customerNumbers.reserveCapacity(tickets)
        ticketNumbers.reserveCapacity(tickets)
    }

    /// Files ticket `number` under `requester`; numbers must come in ascending order.
    public mutating func add(_ number: Int, requester: String) {
        if let k = Self.number(requester), k <= limit {
            customerNumbers.append(Int32(k))
            ticketNumbers.append(number)
            highest = Swift.max(highest, k)
        } else {
            other[requester, default: []].append(number)
        }
    }

    /// Every requester with their ticket numbers, ascending.
    func forEach(_ body: (String, [Int]) -> Void) {
        if highest >= 0 {
            // Counting sort by customer number; stable, so each customer's numbers stay ascending.
            var start = [Int](repeating: 0, count: highest + 2)
            for k in customerNumbers { start[Int(k) + 1] += 1 }
            for k in 0...highest { start[k + 1] += start[k] }
            var sorted = [Int](repeating: 0, count: ticketNumbers.count)
            var next = start
            for i in customerNumbers.indices {
                let k = Int(customerNumbers[i])
                sorted[next[k]] = ticketNumbers[i]
                next[k] += 1
            }
            for k in 0...highest where start[k + 1] > start[k] {
                body(Self.id(k), Array(sorted[start[k]..<start[k + 1]]))
            }
        }
        for (id, numbers) in other { body(id, numbers) }
    }

    /// The number in `c00042` — only for that exact spelling (`c` and at least five digits, no
    /// leading zero beyond the padding), so `id(number(x)) == x`; nil for any other id.
    private static func number(_ id: String) -> Int? {
        var utf8 = id.utf8.makeIterator()
        guard utf8.next() == UInt8(ascii: "c") else { return nil }
        var n = 0
        var digits = 0
        var first: UInt8 = 0
        while let b = utf8.next() {
            guard b >= 48, b <= 57, digits < 18 else { return nil }
            if digits == 0 { first = b }
            n = n * 10 + Int(b - 48)
            digits += 1
        }
        guard digits == 5 || (digits > 5 && first != UInt8(ascii: "0")) else { return nil }
        return n
    }

    /// `c00042` for 42 (the spelling `HelpdeskState.customerID` gives), without `String(format:)`.
    private static func id(_ n: Int) -> String {
        let digits = String(n)
        return digits.utf8.count >= 5 ? "c" + digits : "c" + String(repeating: "0", count: 5 - digits.utf8.count) + digits
    }
}
