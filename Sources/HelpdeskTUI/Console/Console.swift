import Foundation
import Glibc
import HelpdeskCore
import HelpdeskStore

/// The console: owns the terminal, the store, the screen stack, the status line and the `:` prompt,
/// and runs the one event loop that waits on keys, resizes, the store's change feed, signals and a
/// one-second tick without busy-waiting.
public final class Console {
    public let store: Store
    public let terminal: Terminal
    public private(set) var theme: Theme
    public private(set) var keyMap: KeyMap
    public let themeLoader: ThemeLoader
    private let clock: () -> Date
    /// The time of the current frame (passed to every screen, so one frame shows one time).
    public private(set) var now: Date

    public private(set) var screens: [Screen] = []
    public private(set) var message: StatusMessage?
    private var prompt: CommandPrompt?
    private var overlay: Overlay?
    private var running = true
    private var lastFrame: CellBuffer?
    /// Bumped when something outside the frame diff needs a repaint (Ctrl-L, a theme change).
    private var forceRepaint = false

    /// This console's presence heartbeat and what other consoles are doing (the store's `PresenceBackend`).
    public private(set) var presence: PresenceTracker?

    /// Drafts of this agent and the outbox courier (see `DraftingSupport`).
    public let drafting = DraftingSupport()

    /// The exit status `run()` returns.
    public private(set) var exitCode: Int32 = 0

    /// A modal popup over the screens.
    private enum Overlay {
        case picker(PickerWidget, (Int) -> Void)
        case confirm(ConfirmDialog, () -> Void)
        /// A question; the handler returns why the answer is refused (the dialog stays), or nil.
        case input(InputDialog, (String) -> String?)
        /// A form; `submit` returns why it is refused (the form stays), or nil when it was taken.
        case form(FormWidget, FormActions)
    }

    /// The smallest size the screens can be drawn at; below it a notice is shown instead.
    public static let minimumSize = Size(width: 40, height: 8)

    public init(store: Store, terminal: Terminal, theme: Theme = .builtinDefault,
                keyMap: KeyMap = DefaultBindings.keyMap, themeLoader: ThemeLoader = ThemeLoader(),
                clock: @escaping () -> Date = { Date() }) {
        self.store = store
        self.terminal = terminal
        self.theme = theme
        self.keyMap = keyMap
        self.themeLoader = themeLoader
        self.clock = clock
        self.now = clock()
        screens = [QueueScreen(console: self)]
        presence = PresenceTracker(files: store.presenceFiles())
    }

    // MARK: Facts screens use

    public var state: HelpdeskState { store.state }
    public var me: String { store.actor }
    public var localTime: LocalTime { LocalTime(identifier: state.settings.timeZone) }
    public var unicode: Bool { terminal.capabilities.unicode }
    public var topScreen: Screen { screens[screens.count - 1] }
    public var queue: QueueScreen { screens[0] as! QueueScreen }
    /// Whether this console's login is an active agent on the roster: the store refuses every
    /// write of anyone else, so background work (the SLA watcher) does not try.
    public var canWrite: Bool { state.agents[me]?.active == true }

    public var viewContext: ViewContext {
        let start = localTime.startOfDay(now)
        // The next midnight, found from noon tomorrow so a 23- or 25-hour day comes out right.
        let end = localTime.startOfDay(start.addingTimeInterval(36 * 3600))
        var context = ViewContext(me: me, now: now, startOfToday: start, endOfToday: end,
                                  promiseDue: ViewContext.promiseDue(in: state))
        context.state = state
        context.sla = state.slaClock
        return context
    }

    public func style(_ role: StyleRole) -> Style { theme[role] }

    // MARK: The event loop

    /// Runs until the user quits or a signal (SIGHUP on an SSH drop, SIGTERM) ends the session.
    /// The terminal is restored on every way out.
    public func run() -> Int32 {
        let signals = SignalWatcher()
        defer {
            presence?.withdraw()
            terminal.shutdown()
        }
        while running {
            tick()
            drawIfNeeded()
            var fds = [
                pollfd(fd: terminal.inputFileDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: store.changeFeed.fileDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            // Wake at the next second boundary for the clock and countdowns.
            var ms = 1000 - Int(clock().timeIntervalSince1970.truncatingRemainder(dividingBy: 1) * 1000)
            // ... or earlier when a draft is due to be saved.
            if let draftMs = millisecondsUntilDraftSave() { ms = min(ms, draftMs) }
            _ = poll(&fds, nfds_t(fds.count), Int32(max(1, ms)))
            let caught = signals.drain()
            if !caught.isEmpty {
                // SIGHUP (the SSH link dropped), SIGTERM, SIGQUIT: save drafts, then leave cleanly with
                // the terminal restored (everything acknowledged is already on disk).
                saveAllDrafts()
                exitCode = 128 + caught[0]
                running = false
                break
            }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                // The terminal is gone (the SSH connection closed without a SIGHUP reaching us).
                saveAllDrafts()
                exitCode = 129
                running = false
                break
            }
            // ncurses may hold input poll cannot see (and a resize arrives as an event): always drain.
            while running, let event = terminal.readEvent(timeout: 0) {
                handle(event)
            }
            if fds[1].revents != 0, store.changeFeed.drain() {
                refreshFromStore()
            }
        }
        return exitCode
    }

    /// Advances the clock and expires old messages.
    public func tick() {
        now = clock()
        if let m = message, m.isExpired(now: now) { message = nil }
        presence?.update(console: self)
        for keeper in draftKeepers { keeper.saveDraftIfDue(console: self) }
        drafting.tick(console: self)
    }

    /// Renders and sends a frame if it differs from the last one (the backend sends only changed cells).
    public func drawIfNeeded() {
        let frame = render()
        if forceRepaint || frame != lastFrame {
            terminal.draw(frame)
            lastFrame = frame
            forceRepaint = false
        }
    }

    // MARK: Input

    /// Handles one input event: overlays first, then the prompt, then a text field, then key bindings.
    public func handle(_ event: InputEvent) {
        if case .resize = event {
            lastFrame = nil
            return
        }
        if case .mouse(let mouse) = event {
            // Popups, the prompt and text fields take keys only: a stray click must not act behind them.
            if overlay == nil, prompt == nil, !topScreen.capturesText { topScreen.handleMouse(mouse, console: self) }
            return
        }
        if case .key = event, message?.kind == .error || message?.kind == .warning { message = nil }
        if let overlay {
            handleOverlay(overlay, event)
            return
        }
        if prompt != nil {
            handlePrompt(event)
            return
        }
        if topScreen.capturesText {
            // F1 reaches help from a text field without typing into it (every other key types).
            if case .key(.function(1)) = event, !(topScreen is HelpScreen) {
                execute(CommandInvocation("help", []))
                return
            }
            topScreen.handleText(event, console: self)
            return
        }
        guard case .key(let key) = event else { return }
        if let binding = keyMap.binding(for: key, on: topScreen.bindingTable) {
            execute(binding.command)
        } else if case .char = key {
            show("\(key.name) does nothing here — press ? for the keys of this screen", kind: .warning)
        }
    }

    private func handleOverlay(_ overlay: Overlay, _ event: InputEvent) {
        switch overlay {
        case .picker(var picker, let choose):
            let result = picker.handle(event)
            switch result {
            case .submitted:
                self.overlay = nil
                if let index = picker.selectedItemIndex { choose(index) }
            case .cancelled:
                self.overlay = nil
            default:
                self.overlay = .picker(picker, choose)
            }
        case .confirm(var dialog, let yes):
            guard case .key(let key) = event else { return }
            switch dialog.handle(key) {
            case .submitted:
                self.overlay = nil
                yes()
            case .cancelled:
                self.overlay = nil
            default:
                self.overlay = .confirm(dialog, yes)
            }
        case .input(var dialog, let submit):
            switch dialog.handle(event) {
            case .submitted:
                self.overlay = nil
                if let refusal = submit(dialog.text) {
                    dialog.error = refusal
                    if self.overlay == nil { self.overlay = .input(dialog, submit) }
                }
            case .cancelled:
                self.overlay = nil
            default:
                self.overlay = .input(dialog, submit)
            }
        case .form(var form, let actions):
            switch form.handle(event) {
            case .submitted:
                self.overlay = nil
                if let refusal = actions.submit(form) {
                    form.note = refusal
                    if self.overlay == nil { self.overlay = .form(form, actions) }
                }
            case .cancelled:
                self.overlay = nil
            default:
                actions.changed(&form)
                self.overlay = .form(form, actions)
            }
        }
    }

    private func handlePrompt(_ event: InputEvent) {
        guard var p = prompt else { return }
        switch p.handle(event) {
        case .submitted:
            prompt = nil
            let line = p.text
            guard let invocation = CommandInvocation(parsing: line) else { return }
            execute(invocation)
        case .cancelled:
            prompt = nil
        default:
            prompt = p
        }
    }

    // MARK: Commands

    /// Runs a named command: the top screen first, then the console's own.
    public func execute(_ command: CommandInvocation) {
        var command = command
        if let spec = DefaultBindings.spec(named: command.name) { command.name = spec.name }
        if !canWrite, DefaultBindings.writing.contains(command.name) {
            show(RosterBanner.refusal(command: command.name, login: me), kind: .warning)
            return
        }
        if topScreen.perform(command, console: self) { return }
        switch command.name {
        case "quit":
            quit()
        case "back":
            if screens.count > 1 { popScreen() } else { quit() }
        case "help":
            let topic = command.argumentText == "query" ? "query" : nil
            if !(topScreen is HelpScreen) { push(HelpScreen(for: topScreen, console: self, topic: topic)) }
        case "prompt":
            prompt = CommandPrompt(commands: DefaultBindings.commands, console: self)
        case "refresh":
            refreshFromStore()
            show("Up to date (event \(state.lastSeq))")
        case "redraw":
            // The terminal's own record of the screen is what is wrong: it must forget it too, or the
            // diff against it sends nothing.
            terminal.invalidate()
            forceRepaint = true
            lastFrame = nil
        case "theme":
            switchTheme(command.argumentText)
        case "new-ticket":
            NewTicketForm.open(console: self)
        case "stats":
            if !(topScreen is StatsScreen) { push(StatsScreen(console: self)) }
        case "templates":
            if !(topScreen is TemplatesScreen) { push(TemplatesScreen(console: self)) }
            _ = topScreen.perform(command, console: self)
        case "open", "view":
            // Ticket numbers and views belong to the queue: go back to it and let it act.
            while screens.count > 1 { popScreen() }
            _ = queue.perform(command, console: self)
        default:
            if DefaultBindings.spec(named: command.name) != nil {
                show(":\(command.name) does not apply on this screen", kind: .warning)
            } else {
                show("unknown command ':\(command.name)' — Tab completes, :help lists them", kind: .error)
            }
        }
    }

    /// Quits, asking first only if a screen holds unsaved work.
    public func quit() {
        // Drafts are saved, not lost: only what could not be saved is worth a question.
        saveAllDrafts()
        if screens.contains(where: \.hasUnsavedWork) {
            confirm(title: "Quit", message: "You have unsaved work. Quit anyway?") { [weak self] in self?.running = false }
        } else {
            running = false
        }
    }

    public var isRunning: Bool { running }

    private func switchTheme(_ name: String) {
        guard !name.isEmpty else {
            show("themes: " + themeLoader.available().joined(separator: ", "))
            return
        }
        do {
            theme = try themeLoader.load(nameOrPath: name)
            forceRepaint = true
            show("Theme \(theme.name)")
        } catch {
            show("\(error)", kind: .error)
        }
    }

    // MARK: Screens and popups

    public func push(_ screen: Screen) { screens.append(screen) }

    /// Swaps the top screen for another (`]` opens the next ticket in place of this one), so going
    /// back still lands where the agent came from.
    public func replaceTop(with screen: Screen) {
        guard screens.count > 1 else { return push(screen) }
        screens[screens.count - 1] = screen
    }

    public func popScreen() {
        guard screens.count > 1 else { return }
        screens.removeLast()
    }

    public func show(_ text: String, kind: StatusMessage.Kind = .info) {
        message = StatusMessage(text, kind: kind, at: now)
    }

    /// Opens a picker; `choose` gets the index of the chosen item.
    public func pick(_ picker: PickerWidget, choose: @escaping (Int) -> Void) {
        overlay = .picker(picker, choose)
    }

    public func confirm(title: String, message: String, yes: @escaping () -> Void) {
        overlay = .confirm(ConfirmDialog(title: title, message: message), yes)
    }

    /// Asks a one-line question. `submit` gets the text and returns why it is refused (the dialog
    /// stays open showing that, with the text kept) or nil when it was taken.
    public func ask(_ dialog: InputDialog, submit: @escaping (String) -> String?) {
        overlay = .input(dialog, submit)
    }

    /// Opens a form (see `FormActions`).
    public func fill(_ form: FormWidget, actions: FormActions) {
        var form = form
        actions.changed(&form)
        overlay = .form(form, actions)
    }

    /// The open form, if one is (for presence and tests).
    public var openForm: FormWidget? {
        if case .form(let f, _)? = overlay { return f }
        return nil
    }

    public var hasOverlay: Bool { overlay != nil || prompt != nil }

    // MARK: The store

    /// Appends changes as this console's agent. On success the screens are told; on a refusal (a
    /// stale change, a validation error) the message says why and nothing is changed.
    @discardableResult
    public func write(_ changes: [Change], done: String, then: (([Event]) -> Void)? = nil) -> Bool {
        do {
            let events = try commit(changes)
            if !done.isEmpty { show(done) }
            then?(events)
            return true
        } catch let error as ChangeError {
            if case .stale(let stale) = error {
                // Show what changed underneath, then offer to put this change on top of it.
                refreshFromStore()
                offerReapply(changes, stale: stale, done: done, then: then)
                return false
            }
            show("Not saved: \(error)", kind: .error)
        } catch {
            show("Not saved: \(error)", kind: .error)
        }
        return false
    }

    /// Appends changes and tells the screens; errors are the caller's to report (bulk actions
    /// collect them into one summary).
    @discardableResult
    func commit(_ changes: [Change]) throws -> [Event] {
        let events = try store.append(changes)
        notifyScreens(events)
        return events
    }

    /// Tells the screens about events this console appended by another path (the reply sender).
    public func didAppend(_ events: [Event]) {
        if !events.isEmpty { notifyScreens(events) }
    }

    /// Reads what other processes wrote and lets the screens update.
    public func refreshFromStore() {
        do {
            let events = try store.refresh()
            if !events.isEmpty || store.lastRefreshReloaded { notifyScreens(events) }
            if let notice = NewMailNotice.text(for: events, state: state, me: me) { show(notice) }
        } catch {
            show("Cannot read the store: \(error)", kind: .error)
        }
    }

    private func notifyScreens(_ events: [Event]) {
        for screen in screens { screen.storeChanged(events, console: self) }
    }

    // MARK: Drawing

    /// Renders the whole frame: the top screen, the status line, the prompt or message line, popups.
    public func render() -> CellBuffer {
        let size = terminal.size
        var buffer = CellBuffer(size: size)
        let full = Rect(size: size)
        guard size.width >= Self.minimumSize.width, size.height >= Self.minimumSize.height else {
            renderTooSmall(in: full, buffer: &buffer)
            return buffer
        }
        var parts = full.splitRows([.fill(1), .fixed(1), .fixed(1)])
        if let banner = RosterBanner.text(login: me, state: state) {
            let rows = full.splitRows([.fixed(1), .fill(1), .fixed(1), .fixed(1)])
            RosterBanner.render(banner, in: rows[0], buffer: &buffer, console: self)
            parts = Array(rows.dropFirst())
        }
        topScreen.render(in: parts[0], buffer: &buffer, console: self)
        StatusBar.render(in: parts[1], buffer: &buffer, console: self)
        if var p = prompt {
            p.render(in: parts[2], buffer: &buffer, console: self)
            prompt = p
        } else if let message {
            let role: StyleRole = message.kind == .error ? .statusError : (message.kind == .warning ? .statusWarning : .text)
            buffer.fill(parts[2], style: style(role))
            // Cut at a word with "…", so a cut message never reads as a different one.
            buffer.put(" " + Truncation.words(Sanitizer.sanitize(message.text, options: .singleLine), toWidth: parts[2].width - 1),
                       at: parts[2].origin, style: style(role), maxWidth: parts[2].width)
        } else if let hint = topScreen.hint(console: self) {
            // In the terminal's own colour, and short of the last column (writing the bottom-right
            // cell makes ncurses toggle auto-margins): bytes saved on every repaint over SSH.
            buffer.put(" " + Truncation.words(hint, toWidth: parts[2].width - 2), at: parts[2].origin, style: style(.text),
                       maxWidth: parts[2].width - 1)
        }
        let popupStyles = PopupStyles(theme: theme, unicode: unicode)
        switch overlay {
        case .picker(var picker, let choose)?:
            picker.render(in: full, buffer: &buffer, styles: popupStyles)
            overlay = .picker(picker, choose)
        case .confirm(let dialog, _)?:
            dialog.render(in: full, buffer: &buffer, styles: popupStyles)
        case .input(var dialog, let submit)?:
            dialog.render(in: full, buffer: &buffer, styles: popupStyles, problemStyle: style(.error))
            overlay = .input(dialog, submit)
        case .form(var form, let actions)?:
            form.render(in: full, buffer: &buffer, styles: popupStyles, errorStyle: style(.error))
            overlay = .form(form, actions)
        case nil:
            break
        }
        return buffer
    }

    private func renderTooSmall(in area: Rect, buffer: inout CellBuffer) {
        let lines = ["Terminal too small", "\(area.width)×\(area.height)",
                     "need \(Self.minimumSize.width)×\(Self.minimumSize.height)", "Q quits"]
        let top = max(0, (area.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < area.height {
            let text = TextWidth.truncate(line, toWidth: area.width)
            let x = max(0, (area.width - TextWidth.width(of: text)) / 2)
            buffer.put(text, at: Point(x: x, y: top + i), style: i == 0 ? style(.warning) : style(.text), maxWidth: area.width - x)
        }
    }
}
