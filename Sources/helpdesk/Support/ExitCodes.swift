import ArgumentParser
import HelpdeskCore
import HelpdeskStore

/// Exit codes, documented in the README: scripts can tell "not found" from "conflict" from "broken".
enum ExitStatus {
    static let failure: Int32 = 1
    static let notFound: Int32 = 2
    static let conflict: Int32 = 3
    static let invalid: Int32 = 4
    static let usage: Int32 = 64
}

/// A one-sentence error for the user; printed to stderr by `CommandRunner`.
struct UserError: Error, CustomStringConvertible {
    var description: String
    var code: Int32 = ExitStatus.failure

    init(_ message: String, code: Int32 = ExitStatus.failure) {
        self.description = message
        self.code = code
    }
}

/// Runs a command body, turning domain and store errors into a clear sentence on stderr and an exit code.
enum CommandRunner {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as ExitCode {
            throw e
        } catch let e as CleanExit {
            throw e
        } catch {
            let (message, code) = describe(error)
            Terminal.printError(message)
            throw ExitCode(code)
        }
    }

    static func describe(_ error: Error) -> (String, Int32) {
        switch error {
        case let e as UserError:
            return (e.description, e.code)
        case let e as ChangeError:
            switch e {
            case .stale: return (e.description, ExitStatus.conflict)
            case .ticketNotFound, .customerNotFound, .agentNotFound, .promiseNotFound, .templateNotFound:
                return (e.description, ExitStatus.notFound)
            case .invalid: return (e.description, ExitStatus.invalid)
            }
        case let e as StoreError:
            return (e.description, ExitStatus.failure)
        default:
            return ("\(error)", ExitStatus.failure)
        }
    }
}
