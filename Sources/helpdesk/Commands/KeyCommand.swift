import ArgumentParser
import Foundation
import HelpdeskCore
import HelpdeskStore

/// `helpdesk key …`: your signing key, which makes what you write in a team store yours.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Show or publish your signing key (team stores).",
        discussion: """
        In a team store every record is signed with its author's Ed25519 key. Yours is kept in your own \
        config (signing-key, mode 0600); `key publish` puts its public half in the store as keys/LOGIN.pub, \
        owned by your login, where a supervisor's `agent add LOGIN` finds it.
        """,
        subcommands: [KeyShow.self, KeyPublish.self]
    )
}

struct KeyShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print your public key and where the private key is.")

    func run() throws {
        try CommandRunner.run {
            guard let key = try AgentKeys.personal() else {
                print("no signing key yet (\(AgentKeys.personalKeyPath())); `helpdesk key publish --store DIR` makes one")
                return
            }
            print("public key: \(key.publicKeyText)")
            print("private key: \(AgentKeys.personalKeyPath())")
        }
    }
}

struct KeyPublish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Make your key if you have none, and publish it in a team store as keys/LOGIN.pub.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try CommandRunner.run {
            let session = try Session.open(global)
            guard session.store.info.mode == .shared else {
                throw UserError("\(session.store.location) is not a team store; its records are not signed", code: ExitStatus.invalid)
            }
            let key = try AgentKeys.personalOrNew()
            try session.requireFileStore(for: "key publish").publish(key, as: session.actor)
            let onRoster = session.state.agents[session.actor]?.publicKey == key.publicKeyText
            print("published keys/\(session.actor).pub (\(key.publicKeyText))")
            if !onRoster {
                let verb = session.state.agents[session.actor] == nil ? "agent add" : "agent set --key published"
                print("a supervisor can now put it on the roster: helpdesk \(verb) \(session.actor)")
            }
        }
    }
}
