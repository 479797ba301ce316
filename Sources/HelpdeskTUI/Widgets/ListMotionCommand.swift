extension ListState.Motion {
    /// The motion a movement command names (`down`, `page-up`, …), or nil for any other command.
    init?(command name: String) {
        switch name {
        case "down": self = .down
        case "up": self = .up
        case "first": self = .first
        case "last": self = .last
        case "half-page-down": self = .halfPageDown
        case "half-page-up": self = .halfPageUp
        case "page-down": self = .pageDown
        case "page-up": self = .pageUp
        default: return nil
        }
    }
}
