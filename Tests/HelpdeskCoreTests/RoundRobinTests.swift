import Foundation
import XCTest
@testable import HelpdeskCore

final class RoundRobinTests: XCTestCase {
    let rotation = ["ana", "ben", "cy", "dee"]

    func testTurnsGoInOrderAndWrapAround() {
        var previous: String?
        var got: [String] = []
        for _ in 0..<8 {
            let next = RoundRobin.next(rotation: rotation, online: Set(rotation), openLoad: [:], maxOpenLoad: nil, previous: previous)!
            got.append(next)
            previous = next
        }
        XCTAssertEqual(got, ["ana", "ben", "cy", "dee", "ana", "ben", "cy", "dee"])
    }

    func testFairOverManyTicketsWithLoadGrowing() {
        var load: [String: Int] = [:]
        var previous: String?
        for _ in 0..<400 {
            let next = RoundRobin.next(rotation: rotation, online: Set(rotation), openLoad: load, maxOpenLoad: nil, previous: previous)!
            load[next, default: 0] += 1
            previous = next
        }
        XCTAssertEqual(Set(load.values), [100], "every agent gets the same share: \(load)")
    }

    func testOfflineAndOverloadedAgentsAreSkippedButKeepTheirPlace() {
        let online: Set<String> = ["ana", "cy", "dee"]
        XCTAssertEqual(RoundRobin.next(rotation: rotation, online: online, openLoad: [:], maxOpenLoad: nil, previous: "ana"), "cy",
                       "ben is offline: skipped")
        XCTAssertEqual(RoundRobin.next(rotation: rotation, online: online, openLoad: ["cy": 15], maxOpenLoad: 15, previous: "ana"), "dee",
                       "cy is at the limit: skipped")
        XCTAssertEqual(RoundRobin.next(rotation: rotation, online: Set(rotation), openLoad: [:], maxOpenLoad: 15, previous: "ana"), "ben",
                       "back online, ben's turn comes right after ana's again")
    }

    func testNobodyQualifies() {
        XCTAssertNil(RoundRobin.next(rotation: rotation, online: [], openLoad: [:], maxOpenLoad: nil, previous: nil))
        XCTAssertNil(RoundRobin.next(rotation: rotation, online: Set(rotation), openLoad: ["ana": 2, "ben": 3, "cy": 2, "dee": 9],
                                     maxOpenLoad: 2, previous: nil))
        XCTAssertNil(RoundRobin.next(rotation: [], online: ["ana"], openLoad: [:], maxOpenLoad: nil, previous: nil))
    }

    func testPreviousAgentNoLongerInRotationStillMovesTheTurnOn() {
        XCTAssertEqual(RoundRobin.next(rotation: rotation, online: Set(rotation), openLoad: [:], maxOpenLoad: nil, previous: "bob"), "cy")
        XCTAssertEqual(RoundRobin.next(rotation: rotation, online: Set(rotation), openLoad: [:], maxOpenLoad: nil, previous: "zed"), "ana")
    }

    func testStateUsesSettingsRosterAndTheNewestAssignedTicket() throws {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        var s = HelpdeskState()
        func commit(_ c: Change) throws {
            let p = try s.prepare(c, actor: "sam", at: t0)
            s.apply(Event(seq: s.lastSeq + 1, at: t0, actor: "sam", change: p))
        }
        for login in ["sam", "dana", "lee"] { try commit(.agentSaved(Agent(login: login, displayName: login))) }
        try commit(.agentSaved(Agent(login: "old", displayName: "Old", active: false)))
        try commit(.customerCreated(Customer(id: "", name: "C", emails: ["c@x.com"], customerSince: t0)))
        let online: Set<String> = ["sam", "dana", "lee", "old"]
        XCTAssertNil(s.autoAssignee(online: online), "off by default")
        var settings = s.settings
        settings.autoAssign = AutoAssignSettings(enabled: true, maxOpenLoad: 2)
        try commit(.settingsChanged(settings))
        var order: [String] = []
        for i in 0..<7 {
            guard let who = s.autoAssignee(online: online) else { order.append("-"); continue }
            order.append(who)
            try commit(.ticketCreated(NewTicket(subject: "T\(i)", assignee: who, requester: "c00001")))
        }
        XCTAssertEqual(order, ["dana", "lee", "sam", "dana", "lee", "sam", "-"],
                       "inactive agents never get work; everyone stops at 2 open tickets")
    }

    func testSettingsWithoutAutoAssignDecodeWithDefaults() throws {
        let old = #"{"name":"Café","supportAddress":"hi@cafe","timeZone":"Europe/London"}"#
        let s = try JSONDecoder().decode(Settings.self, from: Data(old.utf8))
        XCTAssertEqual(s.autoAssign, AutoAssignSettings())
        let partial = #"{"autoAssign":{"enabled":true}}"#
        XCTAssertEqual(try JSONDecoder().decode(Settings.self, from: Data(partial.utf8)).autoAssign,
                       AutoAssignSettings(enabled: true, maxOpenLoad: nil))
        var round = Settings()
        round.autoAssign = AutoAssignSettings(enabled: true, maxOpenLoad: 15)
        XCTAssertEqual(try JSONDecoder().decode(Settings.self, from: JSONEncoder().encode(round)).autoAssign, round.autoAssign)
    }
}
