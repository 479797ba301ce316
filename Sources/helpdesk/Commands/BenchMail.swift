import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk bench --mail N [--mail-kills K]`: mail intake measured with real processes on a fresh
/// store — `ingest` of N messages from a Maildir (messages per second), `deliver` of a 20 KB message
/// (median wall time including process start), and K `kill -9`s at random moments of an ingest,
/// after which every message must be stored exactly once with none left in `new/`.
struct MailBenchmark {
    let messages: Int
    let kills: Int

    private var executable: String { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path }

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-mail-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store").path
        guard try child(["init", "--store", store, "--support-address", "support@helpdesk.test"]) == 0 else {
            throw UserError("could not create the benchmark store")
        }

        let maildir = try makeMaildir(dir.appendingPathComponent("Maildir").path, prefix: "in")
        let start = Date()
        guard try child(["ingest", "--store", store, "--maildir", maildir]) == 0 else { throw UserError("ingest failed") }
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "ingest: %d messages in %.2f s, %.0f messages/s (one process, batches of 200)", messages, seconds, Double(messages) / seconds))

        let body = String(repeating: "A line of a customer's mail, long enough to be typical. ", count: 360)
        var times: [Double] = []
        for i in 0..<21 {
            let t = Date()
            guard try child(["deliver", "--store", store], stdin: Self.mail(id: "deliver-\(i)@bench", body: body)) == 0 else {
                throw UserError("deliver failed")
            }
            times.append(Date().timeIntervalSince(t) * 1000)
        }
        times.sort()
        print(String(format: "deliver: %.1f ms median of 21 (a %d KB message, process start included; min %.1f, max %.1f)",
                     times[10], body.utf8.count / 1024, times[0], times[20]))

        guard kills > 0 else { return }
        let killDir = try makeMaildir(dir.appendingPathComponent("KillMaildir").path, prefix: "kill")
        var sent = 0
        for _ in 0..<kills {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = ["ingest", "--store", store, "--maildir", killDir, "--batch", "10"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(UInt32.random(in: 20_000...300_000))
            if kill(p.processIdentifier, SIGKILL) == 0 { sent += 1 }
            p.waitUntilExit()
            if (try? FileManager.default.contentsOfDirectory(atPath: killDir + "/new"))?.isEmpty == true { break }
        }
        guard try child(["ingest", "--store", store, "--maildir", killDir]) == 0 else { throw UserError("the last ingest failed") }
        let reader = try FileStore.open(at: URL(fileURLWithPath: store), actor: "bench")
        var counts: [String: Int] = [:]
        for n in reader.state.tickets.keys {
            for e in try reader.history(ofTicket: n) {
                if case .mailReceived(let m) = e.change, m.messageID?.hasPrefix("kill-") == true { counts[m.key, default: 0] += 1 }
            }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: killDir + "/new").count
        let twice = counts.values.filter { $0 > 1 }.count
        print("kill -9 during ingest: \(sent) kills; \(counts.count) of \(messages) stored, \(twice) twice, \(left) left in new/")
        guard counts.count == messages, twice == 0, left == 0 else { throw UserError("intake lost or repeated mail under kill -9") }
    }

    static func mail(id: String, body: String) -> String {
        "From: Customer <customer@example.org>\r\nTo: support@helpdesk.test\r\nSubject: Bench \(id)\r\nMessage-ID: <\(id)>\r\n"
            + "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n\(body)\r\n"
    }

    private func makeMaildir(_ path: String, prefix: String) throws -> String {
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true)
        }
        for i in 0..<messages {
            let text = Self.mail(id: "\(prefix)-\(i)@bench", body: "Message \(i) of the benchmark.")
            try text.write(toFile: "\(path)/new/\(i).bench", atomically: false, encoding: .utf8)
        }
        return path
    }

    private func child(_ arguments: [String], stdin: String? = nil) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        let input = Pipe()
        if stdin != nil { p.standardInput = input } else { p.standardInput = FileHandle.nullDevice }
        try p.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
