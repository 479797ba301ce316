/// The invented company behind the demo: a small coffee roaster with cafés and an online shop, and the
/// six people who answer its customers.
enum DemoRoster {
    static let settings = Settings(name: "Northwind Coffee Roasters",
                                   supportAddress: "hello@northwindcoffee.example",
                                   timeZone: "Europe/London")

    static let supervisor = "priya"
    /// Who a demo console acts as: a regular agent with a healthy queue, not the supervisor.
    static let defaultAgent = "sam"

    static let agents: [Agent] = [
        Agent(login: "priya", displayName: "Priya Raman", role: .supervisor,
              signature: "Priya Raman\nCustomer Care Lead · Northwind Coffee Roasters\nhello@northwindcoffee.example"),
        Agent(login: "sam", displayName: "Sam Whitaker",
              signature: "Sam Whitaker\nNorthwind Coffee Roasters · online shop & subscriptions"),
        Agent(login: "jo", displayName: "Joanna Kowalski",
              signature: "Jo Kowalski\nCafé team · Northwind Coffee Roasters"),
        Agent(login: "tomas", displayName: "Tomás Ferreira",
              signature: "Tomás Ferreira\nWholesale & events · Northwind Coffee Roasters\n020 7946 0410"),
        Agent(login: "mei", displayName: "Mei Chen",
              signature: "Mei Chen\nNorthwind Coffee Roasters · orders & deliveries"),
        Agent(login: "ollie", displayName: "Oliver Brennan",
              signature: "Ollie Brennan\nEquipment & repairs · Northwind Coffee Roasters"),
    ]

    static func isAgent(_ login: String) -> Bool { agents.contains { $0.login == login } }

    /// Regular agents, in the order work is spread between them.
    static let regulars = ["sam", "jo", "tomas", "mei", "ollie"]

    /// The name an agent signs off with in a reply ("Jo" rather than "Joanna Kowalski").
    static func firstName(_ login: String) -> String {
        switch login {
        case "jo": "Jo"
        case "ollie": "Ollie"
        default: agents.first { $0.login == login }?.displayName.split(separator: " ").first.map(String.init) ?? login
        }
    }

    /// The café branches, named in feedback and walk-in tickets.
    static let cafes = ["Clerkenwell", "Borough Market", "Hackney Wick", "Richmond"]

    static let coffees = [
        "Ethiopia Yirgacheffe", "Colombia Huila", "Kenya Nyeri AA", "Guatemala Antigua",
        "Brazil Cerrado", "Rwanda Nyamasheke", "Sumatra Mandheling", "Northwind House Espresso",
        "Night Owl decaf (Swiss Water)", "Costa Rica Tarrazú",
    ]
}
