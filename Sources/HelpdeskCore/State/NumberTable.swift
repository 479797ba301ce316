/// A dictionary keyed by ticket numbers, stored as an array indexed by number.
///
/// Ticket numbers are allocated densely (1001, 1002, …), so a slot per number wastes nothing, while a
/// `Dictionary` keeps a quarter to a half of its buckets empty and hashes every key. Measured opening
/// a 100,000-ticket store (release build, 2-core machine): with `[Int: Ticket]` for the tickets, their
/// thread offsets and stamps, 140 MB resident and 590 ms CPU; with this table, 89 MB and 470 ms.
/// Numbers far outside the dense range (an import that carries another system's numbers) go to a
/// small dictionary, so a stray #90000000 costs one entry, not ninety million slots.
///
/// The API is `Dictionary`'s where the state uses it: `table[n]` (get, set, set to nil), `keys`,
/// `values`, `count`, `isEmpty`, `reserveCapacity`, `removeValue(forKey:)`, and iteration as
/// `(key, value)` pairs. Iteration is in ascending number order for the dense part, then the others
/// in no particular order (callers that need an order sort, as they must for a dictionary).
public struct NumberTable<Value> {
    /// `slots[i]` holds the value for number `base + i`.
    @usableFromInline var slots: [Value?] = []
    @usableFromInline var base = 0
    /// Values whose numbers are outside the dense range.
    @usableFromInline var sparse: [Int: Value] = [:]
    @usableFromInline var _count = 0
    @inlinable public var count: Int { _count }

    @inlinable
    public init() {}

    /// Room for `n` numbers after the first one stored, so loading a snapshot never regrows the array.
    @inlinable
    public mutating func reserveCapacity(_ n: Int) {
        slots.reserveCapacity(n)
    }

    @inlinable
    public var isEmpty: Bool { _count == 0 }

    /// The numbers the dense part has slots for (the others are kept in a dictionary): a range never
    /// much larger than the count, for tables of the same numbers to size themselves by.
    @inlinable
    public var denseNumbers: Range<Int> { base..<(base + slots.count) }

    /// An empty table with slots for `numbers` (more numbers can be added later), for keys known to be
    /// dense but not arriving in order.
    @inlinable
    public init(slotsFor numbers: Range<Int>) {
        base = numbers.lowerBound
        slots = Array(repeating: nil, count: numbers.count)
    }

    @inlinable @inline(__always)
    func slot(_ number: Int) -> Int? {
        let i = number &- base
        return i >= 0 && i < slots.count ? i : nil
    }

    @inlinable
    public subscript(number: Int) -> Value? {
        get {
            if let i = slot(number) { return slots[i] }
            return sparse.isEmpty ? nil : sparse[number]
        }
        _modify {
            // In place when the number has a slot, so `table[n]!.list.append(x)` does not copy the value.
            if let i = slot(number) {
                let had = slots[i] != nil
                defer { _count += (slots[i] != nil ? 1 : 0) - (had ? 1 : 0) }
                yield &slots[i]
            } else if sparse[number] != nil {
                defer { if sparse[number] == nil { _count -= 1 } }
                yield &sparse[number]
            } else {
                var value: Value? = nil
                defer { if value != nil { self[number] = value } }
                yield &value
            }
        }
        set {
            if let i = slot(number) {
                let had = slots[i] != nil
                slots[i] = newValue
                _count += (newValue != nil ? 1 : 0) - (had ? 1 : 0)
                return
            }
            if let newValue {
                if growToInclude(number) {
                    slots[number - base] = newValue
                    _count += 1
                    // A number kept aside while it was far away is now in range: keep one copy.
                    if !sparse.isEmpty, sparse.removeValue(forKey: number) != nil { _count -= 1 }
                } else {
                    if sparse.updateValue(newValue, forKey: number) == nil { _count += 1 }
                }
            } else if sparse.removeValue(forKey: number) != nil {
                _count -= 1
            }
        }
    }

    /// Extends the dense range up to `number` when that keeps it mostly full; false when the number is
    /// too far away (or below the first number stored) and belongs in `sparse`.
    @inlinable
    mutating func growToInclude(_ number: Int) -> Bool {
        if slots.isEmpty {
            base = number
            slots.append(nil)
            return true
        }
        let i = number - base
        guard i >= slots.count, i - slots.count <= Swift.max(4_096, slots.count) else { return false }
        slots.append(contentsOf: repeatElement(nil, count: i - slots.count + 1))
        return true
    }

    @inlinable
    @discardableResult
    public mutating func removeValue(forKey number: Int) -> Value? {
        let old = self[number]
        if old != nil { self[number] = nil }
        return old
    }

    /// Stores a value whose number follows the last one stored (a snapshot's summaries arrive in
    /// ascending order) without the subscript's bookkeeping; any other number goes through the subscript.
    @inlinable
    public mutating func append(_ value: Value, number n: Int) {
        if slots.isEmpty {
            base = n
        } else if n != base &+ slots.count || !(sparse.isEmpty || sparse[n] == nil) {
            self[n] = value
            return
        }
        slots.append(value)
        _count += 1
    }

    /// Visits the values from the highest number down until `body` returns false — in steps of stored
    /// values, not of numbers, so a stray #999999999 does not make it count down a billion numbers.
    public func forEachDescending(_ body: (Int, Value) -> Bool) {
        let far = sparse.keys.sorted(by: >)
        var k = 0
        while k < far.count, far[k] >= base + slots.count {
            guard body(far[k], sparse[far[k]]!) else { return }
            k += 1
        }
        for i in slots.indices.reversed() {
            if let v = slots[i] { guard body(base + i, v) else { return } }
        }
        while k < far.count {
            guard body(far[k], sparse[far[k]]!) else { return }
            k += 1
        }
    }

    /// `append(_:number:)` for each value.
    @inlinable
    public mutating func append<S: Sequence>(ascending values: S, number: (Value) -> Int) where S.Element == Value {
        for v in values { append(v, number: number(v)) }
    }
}

extension NumberTable: Sendable where Value: Sendable {}

extension NumberTable: ExpressibleByDictionaryLiteral {
    @inlinable
    public init(dictionaryLiteral elements: (Int, Value)...) {
        self.init()
        for (k, v) in elements { self[k] = v }
    }
}

extension NumberTable: Equatable where Value: Equatable {
    /// Equal when they hold the same numbers with equal values, however they are laid out.
    @inlinable
    public static func == (a: NumberTable, b: NumberTable) -> Bool {
        guard a.count == b.count else { return false }
        for (k, v) in a where b[k] != v { return false }
        return true
    }
}

extension NumberTable: Collection {
    public typealias Element = (key: Int, value: Value)

    public struct Index: Comparable {
        /// Position in `slots`, or `slots.count` for the sparse part.
        @usableFromInline var slot: Int
        @usableFromInline var sparse: Dictionary<Int, Value>.Index?

        @inlinable init(slot: Int, sparse: Dictionary<Int, Value>.Index?) {
            self.slot = slot
            self.sparse = sparse
        }

        @inlinable
        public static func < (a: Index, b: Index) -> Bool {
            if a.slot != b.slot { return a.slot < b.slot }
            switch (a.sparse, b.sparse) {
            case let (x?, y?): return x < y
            default: return false
            }
        }

        @inlinable
        public static func == (a: Index, b: Index) -> Bool { a.slot == b.slot && a.sparse == b.sparse }
    }

    @inlinable
    func firstFilled(from position: Int) -> Index {
        var p = position
        while p < slots.count {
            if slots[p] != nil { return Index(slot: p, sparse: nil) }
            p += 1
        }
        return Index(slot: slots.count, sparse: sparse.startIndex)
    }

    @inlinable
    public var startIndex: Index { firstFilled(from: 0) }
    @inlinable
    public var endIndex: Index { Index(slot: slots.count, sparse: sparse.endIndex) }

    @inlinable
    public func index(after i: Index) -> Index {
        if i.slot < slots.count { return firstFilled(from: i.slot + 1) }
        return Index(slot: slots.count, sparse: sparse.index(after: i.sparse!))
    }

    @inlinable
    public subscript(position: Index) -> Element {
        if position.slot < slots.count { return (base + position.slot, slots[position.slot]!) }
        let e = sparse[position.sparse!]
        return (e.key, e.value)
    }

    /// The numbers, as `Dictionary.keys` (with a constant-time `contains`).
    @inlinable
    public var keys: Keys { Keys(table: self) }
    /// The values, as `Dictionary.values`.
    @inlinable
    public var values: Values { Values(table: self) }

    public struct Keys: Collection {
        @usableFromInline let table: NumberTable
        @inlinable init(table: NumberTable) { self.table = table }
        @inlinable public var startIndex: Index { table.startIndex }
        @inlinable public var endIndex: Index { table.endIndex }
        @inlinable public func index(after i: Index) -> Index { table.index(after: i) }
        @inlinable public subscript(position: Index) -> Int { table[position].key }
        @inlinable public var count: Int { table.count }
        @inlinable public var isEmpty: Bool { table.isEmpty }
        @inlinable public func contains(_ number: Int) -> Bool { table[number] != nil }
    }

    public struct Values: Collection {
        @usableFromInline let table: NumberTable
        @inlinable init(table: NumberTable) { self.table = table }
        @inlinable public var startIndex: Index { table.startIndex }
        @inlinable public var endIndex: Index { table.endIndex }
        @inlinable public func index(after i: Index) -> Index { table.index(after: i) }
        @inlinable public subscript(position: Index) -> Value { table[position].value }
        @inlinable public var count: Int { table.count }
        @inlinable public var isEmpty: Bool { table.isEmpty }
    }
}

extension NumberTable.Index: Sendable where Value: Sendable {}
extension NumberTable.Keys: Sendable where Value: Sendable {}
extension NumberTable.Values: Sendable where Value: Sendable {}
