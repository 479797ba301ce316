#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An in-memory terminal for tests: frames are kept instead of shown, and input is scripted.
///
/// Each queued event is mirrored by one byte in a pipe, so an event loop that `poll()`s
/// `inputFileDescriptor` behaves as it would with real input.
public final class MemoryTerminal: Terminal {
    public private(set) var size: Size
    public var capabilities: TerminalCapabilities
    /// The most recent frame drawn (blank before the first).
    public private(set) var lastBuffer: CellBuffer
    /// How many frames were drawn.
    public private(set) var frameCount = 0
    public private(set) var suspendCount = 0
    public private(set) var resumeCount = 0
    public private(set) var isShutDown = false
    private var queue: [InputEvent] = []
    private var pipeFDs: [Int32] = [-1, -1]

    public init(size: Size = Size(width: 80, height: 24), capabilities: TerminalCapabilities = .full) {
        self.size = size
        self.capabilities = capabilities
        self.lastBuffer = CellBuffer(size: size)
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            pipeFDs = fds
        }
    }

    deinit {
        for fd in pipeFDs where fd >= 0 { close(fd) }
    }

    public var inputFileDescriptor: Int32 { pipeFDs[0] }

    /// The last frame's rows joined by newlines.
    public var screenText: String { lastBuffer.text }

    /// The last frame's rows.
    public var screenLines: [String] { lastBuffer.lines }

    public func draw(_ buffer: CellBuffer) {
        lastBuffer = buffer
        frameCount += 1
    }

    public func readEvent(timeout milliseconds: Int) -> InputEvent? {
        guard !queue.isEmpty else { return nil }
        var byte: UInt8 = 0
        _ = read(pipeFDs[0], &byte, 1)
        return queue.removeFirst()
    }

    /// How many times the console asked for a full repaint (Ctrl-L).
    public private(set) var invalidateCount = 0

    public func invalidate() { invalidateCount += 1 }
    /// Whether the console asked for mouse events.
    public private(set) var mouseEnabled = false
    public func setMouse(enabled: Bool) { mouseEnabled = enabled }
    public func suspend() { suspendCount += 1 }
    public func resume() { resumeCount += 1 }
    public func shutdown() { isShutDown = true }

    /// Queues any event.
    public func feed(_ event: InputEvent) {
        queue.append(event)
        var byte: UInt8 = 1
        _ = write(pipeFDs[1], &byte, 1)
    }

    /// Queues key presses.
    public func feed(keys: [Key]) {
        for key in keys { feed(.key(key)) }
    }

    /// Queues key presses by name: `feed(keyNames: "j", "j", "Enter")`.
    public func feed(keyNames: String...) {
        for name in keyNames {
            guard let key = Key(name: name) else { preconditionFailure("unknown key name '\(name)' in a test script") }
            feed(.key(key))
        }
    }

    /// Queues typed text, one `.char` per character (newlines as Enter, tabs as Tab).
    public func feed(text: String) {
        for character in text {
            switch character {
            case "\n", "\r", "\r\n": feed(.key(.enter))
            case "\t": feed(.key(.tab))
            default: feed(.key(.char(character)))
            }
        }
    }

    /// Queues a bracketed paste.
    public func feed(paste text: String) { feed(.paste(text)) }

    /// Events not read yet.
    public var pendingEventCount: Int { queue.count }

    /// Simulates the user resizing the window: changes `size` and queues `.resize`.
    public func resize(to newSize: Size) {
        size = newSize
        feed(.resize(newSize))
    }
}
