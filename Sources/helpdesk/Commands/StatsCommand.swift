import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore
import HelpdeskTUI

/// `helpdesk stats`: the live stats screen, or the same numbers for scripts.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Live supervisor stats: the wall screen, or one snapshot as JSON or Prometheus text.",
        discussion: """
        With no flag, opens the live stats screen (q quits). --json prints one snapshot; --watch --json prints
        one line of JSON per change to the store (for piping); --prometheus prints the text exposition format
        (for a node-exporter textfile collector). Definitions: README.md, "Metrics".
        """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print one snapshot as JSON.") var json = false
    @Flag(help: "With --json: print a line each time the store changes, until interrupted.") var watch = false
    @Flag(help: "Print the Prometheus text exposition format.") var prometheus = false
    @Option(help: ArgumentHelp("Colour theme for the screen.", valueName: "name|path")) var theme: String?

    func validate() throws {
        if watch && !json { throw ValidationError("--watch needs --json (the screen is already live)") }
        if json && prometheus { throw ValidationError("choose one of --json and --prometheus") }
    }

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let zone = session.localTime.timeZone
            if !json && !prometheus {
                let code = try ConsoleLauncher.run(session: session, themeOption: theme, startWithStats: true)
                if code != 0 { throw ExitCode(code) }
                return
            }
            let now = Date()
            var activity = try StatsActivityLoader.activity(from: session.store, since: StatsWindow.historyStart(now: now, timeZone: zone))
            if prometheus {
                print(PrometheusExposition.render(LiveStats.compute(session.state, activity: activity, now: now, timeZone: zone)),
                      terminator: "")
                return
            }
            if !watch {
                try JSONOutput.print(LiveStats.compute(session.state, activity: activity, now: now, timeZone: zone))
                return
            }
            let encoder = JSONOutput.encoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            func emit() throws {
                let stats = LiveStats.compute(session.state, activity: activity, now: Date(), timeZone: zone)
                let line = JSONUnicodeEscaping.escape(String(decoding: try encoder.encode(stats), as: UTF8.self))
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
            try emit()
            let feed = session.store.changeFeed
            while true {
                var pfd = pollfd(fd: feed.fileDescriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pfd, 1, 60_000)
                if ready < 0 && errno != EINTR { throw UserError("cannot watch the store: \(String(cString: strerror(errno)))") }
                if ready > 0 { _ = feed.drain() }
                let events = try session.store.refresh()
                if session.store.lastRefreshReloaded {
                    activity = try StatsActivityLoader.activity(from: session.store, since: StatsWindow.historyStart(now: Date(), timeZone: zone))
                } else {
                    activity.ingest(events)
                }
                // A line per change; once a minute anyway, since ages and "today" move with the clock.
                if !events.isEmpty || ready == 0 { try emit() }
            }
        }
    }
}
