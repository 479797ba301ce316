/// One kind of conversation the demo knows how to tell: what the customer writes, how the team answers,
/// and how it can end. Bodies use `{name}` (the customer's greeting name), `{agent}` (the replying agent's
/// first name), `{order}`, `{coffee}`, `{cafe}` and `{atOrg}` (" at Kestrel Architects", or nothing); see
/// `DemoThreadPlanner`.
struct DemoStory {
    /// One back-and-forth: the agent writes, then the customer answers.
    struct Exchange {
        var agent: String
        var customer: String
    }

    /// How a customer raises it, with the subject lines that go with those words.
    struct Opening {
        var subjects: [String]
        var body: String
    }

    var tags: [String]
    var channels: [Channel]
    /// Relative weights of low, normal, high, urgent.
    var priorityWeights: [Int]
    /// Who usually takes this kind of ticket.
    var owners: [String]
    var openings: [Opening]
    /// Used in order; a long thread uses them all.
    var exchanges: [Exchange]
    /// The agent's last reply when the ticket is solved.
    var resolutions: [String]
    /// An agent reply that leaves the ball with the customer (pending).
    var waiting: [String]
    /// An agent reply and an internal note for a ticket waiting on a third party (on hold).
    var holding: [String]
    var holdNotes: [String]
    var notes: [String]
    /// What an agent promises on this kind of ticket, if anything.
    var promises: [String]
}
