import Glibc

/// Turns SIGHUP (an SSH drop), SIGTERM and SIGQUIT into bytes on a pipe the event loop polls, so
/// the console can save what it must and restore the terminal from its normal code path instead of
/// inside a signal handler. SIGWINCH is left to ncurses (it delivers KEY_RESIZE).
public final class SignalWatcher {
    public static let watched: [Int32] = [SIGHUP, SIGTERM, SIGQUIT]

    /// The end the event loop polls.
    public let readDescriptor: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }
        readDescriptor = fds[0]
        signalPipeWriteEnd = fds[1]
        for sig in Self.watched { signal(sig, forwardSignal) }
        // A vanished terminal or a closed pipe must not kill the process before drafts are saved.
        signal(SIGPIPE, SIG_IGN)
    }

    /// The signals that arrived since the last call.
    public func drain() -> [Int32] {
        var got: [Int32] = []
        var byte: UInt8 = 0
        while read(readDescriptor, &byte, 1) == 1 { got.append(Int32(byte)) }
        return got
    }

    deinit {
        for sig in Self.watched { signal(sig, SIG_DFL) }
        signalPipeWriteEnd = -1
    }
}

// The handler may only touch async-signal-safe state: one descriptor and write(2).
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

private func forwardSignal(_ sig: Int32) {
    var byte = UInt8(truncatingIfNeeded: sig)
    _ = write(signalPipeWriteEnd, &byte, 1)
}
