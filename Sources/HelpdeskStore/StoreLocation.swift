import Foundation

/// Where the store is when the user does not say: `--store`, else `$HELPDESK_STORE`, else
/// `$XDG_DATA_HOME/helpdesk`, else `~/.local/share/helpdesk` (the XDG base directory default).
public enum StoreLocation {
    public static func resolve(option: String?, environment: [String: String]) -> URL {
        func expand(_ path: String) -> URL {
            var p = path
            if p == "~" || p.hasPrefix("~/") { p = home(environment) + p.dropFirst() }
            return URL(fileURLWithPath: p, isDirectory: true).standardizedFileURL
        }
        if let option, !option.isEmpty { return expand(option) }
        if let env = environment["HELPDESK_STORE"], !env.isEmpty { return expand(env) }
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return expand(xdg + "/helpdesk") }
        return expand(home(environment) + "/.local/share/helpdesk")
    }

    private static func home(_ environment: [String: String]) -> String {
        if let h = environment["HOME"], !h.isEmpty { return h }
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) }
        return "/"
    }
}
