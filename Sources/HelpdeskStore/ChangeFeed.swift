import Foundation

/// Wakes a reader when another process may have written to the store.
///
/// Poll `fileDescriptor` for input (with the terminal's descriptor, in the console's event loop);
/// when it is readable, call `drain()` and, if it says so, `store.refresh()`. Two mechanisms:
/// - inotify on the log directory (`IN_MODIFY` for appends, `IN_CREATE`/`IN_MOVED_TO` for a new
///   segment after compaction): a writer's append reaches a reader in about a millisecond;
/// - where inotify is unavailable (some network filesystems, exhausted watch limits), a background
///   thread compares the newest segment's name, size and modification time every 250 ms, as `tail -F`
///   does, and makes the descriptor (one end of a socket pair) readable when they change.
public final class ChangeFeed {
    /// How changes are noticed.
    public enum Mechanism: String, Sendable { case inotify, polling }

    public let mechanism: Mechanism
    /// Readable when something may have changed.
    public let fileDescriptor: Int32
    private let directory: String
    private var watch: Int32 = -1
    private var poller: Poller?

    static let pollInterval = 250   // milliseconds
    private static let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO)

    /// Watches a store's log directory; `polling` forces the fallback (for tests).
    init(watching directory: String, polling: Bool = false) {
        self.directory = directory
        if !polling {
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            if fd >= 0 {
                let wd = inotify_add_watch(fd, directory, Self.mask)
                if wd >= 0 {
                    mechanism = .inotify
                    fileDescriptor = fd
                    watch = wd
                    return
                }
                close(fd)
            }
        }
        mechanism = .polling
        var pair: [Int32] = [-1, -1]
        if socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) != 0 {
            pair = [-1, -1]
        }
        fileDescriptor = pair[0]
        if pair[0] >= 0 {
            _ = fcntl(pair[0], F_SETFL, fcntl(pair[0], F_GETFL) | O_NONBLOCK)
            poller = Poller(directory: directory, writeEnd: pair[1])
            poller?.start()
        }
    }

    deinit {
        poller?.stop()
        if fileDescriptor >= 0 { close(fileDescriptor) }
    }

    /// Empties the descriptor. True when something may have changed (refresh to find out).
    public func drain() -> Bool {
        switch mechanism {
        case .inotify: return drainInotify()
        case .polling:
            var changed = false
            var buffer = [UInt8](repeating: 0, count: 64)
            while fileDescriptor >= 0, read(fileDescriptor, &buffer, buffer.count) > 0 { changed = true }
            return changed
        }
    }

    private func drainInotify() -> Bool {
        var changed = false
        let size = 4096
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = read(fileDescriptor, buffer, size)
            if n <= 0 { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                if event.mask & UInt32(IN_IGNORED) != 0 {
                    // The directory was removed or replaced: watch its successor.
                    watch = inotify_add_watch(fileDescriptor, directory, Self.mask)
                }
                changed = true
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
        return changed
    }

    /// The polling fallback's thread. It owns the socket's write end and closes it when it stops;
    /// `send(MSG_NOSIGNAL)` so a closed reader cannot raise SIGPIPE.
    private final class Poller: @unchecked Sendable {
        let directory: String
        let writeEnd: Int32
        private let lock = NSLock()
        private var stopped = false

        init(directory: String, writeEnd: Int32) {
            self.directory = directory
            self.writeEnd = writeEnd
        }

        func start() {
            let thread = Thread { [self] in run() }
            thread.name = "helpdesk-store-poll"
            thread.start()
        }

        func stop() {
            lock.lock()
            stopped = true
            lock.unlock()
        }

        private var isStopped: Bool {
            lock.lock()
            defer { lock.unlock() }
            return stopped
        }

        private func run() {
            var last = newest()
            while !isStopped {
                usleep(useconds_t(ChangeFeed.pollInterval * 1000))
                let now = newest()
                if now.map({ "\($0)" }) != last.map({ "\($0)" }) {
                    var byte: UInt8 = 1
                    _ = send(writeEnd, &byte, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                    last = now
                }
            }
            close(writeEnd)
        }

        /// Name, size and modification time of the newest log segment.
        private func newest() -> (name: String, size: Int, mtime: Int)? {
            guard let last = try? EventLog.segments(in: directory).last else { return nil }
            var st = stat()
            guard stat(directory + "/" + last.name, &st) == 0 else { return nil }
            return (last.name, Int(st.st_size), Int(st.st_mtim.tv_sec) * 1_000_000_000 + Int(st.st_mtim.tv_nsec))
        }
    }
}
