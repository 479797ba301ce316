import Crypto
import Foundation
import HelpdeskCore

/// What signatures cost a team store: opening with a long log tail (every record's signature is
/// checked), appending (each record is signed), and one Ed25519 signature and check on their own.
/// `helpdesk bench --team-tail N` runs it; use a release build.
public enum TeamBenchmark {
    public struct Result: Codable, Sendable {
        public var tailEvents: Int
        /// Median seconds to open the store with `tailEvents` records after the last snapshot: the
        /// first time (every signature checked) and again (checked ones found in `SignatureCache`).
        public var openSignedColdSeconds: Double
        public var openSignedSeconds: Double
        public var openUnsignedSeconds: Double
        /// Median seconds of one `append` of one note (lock, sign, fdatasync).
        public var appendSignedSeconds: Double
        public var appendUnsignedSeconds: Double
        public var signMicroseconds: Double
        public var verifyMicroseconds: Double

        public var table: String {
            func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
            return """
            open with a \(tailEvents)-record tail: signed \(ms(openSignedColdSeconds)) the first time, \(ms(openSignedSeconds)) again; unsigned \(ms(openUnsignedSeconds)) (medians of 5)
            append one note: signed \(ms(appendSignedSeconds)), unsigned \(ms(appendUnsignedSeconds)) (medians of 50)
            Ed25519: sign \(String(format: "%.1f", signMicroseconds)) µs, verify \(String(format: "%.1f", verifyMicroseconds)) µs (medians of 1000)
            """
        }
    }

    public static func run(tailEvents: Int, in directory: URL) throws -> Result {
        guard let group = getgrgid(getegid()), let name = group.pointee.gr_name else {
            throw StoreError.unknownGroup("gid \(getegid())")
        }
        let login = AgentIdentity.loginName()
        let key = AgentKey.generate()
        let now = Date(timeIntervalSince1970: 1_798_761_600)
        func build(_ dir: URL, shared: Bool) throws -> [Double] {
            let info = StoreInfo(mode: shared ? .shared : .single, group: shared ? String(cString: name) : nil,
                                 createdAt: now, createdBy: login)
            let store = try FileStore.create(at: dir, info: info, creator: Agent(login: login, displayName: login, role: .supervisor),
                                             signingKey: key, clock: { now })
            store.compactionThreshold = Int.max
            let customer = try store.append([.customerCreated(Customer(id: "", name: "Ada", emails: ["ada@x.test"], customerSince: now))])
            guard case .customerCreated(let c) = customer[0].change else { return [] }
            var changes: [Change] = (0..<100).map { _ in
                .ticketCreated(NewTicket(subject: "Order question", requester: c.id,
                                         message: Message(kind: .customer, author: c.id, body: "Where is my order?", at: now)))
            }
            _ = try store.append(changes)
            let body = String(repeating: "Checked with the courier; it leaves tomorrow. ", count: 5)
            changes = (0..<(tailEvents - 102)).map { i in
                .messageAdded(number: 1001 + i % 100, message: Message(kind: .note, author: login, body: body, at: now))
            }
            var start = 0
            while start < changes.count {
                let end = min(changes.count, start + 5_000)
                _ = try store.append(Array(changes[start..<end]))
                start = end
            }
            var appends: [Double] = []
            for i in 0..<50 {
                let t = DispatchTime.now()
                _ = try store.append([.messageAdded(number: 1001 + i, message: Message(kind: .note, author: login, body: body, at: now))])
                appends.append(seconds(since: t))
            }
            return appends
        }
        func opens(_ dir: URL, cold: Bool = false) throws -> Double {
            var runs: [Double] = []
            for _ in 0..<5 {
                if cold, let id = try FileStore.open(at: dir, actor: login).info.id {
                    unlink(SignatureCache.path(storeID: id))
                }
                let t = DispatchTime.now()
                let store = try FileStore.open(at: dir, actor: login)
                runs.append(seconds(since: t))
                precondition(store.state.lastSeq >= tailEvents)
            }
            return median(runs)
        }
        let signedDir = directory.appendingPathComponent("signed")
        let unsignedDir = directory.appendingPathComponent("unsigned")
        let signedAppends = try build(signedDir, shared: true)
        let unsignedAppends = try build(unsignedDir, shared: false)

        let message = [UInt8](repeating: 0x61, count: 600)
        var signs: [Double] = []
        var verifies: [Double] = []
        let publicKey = key.privateKey.publicKey
        for _ in 0..<1000 {
            var t = DispatchTime.now()
            let signature = try key.signature(message)
            signs.append(seconds(since: t))
            t = DispatchTime.now()
            precondition(publicKey.isValidSignature(signature, for: message))
            verifies.append(seconds(since: t))
        }
        let cold = try opens(signedDir, cold: true)
        let storeID = try FileStore.open(at: signedDir, actor: login).info.id ?? ""
        defer { unlink(SignatureCache.path(storeID: storeID)) }   // the benchmark's store goes; so does its cache
        return Result(tailEvents: tailEvents, openSignedColdSeconds: cold, openSignedSeconds: try opens(signedDir), openUnsignedSeconds: try opens(unsignedDir),
                      appendSignedSeconds: median(signedAppends), appendUnsignedSeconds: median(unsignedAppends),
                      signMicroseconds: median(signs) * 1e6, verifyMicroseconds: median(verifies) * 1e6)
    }

    private static func seconds(since t: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9
    }

    private static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.isEmpty ? 0 : s[s.count / 2]
    }
}
