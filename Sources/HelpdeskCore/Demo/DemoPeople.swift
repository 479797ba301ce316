import Foundation

/// The demo's customers: a fixed cast of names (so screenshots stay recognisable) whose details —
/// contacts, usual orders, preferences, notes — are drawn from the seed.
enum DemoPeople {
    /// One person in the cast. `handle` is the ASCII local part of their email when the name has none.
    struct Person {
        var name: String
        var preferred: String?
        var handle: String?
    }

    static let cast: [Person] = [
        Person(name: "Danielle Okafor", preferred: "Dana"),
        Person(name: "José Álvarez", preferred: "Pepe", handle: "jose.alvarez"),
        Person(name: "Zoë Fairbanks", handle: "zoe.fairbanks"),
        Person(name: "王芳", preferred: "Fang", handle: "wang.fang"),
        Person(name: "Ngozi Okonkwo"),
        Person(name: "Søren Madsen", handle: "soren.madsen"),
        Person(name: "Łucja Wiśniewska", preferred: "Lucy", handle: "lucja.w"),
        Person(name: "Nguyễn Thị Hoa", preferred: "Hoa", handle: "hoa.nguyen"),
        Person(name: "Aarav Sharma"),
        Person(name: "Fatima Al-Sayed"),
        Person(name: "Margaret Thornton", preferred: "Peggy"),
        Person(name: "William Ashdown", preferred: "Bill"),
        Person(name: "Elizabeth Carver", preferred: "Liz"),
        Person(name: "Robert Finch", preferred: "Rob"),
        Person(name: "Siobhán Ní Bhriain", handle: "siobhan.nibhriain"),
        Person(name: "Krzysztof Nowak", preferred: "Kris"),
        Person(name: "Olamide Adeyemi", preferred: "Ola"),
        Person(name: "Kwame Mensah"),
        Person(name: "Hiroshi Tanaka"),
        Person(name: "佐藤 美咲", preferred: "Misaki", handle: "misaki.sato"),
        Person(name: "Ahmed Hassan"),
        Person(name: "Chloé Dubois", handle: "chloe.dubois"),
        Person(name: "Björn Lindqvist", handle: "bjorn.lindqvist"),
        Person(name: "Ana Lúcia Ferreira", preferred: "Ana", handle: "analucia.ferreira"),
        Person(name: "Mateus Oliveira", preferred: "Mat"),
        Person(name: "Giulia Romano"),
        Person(name: "Liam O'Connor"),
        Person(name: "Aoife Byrne"),
        Person(name: "Hamish MacLeod"),
        Person(name: "Rhiannon Pryce", preferred: "Rhi"),
        Person(name: "Gareth Llewellyn"),
        Person(name: "Priyanka Desai"),
        Person(name: "Rajesh Iyer", preferred: "Raj"),
        Person(name: "Mohammed Khan", preferred: "Mo"),
        Person(name: "Ayesha Siddiqui"),
        Person(name: "Yusuf Demir"),
        Person(name: "Elif Yıldız", handle: "elif.yildiz"),
        Person(name: "Dmitri Volkov", preferred: "Dima"),
        Person(name: "Anastasia Petrova", preferred: "Nastya"),
        Person(name: "Ingrid Halvorsen"),
        Person(name: "Freya Nielsen"),
        Person(name: "Matthias Müller", handle: "matthias.mueller"),
        Person(name: "Jürgen Weiß", handle: "juergen.weiss"),
        Person(name: "Amélie Laurent", handle: "amelie.laurent"),
        Person(name: "Théo Martin", handle: "theo.martin"),
        Person(name: "Lucía Hernández", handle: "lucia.hernandez"),
        Person(name: "Javier Morales", preferred: "Javi"),
        Person(name: "Camila Rojas"),
        Person(name: "Sipho Ndlovu"),
        Person(name: "Thandiwe Dube", preferred: "Thandi"),
        Person(name: "Amara Nwosu"),
        Person(name: "Kofi Boateng"),
        Person(name: "Grace Oduya"),
        Person(name: "Nathaniel Greene", preferred: "Nate"),
        Person(name: "Catherine Bell", preferred: "Kate"),
        Person(name: "Jonathan Price", preferred: "Jon"),
        Person(name: "Alexandra Whitfield", preferred: "Alex"),
        Person(name: "Christopher Lowe", preferred: "Chris"),
        Person(name: "Rebecca Stone", preferred: "Becky"),
        Person(name: "Thomas Hargreaves", preferred: "Tom"),
        Person(name: "Eleanor Vance", preferred: "Nell"),
        Person(name: "Harriet Osei", preferred: "Hattie"),
        Person(name: "Oscar Lindgren"),
        Person(name: "Mia Kowalczyk"),
        Person(name: "Noah Fischer"),
        Person(name: "Isla Cameron"),
        Person(name: "Arjun Mehta"),
        Person(name: "Meera Pillai"),
        Person(name: "Chen Wei", preferred: "Wei"),
        Person(name: "김민준", preferred: "Minjun", handle: "minjun.kim"),
        Person(name: "Tomasz Zieliński", preferred: "Tomek", handle: "tomasz.zielinski"),
        Person(name: "Agnieszka Kamińska", preferred: "Aga", handle: "agnieszka.kaminska"),
        Person(name: "Ewa Lewandowska"),
        Person(name: "Oluwaseun Bakare", preferred: "Seun"),
        Person(name: "Chiamaka Eze", preferred: "Chi"),
        Person(name: "Zainab Bello"),
        Person(name: "Leila Haddad"),
        Person(name: "Omar Farouk"),
        Person(name: "Nadia Rahman"),
        Person(name: "Tariq Mahmood"),
        Person(name: "Ruth Abernethy"),
        Person(name: "Graham Pettigrew"),
        Person(name: "Sinéad Gallagher", handle: "sinead.gallagher"),
        Person(name: "Declan Murphy", preferred: "Dec"),
        Person(name: "Beatriz Souza", preferred: "Bia"),
        Person(name: "Renée Fontaine", handle: "renee.fontaine"),
        Person(name: "Magnus Eriksson"),
        Person(name: "Astrid Berg"),
        Person(name: "Yara Khoury"),
        Person(name: "Pádraig Keane", preferred: "Paddy", handle: "padraig.keane"),
        Person(name: "Nikolai Sokolov", preferred: "Kolya"),
        Person(name: "Ravi Chandran"),
        Person(name: "Emeka Obi"),
        Person(name: "Hannah Goldberg"),
        Person(name: "David Cohen", preferred: "Dave"),
        Person(name: "Sarah Levi"),
    ]

    static let personalDomains = ["example.com", "example.net", "example.org", "mailbox.example", "post.example"]

    /// Offices and venues that order for their staff; their customers get a second, work address.
    static let organisations: [(name: String, domain: String)] = [
        ("Harbour & Vale Solicitors", "harbourvale.example"),
        ("Kestrel Architects", "kestrel-architects.example"),
        ("Brightwater Primary School", "brightwater.sch.example"),
        ("Marlowe Physio", "marlowephysio.example"),
        ("Fenwick & Daughters Printing", "fenwickprint.example"),
        ("The Lantern Co-working", "lanterncowork.example"),
        ("Greenleaf Dental", "greenleafdental.example"),
        ("St Anne's Community Hall", "stannes-hall.example"),
        ("Atlas Games Studio", "atlasgames.example"),
        ("Orchard Street Surgery", "orchardsurgery.example"),
        ("Pemberton Yoga", "pembertonyoga.example"),
        ("Quayside Books", "quaysidebooks.example"),
    ]

    static let usualOrders = [
        "oat flat white, extra hot", "decaf cortado", "double espresso, no sugar",
        "1 kg Ethiopia Yirgacheffe, whole bean, every 2 weeks", "250 g Kenya Nyeri AA, ground for V60, monthly",
        "large soya latte + almond croissant", "cappuccino, extra shot, whole milk", "iced oat latte (all year round)",
        "500 g House Espresso, ground for espresso, weekly", "piccolo with skimmed milk",
        "2 × 1 kg Brazil Cerrado for the office, fortnightly", "filter coffee of the day + cinnamon bun",
        "Night Owl decaf, 250 g whole bean, monthly", "mocha with oat milk, no cream",
        "long black + a splash of cold milk", "chai latte, half sweet", "macchiato", "hot chocolate for the kids, oat milk",
        "6 kg mixed espresso beans for the café (wholesale)", "Colombia Huila, cafetière grind, every 3 weeks",
        "flat white + banana bread, Saturday mornings", "matcha latte with coconut milk",
        "Guatemala Antigua 1 kg + filter papers monthly", "two americanos to take away, 8:15 sharp",
    ]

    static let preferenceChoices: [(key: String, values: [String])] = [
        ("no calls before", ["09:00", "09:30", "10:00", "11:00"]),
        ("milk", ["oat", "whole", "skimmed", "soya", "almond", "coconut", "none"]),
        ("delivery", ["ships to office", "leave with neighbour at no. 12", "safe place: porch", "collect from Borough Market café",
                      "weekday mornings only"]),
        ("grind", ["espresso", "filter", "whole bean", "cafetière", "moka pot", "AeroPress"]),
        ("contact", ["email only", "text before calling", "phone is fine", "WhatsApp"]),
        ("receipts", ["PDF by email", "no paper receipts"]),
        ("language", ["Spanish or English", "French", "English"]),
        ("roast", ["light", "medium", "dark"]),
    ]

    static let notes = [
        "Allergic to tree nuts — double-check pastries and syrups.",
        "Runs the Thursday book club at the Richmond café; books the back table.",
        "Hard of hearing: email rather than phone where possible.",
        "Former barista, very particular about grind size. Appreciates detail.",
        "Orders for a 30-person office; invoices go to accounts.",
        "Had a bad courier experience in 2023 — handle delivery issues gently.",
        "Usually pays by bank transfer; don't chase card details.",
        "Writes long emails but is always lovely. Likes to hear about new single origins.",
        "Gift subscription from her daughter — check who pays before changing anything.",
        "Regular at Hackney Wick; the team knows his order by heart.",
        "Coeliac: always mention gluten-free options.",
        "Prefers to be called back rather than wait on hold.",
    ]

    /// Builds the customer list. Ids are allocated here (c00001…) so later events can refer to them.
    static func customers(rng: inout SplitMix64, now: Int) -> [Customer] {
        var order = cast
        rng.shuffle(&order)
        var phoneSerial = rng.below(300)
        var landlineSerial = rng.below(300)
        var orgs = organisations
        rng.shuffle(&orgs)
        var usedEmails = Set<String>()
        var out: [Customer] = []

        for (i, person) in order.enumerated() {
            let id = HelpdeskState.customerID(i + 1)
            let handle = person.handle ?? asciiHandle(person.name)
            var emails: [String] = []
            func add(_ email: String) {
                if usedEmails.insert(ContactKey.email(email)).inserted { emails.append(email) }
            }
            // Some people write from mixed-case addresses; lookups must still find them.
            let local = rng.chance(0.08) ? handle.capitalized : handle
            add("\(local)@\(rng.pick(personalDomains))")
            if emails.isEmpty { add("\(handle)\(i)@\(rng.pick(personalDomains))") }

            var organisation: String?
            if !orgs.isEmpty, rng.chance(0.16) {
                let org = orgs.removeLast()
                organisation = org.name
                add("\(handle.split(separator: ".").first ?? "office")@\(org.domain)")
            } else if rng.chance(0.1) {
                add("\(handle.replacingOccurrences(of: ".", with: ""))\(rng.int(in: 70...99))@\(rng.pick(personalDomains))")
            }

            var phones: [String] = []
            if rng.chance(0.85) {
                phoneSerial = (phoneSerial + 1 + rng.below(7)) % 1000
                phones.append(mobile(phoneSerial, style: rng.below(4)))
            }
            if rng.chance(0.2) || organisation != nil {
                landlineSerial = (landlineSerial + 1 + rng.below(7)) % 1000
                phones.append(landline(landlineSerial, style: rng.below(3)))
            }

            let yearsBack = rng.weighted([30, 30, 20, 12, 8])
            let since = now - (yearsBack * 365 + rng.int(in: 100...360)) * 86_400
            var prefs: [Preference] = []
            let prefCount = rng.weighted([25, 35, 25, 15])
            var keys = preferenceChoices
            rng.shuffle(&keys)
            for choice in keys.prefix(prefCount) {
                // Some were confirmed long ago (over 180 days) so "check this is still true" shows up.
                let daysAgo = rng.chance(0.35) ? rng.int(in: 190...700) : rng.int(in: 2...170)
                let confirmed = max(since, now - daysAgo * 86_400)
                prefs.append(Preference(key: choice.key, value: rng.pick(choice.values),
                                        confirmedAt: DemoClock.date(confirmed)))
            }
            prefs.sort { $0.key < $1.key }

            let birthday: String? = rng.chance(0.3)
                ? twoDigits(rng.int(in: 1...12)) + "-" + twoDigits(rng.int(in: 1...28)) : nil
            out.append(Customer(id: id, name: person.name, preferredName: person.preferred, emails: emails,
                                phones: phones, organisation: organisation,
                                usualOrder: rng.chance(0.8) ? rng.pick(usualOrders) : nil,
                                preferences: prefs, notes: rng.chance(0.25) ? rng.pick(notes) : nil,
                                customerSince: DemoClock.date(since), vip: false, birthday: birthday))
        }
        // About one in ten are VIPs: chosen after the fact so the count is exact.
        var vipOrder = Array(out.indices)
        rng.shuffle(&vipOrder)
        for i in vipOrder.prefix(max(1, out.count / 10)) { out[i].vip = true }
        return out
    }

    /// `firstname.lastname` from an ASCII name (non-ASCII names carry an explicit handle).
    static func asciiHandle(_ name: String) -> String {
        let words = name.lowercased().split(separator: " ").map { word in
            String(word.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == "-") })
        }
        return words.filter { !$0.isEmpty }.joined(separator: ".")
    }

    /// UK numbers from the ranges Ofcom reserves for drama, in the many ways people write them.
    static func mobile(_ serial: Int, style: Int) -> String {
        let s = threeDigits(serial)
        switch style {
        case 0: return "07700 900\(s)"
        case 1: return "+44 7700 900\(s)"
        case 2: return "07700-900-\(s)"
        default: return "(07700) 900 \(s)"
        }
    }

    static func landline(_ serial: Int, style: Int) -> String {
        let s = threeDigits(serial)
        switch style {
        case 0: return "020 7946 0\(s)"
        case 1: return "+44 20 7946 0\(s)"
        default: return "(020) 7946-0\(s)"
        }
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    static func threeDigits(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
}
