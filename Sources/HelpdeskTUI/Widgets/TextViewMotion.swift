extension TextView {
    /// The key that performs a named movement command (`down`, `page-up`, …) on a text view, so
    /// screens that are one scrolling text share one mapping.
    public static func key(forMotion command: String) -> Key? {
        switch command {
        case "down": .down
        case "up": .up
        case "first": .home
        case "last": .end
        case "half-page-down": .ctrl("d")
        case "half-page-up": .ctrl("u")
        case "page-down": .pageDown
        case "page-up": .pageUp
        default: nil
        }
    }
}
