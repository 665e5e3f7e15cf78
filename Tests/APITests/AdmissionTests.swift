import Foundation
import HTTPServerLimits
import Synchronization
import Testing
import WireJSON

@testable import API

@Suite("Ingest admission")
struct AdmissionTests {
    @Test func theGateLetsAtMostItsLimitThroughAndEveryoneInTurn() async throws {
        let gate = AdmissionGate(capacity: 2)
        let tally = Tally()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await gate.withAdmission(weight: 1) {
                        tally.state.withLock {
                            $0.now += 1
                            $0.most = max($0.most, $0.now)
                            $0.passed += 1
                        }
                        try await Task.sleep(for: .milliseconds(5))
                        tally.state.withLock { $0.now -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(tally.state.withLock { $0.most } == 2)
        #expect(tally.state.withLock { $0.passed } == 8)
        #expect(gate.waiting == 0 && gate.admitted == 0)
    }

    @Test func weightsShareTheCapacityInOrderAndAnOversizedCallerPassesAlone() async throws {
        let gate = AdmissionGate(capacity: 10)
        let (release, releaseNow) = AsyncStream.makeStream(of: Void.self)
        let heavy = Task { try await gate.withAdmission(weight: 8) { for await _ in release { break } } }
        while gate.admitted == 0 { try await Task.sleep(for: .milliseconds(1)) }
        // 8 + 1 fits: a light caller passes at once.
        #expect(try await gate.withAdmission(weight: 1) { gate.admitted } == 2)
        // 8 + 5 does not: it waits, and a light caller behind it waits too rather than overtake it.
        let tally = Tally()
        let second = Task { try await gate.withAdmission(weight: 5) { tally.state.withLock { $0.passed += 1 } } }
        while gate.waiting < 1 { try await Task.sleep(for: .milliseconds(1)) }
        let light = Task { try await gate.withAdmission(weight: 1) { tally.state.withLock { $0.passed += 10 } } }
        while gate.waiting < 2 { try await Task.sleep(for: .milliseconds(1)) }
        #expect(tally.state.withLock { $0.passed } == 0)
        releaseNow.yield()
        try await heavy.value
        try await second.value
        try await light.value
        #expect(tally.state.withLock { $0.passed } == 11)
        // More than the whole capacity counts as all of it.
        #expect(try await gate.withAdmission(weight: 1_000) { gate.admitted } == 1)
        #expect(gate.admitted == 0 && gate.waiting == 0)
    }

    @Test func aCallerCancelledWhileWaitingLeavesTheQueueAndOthersStillPass() async throws {
        let gate = AdmissionGate(capacity: 1)
        let (release, releaseNow) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await gate.withAdmission(weight: 1) {
                for await _ in release { break }
            }
        }
        while gate.admitted == 0 { try await Task.sleep(for: .milliseconds(1)) }
        let tally = Tally()
        let waiter = Task { try await gate.withAdmission(weight: 1) { tally.state.withLock { $0.passed += 1 } } }
        while gate.waiting == 0 { try await Task.sleep(for: .milliseconds(1)) }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(gate.waiting == 0)
        #expect(tally.state.withLock { $0.passed } == 0)
        releaseNow.yield()
        try await holder.value
        // The place the cancelled waiter would have taken is free.
        #expect(try await gate.withAdmission(weight: 1) { 42 } == 42)
        #expect(gate.admitted == 0)
    }

    @Test func aBodyIsWeighedByItsDeclaredLengthAndAChunkedOneAsATypicalBatch() {
        #expect(IngestRoute.admissionWeight(declaredLength: 1234) == 1234)
        // Not the largest body allowed (1 MiB, the whole default budget): chunked ingests would pass one at a time.
        #expect(IngestRoute.admissionWeight(declaredLength: nil) == 64 * 1024)
        #expect(IngestRoute.admissionWeight(declaredLength: nil) * 16 <= IngestLimits().maxBytesInFlight)
    }

    @Test func ingestsBeyondTheLimitWaitTheirTurnAndAllArePublished() async throws {
        try await withAPI(configure: { $0.ingest.maxBytesInFlight = 1 }) { (api: APIHarness) async throws in
            try await api.countCalls(method: "POST", path: ":publish$")
            let answers = try await withThrowingTaskGroup(of: APIAnswer.self) { group in
                for request in 0..<5 {
                    group.addTask {
                        try await api.ingest(.array((0..<3).map { .object(Events.event(request * 10 + $0)) }))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.map(\.status) == Array(repeating: 202, count: 5))
            #expect(try await api.pullAll().count == 15)
            // One request at a time, and each waits for its own publish: one publish call per request,
            // where concurrent requests would share batches.
            #expect(try await api.matchedCalls() == 5)
        }
    }
}

/// What the callers of a gate did, shared between their tasks.
final class Tally: Sendable {
    let state = Mutex((now: 0, most: 0, passed: 0))
}

@Suite("Request ids")
struct RequestIdentifierTests {
    @Test func newIdsAre32LowercaseHexDigitsAndNeverRepeatAcrossTasks() async throws {
        let ids = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 { group.addTask { (0..<2_500).map { _ in RequestIdentifiers.next() } } }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(Set(ids).count == 10_000)
        #expect(ids.allSatisfy { $0.utf8.count == 32 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } })
        #expect(RequestIdentifiers.hex(0xAB) == "00000000000000ab")
    }
}
