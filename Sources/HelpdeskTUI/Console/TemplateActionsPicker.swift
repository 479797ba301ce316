import HelpdeskCore

/// Choosing a template for its actions (status, priority, tags to add) — on one ticket or on all
/// marked ones — without writing its reply.
enum TemplateActionsPicker {
    /// Finds the template named `arg`, or lets the agent pick one with actions; then runs `use`.
    static func choose(_ arg: String, console: Console, use: @escaping (Template) -> Void) {
        let all = console.state.templates.values.filter { !$0.actions.isEmpty }.sorted { $0.name < $1.name }
        if !arg.isEmpty {
            guard let t = console.state.templates[arg] else {
                return console.show("no template named '\(arg)'" + (all.isEmpty ? "" : " — templates with actions: " + all.map(\.name).joined(separator: ", ")), kind: .error)
            }
            guard !t.actions.isEmpty else { return console.show("template '\(arg)' has no actions (status, priority or tags)", kind: .error) }
            return use(t)
        }
        guard !all.isEmpty else { return console.show("no template has actions (status, priority or tags)", kind: .warning) }
        let items = all.map { PickerItem($0.name, detail: summary($0.actions)) }
        console.pick(PickerWidget(title: "Apply template", items: items)) { index in use(all[index]) }
    }

    static func summary(_ a: TemplateActions) -> String {
        var parts: [String] = []
        if let s = a.status { parts.append(s.label) }
        if let p = a.priority { parts.append(p.rawValue) }
        parts += a.addTags.map { "+" + $0 }
        return parts.joined(separator: " ")
    }

    /// The patch a template's actions make on a ticket (empty when it already matches).
    static func patch(_ a: TemplateActions, on t: Ticket) -> TicketPatch {
        let tags = a.addTags.isEmpty ? nil : HelpdeskState.normalised(tags: t.tags + a.addTags)
        return TicketPatch.diff(t, status: a.status, priority: a.priority, tags: tags)
    }
}
