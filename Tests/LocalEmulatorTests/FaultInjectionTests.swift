import Testing
import WireJSON

@Suite("Fault injection")
struct FaultInjectionTests {
    @Test func failsTheChosenFractionOfMatchingCalls() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let rule = try await client.post(
                "/emulator/v1/faults",
                [
                    "method": "POST", "path": "/insertAll$", "fraction": 0.5,
                    "status": 503, "reason": "backendError",
                ])
            #expect(rule.status == 200)
            var statuses: [Int] = []
            for index in 0..<10 {
                let reply = try await Fixture.insert(client, [Fixture.event("e\(index)")])
                statuses.append(reply.status)
                if reply.status == 503 { #expect(reply.errorReason == "backendError") }
            }
            #expect(statuses.filter { $0 == 503 }.count == 5)
            #expect(statuses.filter { $0 == 200 }.count == 5)
            // Other routes are untouched.
            #expect(try await client.get(Fixture.table("analytics", "events")).status == 200)
            let listed = try await client.get("/emulator/v1/faults")
            #expect(listed.json["faults"]?[0]?["injected"] == 5)
        }
    }

    @Test func timesLimitsHowOftenAFaultFiresAndClearRemovesRules() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client)
            _ = try await client.post("/emulator/v1/faults", ["path": "/datasets/analytics$", "status": 429, "times": 2])
            let path = "\(Fixture.datasets)/analytics"
            let first = try await client.get(path)
            #expect(first.status == 429)
            #expect(first.errorReason == "rateLimitExceeded")
            #expect(try await client.get(path).status == 429)
            #expect(try await client.get(path).status == 200)
            _ = try await client.post("/emulator/v1/faults", ["path": ".*", "status": 500])
            #expect(try await client.get(path).status == 500)
            #expect(try await client.call(.delete, "/emulator/v1/faults").status == 200)
            #expect(try await client.get(path).status == 200)
        }
    }

    @Test func latencyIsAddedWithoutFailing() async throws {
        try await withEmulator { client in
            _ = try await client.post("/emulator/v1/faults", ["path": "/healthz", "latencyMs": 150])
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await client.get("/healthz")
            #expect(reply.status == 200)
            #expect(clock.now - start >= .milliseconds(150))
        }
    }

    @Test func badRulesAreRefused() async throws {
        try await withEmulator { client in
            let bad: [JSONValue] = [
                ["status": 500], ["path": "(", "status": 500], ["path": "x", "status": 200],
                ["path": "x", "fraction": 2, "status": 500], ["path": "x"],
            ]
            for rule in bad {
                let reply = try await client.post("/emulator/v1/faults", rule)
                #expect(reply.status == 400, "\(rule)")
            }
        }
    }
}
