import GoogleAuth
import Testing

@testable import LocalEmulator

/// The waiting pull at the store level: the live test client has one connection, so it cannot
/// publish while its own pull is waiting.
@Suite struct PubSubWaitingPullTests {
    func makeStore(pullWait: Duration) throws -> PubSubStore {
        let database = try EmulatorDatabase(path: nil, migrations: PubSubSchema.migrations)
        return PubSubStore(database: database, configuration: PubSubEmulatorConfiguration(pullWait: pullWait), clock: SystemWallClock())
    }

    func prepare(_ store: PubSubStore) async throws {
        _ = try await store.createTopic(name: "projects/test-project/topics/orders", project: "test-project", body: [:])
        _ = try await store.createSubscription(
            name: "projects/test-project/subscriptions/orders-sub", project: "test-project",
            body: ["topic": "projects/test-project/topics/orders"])
    }

    @Test func waitingPullWakesAsSoonAsAMessageIsPublished() async throws {
        // Far apart on purpose: a pull that slept through the publish would take the whole minute,
        // while a loaded CI machine may take seconds to run the publish.
        let store = try makeStore(pullWait: .seconds(60))
        try await prepare(store)
        let start = ContinuousClock.now
        async let pulled = store.pull(subscription: "projects/test-project/subscriptions/orders-sub", maxMessages: 10, returnImmediately: false)
        try await Task.sleep(for: .milliseconds(200))
        let ids = try await store.publish(
            topic: "projects/test-project/topics/orders",
            messages: [PubSubIncomingMessage(dataBase64: "aGk=", attributes: [], orderingKey: nil)])
        let result = try await pulled
        #expect(result.deliveries.map(\.messageId) == ids)
        #expect(ContinuousClock.now - start < .seconds(30))
        #expect(store.signals.waiterCount == 0)
    }

    @Test func manyWaitingPullsAllTimeOutAndLeaveNoWaiterBehind() async throws {
        let store = try makeStore(pullWait: .milliseconds(150))
        try await prepare(store)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await store.pull(
                        subscription: "projects/test-project/subscriptions/orders-sub", maxMessages: 1,
                        returnImmediately: false
                    ).deliveries.count
                }
            }
            for try await count in group { #expect(count == 0) }
        }
        #expect(store.signals.waiterCount == 0)
    }

    @Test func cancelledPullStopsWaiting() async throws {
        let store = try makeStore(pullWait: .seconds(120))
        try await prepare(store)
        let start = ContinuousClock.now
        let task = Task {
            try await store.pull(subscription: "projects/test-project/subscriptions/orders-sub", maxMessages: 1, returnImmediately: false)
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        _ = await task.result
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(store.signals.waiterCount == 0)
    }
}
