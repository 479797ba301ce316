import CNcursesW
import Foundation
import HelpdeskCore
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal: ncursesw in raw mode, following the recipe in shared/NCURSES.md.
///
/// - Raw mode, so Ctrl-C, Ctrl-Z and Ctrl-S arrive as keys and the console decides what they mean.
/// - Each `draw` compares the frame with the previous one and hands ncurses only the changed cells,
///   then one `doupdate()`; ncurses' own optimiser turns that into the fewest bytes (clear-to-eol for
///   blank tails, no repaint of unchanged rows), which matters over slow SSH.
/// - Colours only when the terminal has them and `NO_COLOR` is unset; pairs are allocated on first use
///   and styles are degraded to 256, 16 or 8 colours, or to attributes alone.
/// - Bracketed paste is switched on, and a paste arrives as one `.paste` event.
/// - No SIGWINCH handler of our own: ncurses reports a resize as `KEY_RESIZE`, which becomes `.resize`.
public final class NcursesTerminal: Terminal {
    /// Why the terminal could not be started.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    public private(set) var size: Size
    public private(set) var capabilities: TerminalCapabilities
    public let inputFileDescriptor: Int32

    private var screen: OpaquePointer?
    private var ownedFiles: [UnsafeMutablePointer<FILE>] = []
    private var active = false
    private var suspended = false
    private var previous: CellBuffer?
    private var pendingEvents: [InputEvent] = []
    private var cursorShown: Bool?
    private var usesDefaultColors = false
    private var styleCache: [Style: (attrs: attr_t, pair: Int32)] = [:]
    private var pairCache: [Int32: Int32] = [:]  // (fg+1) << 10 | (bg+1)  →  pair number
    private var nextPair: Int32 = 1
    private let outputFileDescriptor: Int32

    private static let pasteOn = "\u{1B}[?2004h"
    private static let pasteOff = "\u{1B}[?2004l"

    /// Takes over the process's own terminal (stdin/stdout).
    /// Throws when `TERM` is unknown or missing, instead of letting ncurses exit the process.
    public convenience init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(terminalType: nil, inputFileDescriptor: 0, outputFileDescriptor: 1, locale: "",
                      environment: environment)
    }

    /// Runs on arbitrary descriptors; tests use pipes and files to watch exactly what is sent.
    /// - Parameters:
    ///   - terminalType: a terminfo name, or nil for `$TERM`.
    ///   - locale: passed to `setlocale(LC_ALL, …)`; "" means the user's environment.
    public init(terminalType: String?, inputFileDescriptor: Int32, outputFileDescriptor: Int32,
                locale: String = "", environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        // Without this ncurses treats every byte of UTF-8 as a separate Latin-1 character.
        setlocale(LC_ALL, locale)
        self.inputFileDescriptor = inputFileDescriptor
        self.outputFileDescriptor = outputFileDescriptor
        let type = terminalType ?? environment["TERM"]
        guard let type, !type.isEmpty else {
            throw StartError(description: "TERM is not set; the console needs a terminal type such as xterm-256color")
        }
        // Our own FILE objects: the C globals stdin/stdout are not reachable from Swift 6 code, and
        // duplicating the descriptors means closing these never closes the process's stdin/stdout.
        guard let output = fdopen(dup(outputFileDescriptor), "w"), let input = fdopen(dup(inputFileDescriptor), "r") else {
            throw StartError(description: "cannot open the terminal: \(String(cString: strerror(errno)))")
        }
        ownedFiles = [output, input]
        guard let screen = newterm(type, output, input) else {
            ownedFiles.forEach { fclose($0) }
            ownedFiles = []
            throw StartError(description: "unknown terminal type '\(type)'; try TERM=xterm-256color")
        }
        self.screen = screen
        set_term(screen)
        raw()
        noecho()
        nonl()  // Enter arrives as \r and is not translated, so Ctrl-J and Enter stay distinguishable if needed
        keypad(hd_stdscr(), true)
        set_escdelay(25)
        leaveok(hd_stdscr(), true)

        var colorSupport = ColorSupport.monochrome
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        if has_colors() && !noColor {
            start_color()
            usesDefaultColors = use_default_colors() == OK
            colorSupport = ColorSupport(colorCount: Int(hd_colors()))
        }
        capabilities = TerminalCapabilities(colors: colorSupport, unicode: hd_locale_is_utf8() != 0)
        size = Size(width: Int(hd_cols()), height: Int(hd_lines()))
        active = true
        setCursor(visible: false)
        sendControl(NcursesTerminal.pasteOn)
    }

    deinit { shutdown() }

    /// Writes a mode-setting sequence straight to the terminal. `putp` would go through C stdio's
    /// `stdout` buffer, which is neither our output descriptor in tests nor flushed when we need it.
    /// Only called when ncurses has nothing buffered (after start-up, endwin or reset_prog_mode) or
    /// where the order does not matter (modes are independent of what ncurses draws).
    private func sendControl(_ sequence: String) {
        let bytes = Array(sequence.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(outputFileDescriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            sent += n
        }
    }

    // MARK: - Output

    public func draw(_ buffer: CellBuffer) {
        guard active, !suspended else { return }
        let rows = min(buffer.size.height, size.height)
        let columns = min(buffer.size.width, size.width)
        let old: CellBuffer
        if let previous, previous.size == buffer.size {
            old = previous
        } else {
            werase(hd_stdscr())
            old = CellBuffer(size: buffer.size)
        }
        for y in 0..<rows {
            var x = 0
            while x < columns {
                let cell = buffer.cell(at: Point(x: x, y: y))!
                if cell.isContinuation || cell == old.cell(at: Point(x: x, y: y)) {
                    x += 1
                    continue
                }
                let next = x + 1 < columns ? buffer.cell(at: Point(x: x + 1, y: y)) : nil
                let previous = x > 0 ? buffer.cell(at: Point(x: x - 1, y: y)) : nil
                x += emit(cell, x: x, y: y, columns: columns, previous: previous, next: next)
            }
        }
        if let cursor = buffer.cursor, cursor.x < columns, cursor.y < rows, cursor.x >= 0, cursor.y >= 0 {
            setCursor(visible: true)
            wmove(hd_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursor(visible: false)
        }
        wnoutrefresh(hd_stdscr())
        doupdate()
        previous = buffer
    }

    /// Sends one cell to ncurses; returns how many columns it covered.
    private func emit(_ cell: Cell, x: Int, y: Int, columns: Int, previous: Cell?, next: Cell?) -> Int {
        let degraded = cell.style.degraded(to: capabilities.colors)
        let showsOnlyBackground = cell.grapheme == " " && degraded.bg == .default
            && degraded.attributes.isDisjoint(with: [.reverse, .underline])
        // A space that shows nothing but the default background looks the same in any foreground
        // colour or weight. Between two characters of one style (the gap in "on hold", or between a
        // yellow "high" and a yellow "pending") it takes their style, so the colour is not switched
        // off and on again; elsewhere it is written unstyled, so ncurses can use clear-to-eol.
        var style = cell.style
        if showsOnlyBackground {
            if let p = previous, let n = next, p.grapheme != " ", n.grapheme != " ", p.style == n.style,
               p.style.bg == .default, p.style.attributes.isDisjoint(with: [.reverse, .underline]) {
                style = p.style
            } else {
                style = .plain
            }
        }
        let (attrs, pair) = style == .plain ? (attr_t(0), Int32(0)) : attributes(for: style)
        let ours = cell.grapheme.first.map(TextWidth.width(of:)) ?? 1
        var scalars = Array(cell.grapheme.unicodeScalars)
        if scalars.isEmpty { scalars = [" "] }

        if !capabilities.unicode, scalars.count > 1 || scalars[0].value >= 0x80 {
            if let acs = NcursesTerminal.acsEquivalent[scalars[0]] {
                hd_put_acs(Int32(y), Int32(x), acs, attrs, pair)
                return 1
            }
            put(["?"], x: x, y: y, attrs: attrs, pair: pair)
            if ours == 2 { put([" "], x: x + 1, y: y, attrs: attrs, pair: pair) }
            return ours
        }

        // ncurses and the terminal measure with the C library's wcwidth; where it disagrees with our
        // width (emoji made wide by VS16, characters it does not know) we draw something of the width
        // it expects and fill the rest with a space, so every later column stays where we put it.
        let theirs = Int(wcwidth(wchar_t(bitPattern: scalars[0].value)))
        var chars: [Unicode.Scalar] = [scalars[0]]
        for scalar in scalars.dropFirst() {
            if scalar.value == 0x200D || chars.count == 4 { break }  // ZWJ sequences show as their first emoji
            if wcwidth(wchar_t(bitPattern: scalar.value)) == 0 { chars.append(scalar) }
        }
        if theirs == ours {
            put(chars, x: x, y: y, attrs: attrs, pair: pair)
        } else if theirs == 1 && ours == 2 {
            put(chars, x: x, y: y, attrs: attrs, pair: pair)
            if x + 1 < columns { put([" "], x: x + 1, y: y, attrs: attrs, pair: pair) }
        } else {
            put(["\u{FFFD}"], x: x, y: y, attrs: attrs, pair: pair)
            if ours == 2, x + 1 < columns { put([" "], x: x + 1, y: y, attrs: attrs, pair: pair) }
        }
        return max(1, ours)
    }

    private func put(_ scalars: [Unicode.Scalar], x: Int, y: Int, attrs: attr_t, pair: Int32) {
        var wide = scalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        _ = hd_put_cell(Int32(y), Int32(x), wide, attrs, pair)
    }

    /// Box-drawing glyphs and their VT100 line-drawing equivalents, for non-UTF-8 locales.
    private static let acsEquivalent: [Unicode.Scalar: CChar] = [
        "─": CChar(UInt8(ascii: "q")), "│": CChar(UInt8(ascii: "x")), "┌": CChar(UInt8(ascii: "l")),
        "┐": CChar(UInt8(ascii: "k")), "└": CChar(UInt8(ascii: "m")), "┘": CChar(UInt8(ascii: "j")),
        "╭": CChar(UInt8(ascii: "l")), "╮": CChar(UInt8(ascii: "k")), "╰": CChar(UInt8(ascii: "m")),
        "╯": CChar(UInt8(ascii: "j")), "├": CChar(UInt8(ascii: "t")), "┤": CChar(UInt8(ascii: "u")),
        "┬": CChar(UInt8(ascii: "w")), "┴": CChar(UInt8(ascii: "v")), "┼": CChar(UInt8(ascii: "n")),
        "█": CChar(UInt8(ascii: "0")), "▒": CChar(UInt8(ascii: "a")), "·": CChar(UInt8(ascii: "~")),
    ]

    /// The ncurses attributes and colour pair for a style, allocating the pair on first use.
    private func attributes(for style: Style) -> (attrs: attr_t, pair: Int32) {
        if let cached = styleCache[style] { return cached }
        let degraded = style.degraded(to: capabilities.colors)
        var attrs: attr_t = 0
        if degraded.attributes.contains(.bold) { attrs |= hd_attr_bold() }
        if degraded.attributes.contains(.dim) { attrs |= hd_attr_dim() }
        if degraded.attributes.contains(.underline) { attrs |= hd_attr_underline() }
        if degraded.attributes.contains(.reverse) { attrs |= hd_attr_reverse() }
        if degraded.attributes.contains(.italic) { attrs |= hd_attr_italic() }
        var pair: Int32 = 0
        if capabilities.colors != .monochrome, degraded.fg != .default || degraded.bg != .default {
            let fg = Int32(degraded.fg.paletteIndex ?? (usesDefaultColors ? -1 : Int(COLOR_WHITE)))
            let bg = Int32(degraded.bg.paletteIndex ?? (usesDefaultColors ? -1 : Int(COLOR_BLACK)))
            let key = (fg + 1) << 10 | (bg + 1)
            if let existing = pairCache[key] {
                pair = existing
            } else if nextPair < min(hd_color_pairs(), 32767) {
                // Running out of pairs is unlikely (themes use a few dozen); the fallback is plain text.
                if init_pair(Int16(nextPair), Int16(fg), Int16(bg)) == OK {
                    pair = nextPair
                    pairCache[key] = pair
                    nextPair += 1
                }
            }
        }
        styleCache[style] = (attrs, pair)
        return (attrs, pair)
    }

    private func setCursor(visible: Bool) {
        guard cursorShown != visible else { return }
        cursorShown = visible
        curs_set(visible ? 1 : 0)
        // With the cursor hidden, ncurses need not move it back after each update: fewer bytes.
        leaveok(hd_stdscr(), !visible)
    }

    // MARK: - Input

    public func readEvent(timeout milliseconds: Int) -> InputEvent? {
        guard active, !suspended else { return nil }
        if !pendingEvents.isEmpty { return pendingEvents.removeFirst() }
        var wait = milliseconds
        // Unknown escape sequences are swallowed; keep reading (without waiting again) after one.
        for _ in 0..<64 {
            guard let raw = readRaw(timeout: wait) else { return nil }
            wait = 0
            if let event = decode(raw) { return event }
        }
        return nil
    }

    private enum RawInput {
        case keyCode(Int32)
        case character(UInt32)
    }

    private func readRaw(timeout milliseconds: Int) -> RawInput? {
        wtimeout(hd_stdscr(), Int32(clamping: milliseconds < 0 ? -1 : milliseconds))
        var value: wint_t = 0
        let result = wget_wch(hd_stdscr(), &value)
        if result == ERR { return nil }
        return result == KEY_CODE_YES ? .keyCode(Int32(bitPattern: value)) : .character(value)
    }

    private func decode(_ raw: RawInput) -> InputEvent? {
        switch raw {
        case .keyCode(let code):
            if code == KEY_MOUSE { return readMouse() }
            if code == KEY_RESIZE {
                size = Size(width: Int(hd_cols()), height: Int(hd_lines()))
                previous = nil
                return .resize(size)
            }
            return NcursesTerminal.key(forCode: code).map(InputEvent.key)
        case .character(0x1B):
            return decodeAfterEscape()
        case .character(let value):
            return NcursesTerminal.key(forCharacter: value).map(InputEvent.key)
        }
    }

    /// ncurses has already waited ESCDELAY for a known key sequence; whatever follows at once is
    /// either Alt+key, the start of a bracketed paste, or a sequence terminfo does not know.
    private func decodeAfterEscape() -> InputEvent? {
        guard let next = readRaw(timeout: 0) else { return .key(.escape) }
        switch next {
        case .keyCode(let code):
            return NcursesTerminal.key(forCode: code).map(InputEvent.key)
        case .character(0x5B):  // "[": a control sequence
            var body = ""
            for _ in 0..<32 {
                guard case .character(let value)? = readRaw(timeout: 0), let scalar = Unicode.Scalar(value) else { break }
                body.unicodeScalars.append(scalar)
                if (0x40...0x7E).contains(value) { break }
            }
            if body.isEmpty { return .key(.alt("[")) }
            return body == "200~" ? .paste(readPaste()) : nil
        case .character(0x4F):  // "O": an SS3 key we do not know, or Alt-O
            guard readRaw(timeout: 0) != nil else { return .key(.alt("O")) }
            return nil
        case .character(let value):
            guard let key = NcursesTerminal.key(forCharacter: value) else { return .key(.escape) }
            if case .char(let character) = key { return .key(.alt(character)) }
            return .key(key == .escape ? .escape : key)
        }
    }

    /// Reads a bracketed paste straight from the descriptor in large chunks (ncurses would fetch one
    /// byte per system call), up to the closing `ESC [ 201 ~`. Gives up after half a second of silence
    /// so a lost end marker cannot hang the console.
    private func readPaste() -> String {
        let endMarker: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var leftover: [UInt8] = []
        while true {
            var descriptor = pollfd(fd: inputFileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 500)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { break }
            let count = read(inputFileDescriptor, &chunk, chunk.count)
            guard count > 0 else { break }
            let searchFrom = max(0, bytes.count - endMarker.count)
            bytes.append(contentsOf: chunk[0..<count])
            if let end = NcursesTerminal.find(endMarker, in: bytes, from: searchFrom) {
                leftover = Array(bytes[(end + endMarker.count)...])
                bytes.removeSubrange(end...)
                break
            }
        }
        // Keys typed right after the paste were read with it: give them back to ncurses, last first.
        let rest = String(decoding: leftover, as: UTF8.self)
        for scalar in rest.unicodeScalars.reversed() { unget_wch(wchar_t(bitPattern: scalar.value)) }
        // Terminals send Enter inside a paste as CR.
        return String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    static func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        default:
            let f0 = hd_key_f0()
            if code > f0 && code <= f0 + 48 { return .function(Int(code - f0)) }
            return nil  // keypad diagonals, mouse, modified arrows: not used
        }
    }

    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(value + 0x60)!))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        case 0x80...0x9F: return nil  // C1 controls are never keys
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    // MARK: - Lifecycle

    public func suspend() {
        guard active, !suspended else { return }
        def_prog_mode()
        endwin()
        sendControl(NcursesTerminal.pasteOff)
        suspended = true
    }

    public func resume() {
        guard active, suspended else { return }
        suspended = false
        reset_prog_mode()
        sendControl(NcursesTerminal.pasteOn)
        clearok(hd_curscr(), true)
        previous = nil
        cursorShown = nil
        // The user may have resized the window while the editor had it.
        var window = winsize()
        if ioctl(outputFileDescriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0, window.ws_col > 0,
           Int(window.ws_row) != size.height || Int(window.ws_col) != size.width {
            resizeterm(Int32(window.ws_row), Int32(window.ws_col))
        }
        let newSize = Size(width: Int(hd_cols()), height: Int(hd_lines()))
        if newSize != size {
            size = newSize
            pendingEvents.append(.resize(newSize))
        }
    }

    /// ncurses' mouse masks (`NCURSES_MOUSE_MASK(button, event)`, version 2 layout: five bits per
    /// button); the macros are function-like, so Swift cannot import them.
    private static let button1Pressed: mmask_t = 0o2
    private static let button1Clicked: mmask_t = 0o4
    private static let button1DoubleClicked: mmask_t = 0o10
    private static let button4Pressed: mmask_t = 0o2 << 15
    private static let button5Pressed: mmask_t = 0o2 << 20

    public func setMouse(enabled: Bool) {
        guard active else { return }
        let wanted = Self.button1Clicked | Self.button1DoubleClicked | Self.button1Pressed | Self.button4Pressed | Self.button5Pressed
        _ = mousemask(enabled ? wanted : 0, nil)
    }

    /// Reads the mouse event behind `KEY_MOUSE`.
    private func readMouse() -> InputEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let point = Point(x: Int(event.x), y: Int(event.y))
        let state = event.bstate
        if state & Self.button4Pressed != 0 { return .mouse(MouseEvent(.wheelUp, at: point)) }
        if state & Self.button5Pressed != 0 { return .mouse(MouseEvent(.wheelDown, at: point)) }
        if state & Self.button1DoubleClicked != 0 { return .mouse(MouseEvent(.doubleClick, at: point)) }
        if state & (Self.button1Clicked | Self.button1Pressed) != 0 { return .mouse(MouseEvent(.click, at: point)) }
        return nil
    }

    public func invalidate() {
        guard active, !suspended else { return }
        clearok(hd_curscr(), true)
        previous = nil
        cursorShown = nil
    }

    public func shutdown() {
        guard active else { return }
        active = false
        if !suspended {
            curs_set(1)
            endwin()
            sendControl(NcursesTerminal.pasteOff)
        }
        suspended = false
        if let screen { delscreen(screen) }
        screen = nil
        ownedFiles.forEach { fclose($0) }
        ownedFiles = []
    }
}
