import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk settings …`: store-wide settings every console shares.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Show or change store-wide settings (supervisors change them).",
        subcommands: [SettingsShow.self, SettingsSet.self])
}

struct SettingsShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the store's settings.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            let s = session.state.settings
            if output.json {
                try JSONOutput.print(s)
                return
            }
            print("name: \(s.name)")
            print("support address: \(s.supportAddress)")
            print("time zone: \(s.timeZone)")
            let a = s.autoAssign
            print("auto-assign: \(a.enabled ? "on" : "off")" + (a.maxOpenLoad.map { ", skipping agents with \($0)+ open tickets" } ?? ", no load limit"))
        }
    }
}

struct SettingsSet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Change a setting.",
        discussion: """
        Settings:
          auto-assign on|off [--max-load N|none]   hand new tickets round-robin to online agents,
                                                   skipping those with N or more open tickets
          mail-max-size MB                         received mail larger than this is kept in quarantine, unread (default 25)
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The setting (auto-assign, mail-max-size).") var key: String
    @Argument(help: "Its value (on or off).") var value: String
    @Option(name: .customLong("max-load"), help: ArgumentHelp("Skip agents with this many open tickets or more ('none' for no limit).", valueName: "n|none"))
    var maxLoad: String?

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            try session.requireSupervisor()
            var settings = session.state.settings
            switch key {
            case "auto-assign":
                switch value.lowercased() {
                case "on", "true", "yes": settings.autoAssign.enabled = true
                case "off", "false", "no": settings.autoAssign.enabled = false
                default: throw UserError("auto-assign is 'on' or 'off', not '\(value)'", code: ExitStatus.invalid)
                }
                if let maxLoad {
                    if maxLoad == "none" {
                        settings.autoAssign.maxOpenLoad = nil
                    } else if let n = Int(maxLoad), n > 0 {
                        settings.autoAssign.maxOpenLoad = n
                    } else {
                        throw UserError("--max-load is a number above 0 or 'none', not '\(maxLoad)'", code: ExitStatus.invalid)
                    }
                }
            case "mail-max-size":
                guard let mb = Int(value), (1...1024).contains(mb) else {
                    throw UserError("mail-max-size is a number of megabytes from 1 to 1024, not '\(value)'", code: ExitStatus.invalid)
                }
                settings.mail.maxMessageBytes = mb * 1_048_576
            default:
                throw UserError("unknown setting '\(key)' (auto-assign, mail-max-size)", code: ExitStatus.usage)
            }
            guard settings != session.state.settings else {
                print("unchanged")
                return
            }
            try session.write([.settingsChanged(settings)])
            if key == "mail-max-size" {
                print("mail over \(settings.mail.maxMessageBytes / 1_048_576) MB is kept in quarantine")
                return
            }
            let a = settings.autoAssign
            print("auto-assign \(a.enabled ? "on" : "off")" + (a.maxOpenLoad.map { ", max load \($0)" } ?? ""))
        }
    }
}
