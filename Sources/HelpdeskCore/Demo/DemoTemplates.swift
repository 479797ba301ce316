/// The demo's reply templates: the macros a small support team actually uses, exercising every
/// placeholder and a few actions.
enum DemoTemplates {
    static let all: [Template] = [
        Template(name: "greeting",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nThanks for getting in touch about #{{ticket.number}}. "
                     + "I'm looking into it now and will come back to you today.\n\n{{agent.signature}}",
                 actions: TemplateActions(status: .open)),
        Template(name: "need-more-info",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nSo I can sort this out, could you send me your order "
                     + "number and a photo of the label on the bag?\n\n{{agent.signature}}",
                 actions: TemplateActions(status: .pending)),
        Template(name: "late-delivery",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nSorry your order is late. I've opened an enquiry with "
                     + "the courier and I'll update you by {{promise.due}}.\n\n{{agent.name}}",
                 actions: TemplateActions(status: .pending, addTags: ["delivery"])),
        Template(name: "replacement-sent",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nI've sent a replacement today by tracked post — no need "
                     + "to return anything. Sorry for the trouble.\n\n{{agent.signature}}",
                 actions: TemplateActions(status: .solved, addTags: ["replacement"])),
        Template(name: "subscription-paused",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nYour subscription ({{customer.usualOrder | \"your usual coffee\"}}) "
                     + "is paused from {{today}}. Just reply to this email when you'd like it back.\n\n{{agent.name}}",
                 actions: TemplateActions(status: .solved, addTags: ["subscription"])),
        Template(name: "usual-order-check",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nJust checking: is your usual still "
                     + "{{customer.usualOrder | \"the same as last time\"}}? Let me know and I'll set it up.\n\n{{agent.name}}",
                 actions: TemplateActions(status: .pending)),
        Template(name: "refund-processed",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nI've processed your refund today ({{today}}). It usually "
                     + "takes 3–5 working days to reach your account.\n\n{{agent.signature}}",
                 actions: TemplateActions(status: .solved, addTags: ["refund"])),
        Template(name: "wholesale-intro",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nThanks for your interest in Northwind wholesale. Our price "
                     + "list is attached; accounts start at 6 kg a month with free barista training.\n\n{{agent.signature}}",
                 actions: TemplateActions(priority: .high, addTags: ["wholesale", "sales"])),
        Template(name: "grinder-troubleshooting",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nCould you unplug the grinder, lift out the upper burr and "
                     + "check for a stone or stuck bean? If that doesn't help, send me a short video of the noise.\n\n{{agent.name}}",
                 actions: TemplateActions(status: .pending, addTags: ["grinder"])),
        Template(name: "allergen-info",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nOur allergen sheet is attached. We use a separate steam "
                     + "wand for nut milks, but our pastries are made in a kitchen that handles nuts.\n\n{{agent.signature}}",
                 actions: TemplateActions(addTags: ["allergy"])),
        Template(name: "promise-follow-up",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nAs promised, an update on #{{ticket.number}}: "
                     + "I'm still on it and will have an answer for you by {{promise.due}}.\n\n{{agent.name}}"),
        Template(name: "closing-thanks",
                 body: "Hi {{customer.preferredName | \"there\"}},\n\nGlad that's sorted! I'll close this ticket now — just "
                     + "reply if anything else comes up. Enjoy the coffee.\n\n{{agent.signature}}",
                 actions: TemplateActions(status: .solved)),
    ]
}
