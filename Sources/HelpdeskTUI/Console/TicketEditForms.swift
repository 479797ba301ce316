import Foundation
import HelpdeskCore

/// `e` (subject and group) and `t` (tags, Tab completes from tags already in use): small forms on
/// one ticket, based on the version the agent was looking at.
enum TicketEditForms {
    static func editSubjectAndGroup(_ t: Ticket, console: Console) {
        let form = FormWidget(title: "Edit #\(t.number)", fields: [
            .text("Subject", t.subject),
            .text("Group", t.group ?? "", placeholder: "none"),
        ])
        console.fill(form, actions: FormActions(submit: { form in
            let subject = form["Subject"]?.value.trimmingCharacters(in: .whitespaces) ?? ""
            guard !subject.isEmpty else { return "A ticket's subject cannot be empty." }
            let groupText = form["Group"]?.value.trimmingCharacters(in: .whitespaces) ?? ""
            let group: String? = groupText.isEmpty || groupText == "none" ? nil : groupText
            let patch = TicketPatch.diff(t, subject: subject, group: .some(group))
            guard !patch.isEmpty else {
                console.show("#\(t.number) unchanged")
                return nil
            }
            console.write([.ticketUpdated(number: t.number, base: t.version, patch: patch)],
                          done: "#\(t.number): " + patch.descriptions.joined(separator: "; "))
            return nil
        }))
    }

    /// Every tag in use, most used first (what Tab completes).
    static func knownTags(_ state: HelpdeskState) -> [String] {
        var counts: [String: Int] = [:]
        for t in state.tickets.values { for tag in t.tags { counts[tag, default: 0] += 1 } }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// Parses "vip refund -old +new": bare or `+` words are the wanted tags when no `-`/`+` is used;
    /// with `+`/`-` the words add to or remove from `current`.
    static func parse(_ text: String, current: [String]) throws -> [String] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        for w in words where w == "+" || w == "-" {
            throw ChangeError.invalid("'\(w)' is not a tag: write a word, +word to add or -word to remove")
        }
        for w in words {
            let bare = w.hasPrefix("+") || w.hasPrefix("-") ? String(w.dropFirst()) : w
            guard bare.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:".contains($0) }) else {
                throw ChangeError.invalid("'\(w)' is not a tag: letters, digits and - _ . / : only")
            }
        }
        let relative = !words.isEmpty && words.allSatisfy { $0.hasPrefix("+") || $0.hasPrefix("-") }
        if relative {
            var tags = current
            for w in words {
                let tag = HelpdeskState.normalised(tags: [String(w.dropFirst())])
                if w.hasPrefix("+") { tags += tag } else { tags.removeAll { tag.contains($0) } }
            }
            return HelpdeskState.normalised(tags: tags)
        }
        return HelpdeskState.normalised(tags: words.map { $0.hasPrefix("+") ? String($0.dropFirst()) : $0 }
            .filter { !$0.hasPrefix("-") })
    }

    static func editTags(_ t: Ticket, console: Console) {
        let form = FormWidget(title: "Tags of #\(t.number)", fields: [
            .text("Tags", t.tags.joined(separator: " ") + (t.tags.isEmpty ? "" : " "), placeholder: "words; Tab completes",
                  completions: knownTags(console.state)),
        ], footer: "Enter saves · Tab completes · Esc cancels")
        console.fill(form, actions: FormActions(submit: { form in
            setTags(form["Tags"]?.value ?? "", on: t, console: console)
        }))
    }

    /// `:tags WORDS` and the form's submit; returns why the text is refused.
    @discardableResult
    static func setTags(_ text: String, on t: Ticket, console: Console) -> String? {
        let tags: [String]
        do { tags = try parse(text, current: t.tags) } catch { return "\(error)" }
        guard tags != t.tags else {
            console.show("#\(t.number) tags unchanged")
            return nil
        }
        console.write([.ticketUpdated(number: t.number, base: t.version, patch: TicketPatch(tags: FromTo(t.tags, tags)))],
                      done: "#\(t.number) tags: " + (tags.isEmpty ? "none" : tags.joined(separator: " ")))
        return nil
    }
}
