import Foundation
import GoogleREST
import TestSupport
import Testing

@testable import PubSubClient

@Suite struct PubSubClientAdminTests {
    @Test func createsAndReadsTopicsAndSubscriptions() async throws {
        try await withClientHarness { harness in
            let client = harness.client
            #expect(try await client.createTopic("orders") == "projects/client-project/topics/orders")
            #expect(try await client.getTopic("orders") == "projects/client-project/topics/orders")
            try await client.createTopic("orders-dead")
            let created = try await client.createSubscription(
                "orders-sub",
                settings: .init(
                    topic: "orders", ackDeadline: .seconds(30), filter: "attributes:kind",
                    deadLetterPolicy: .init(topic: "orders-dead", maxDeliveryAttempts: 5),
                    retryPolicy: .init(minimumBackoff: .seconds(1), maximumBackoff: .milliseconds(5500))))
            #expect(created.name == "projects/client-project/subscriptions/orders-sub")
            #expect(created.topic == "projects/client-project/topics/orders")
            #expect(created.ackDeadline == .seconds(30))
            #expect(created.filter == "attributes:kind")
            #expect(created.deadLetterTopic == "projects/client-project/topics/orders-dead")
            #expect(created.maxDeliveryAttempts == 5)
            #expect(try await client.getSubscription("orders-sub") == created)
            try await client.deleteSubscription("orders-sub")
            try await client.deleteTopic("orders")
        }
    }

    @Test func conflictsAndMissingResourcesAreTypedAndNotRetryable() async throws {
        try await withClientHarness { harness in
            let client = harness.client
            try await client.createTopic("orders")
            let conflict = await #expect(throws: PubSubError.self) { try await client.createTopic("orders") }
            #expect(conflict?.isAlreadyExists == true)
            #expect(conflict?.httpStatus == 409)
            #expect(conflict?.reason == "ALREADY_EXISTS")
            #expect(conflict?.isRetryable == false)

            let missing = await #expect(throws: PubSubError.self) { try await client.getSubscription("ghost-sub") }
            #expect(missing?.isNotFound == true)
            #expect(missing?.reason == "NOT_FOUND")

            let invalid = await #expect(throws: PubSubError.self) {
                try await client.publish(topic: "orders", messages: [PubSubMessage(data: Data())])
            }
            #expect(invalid?.httpStatus == 400)
            #expect(invalid?.message == "Some messages are empty")
        }
    }
}

@Suite struct PubSubClientMessageTests {
    @Test func publishPullAndAcknowledgeRoundTrip() async throws {
        try await withClientHarness { harness in
            let client = harness.client
            try await client.createTopic("orders")
            try await client.createSubscription("orders-sub", settings: .init(topic: "orders"))
            let ids = try await client.publish(
                topic: "orders",
                messages: [
                    PubSubMessage(text: "first", attributes: ["kind": "paid"], orderingKey: "customer-1"),
                    PubSubMessage(data: Data([0, 255, 1])),
                ])
            #expect(ids.count == 2)
            let received = try await client.pull(subscription: "orders-sub", maxMessages: 10, returnImmediately: true)
            #expect(received.map(\.messageId) == ids)
            #expect(received.first?.data == Data("first".utf8))
            #expect(received.first?.attributes == ["kind": "paid"])
            #expect(received.first?.orderingKey == "customer-1")
            #expect(received.first?.publishTime.hasSuffix("Z") == true)
            #expect(received.last?.data == Data([0, 255, 1]))
            #expect(received.first?.deliveryAttempt == nil)
            try await client.acknowledge(subscription: "orders-sub", ackIds: received.map(\.ackId))
            #expect(try await client.pull(subscription: "orders-sub", maxMessages: 10, returnImmediately: true).isEmpty)
        }
    }

    @Test func nackRedeliversWithTheNextDeliveryAttempt() async throws {
        try await withClientHarness { harness in
            let client = harness.client
            try await client.createTopic("orders")
            try await client.createTopic("orders-dead")
            try await client.createSubscription(
                "orders-sub",
                settings: .init(
                    topic: "orders", deadLetterPolicy: .init(topic: "orders-dead", maxDeliveryAttempts: 5)))
            _ = try await client.publish(topic: "orders", messages: [PubSubMessage(text: "retry me")])
            let first = try await client.pull(subscription: "orders-sub", maxMessages: 1, returnImmediately: true)
            #expect(first.first?.deliveryAttempt == 1)
            try await client.modifyAckDeadline(subscription: "orders-sub", ackIds: first.map(\.ackId), deadline: .zero)
            let second = try await client.pull(subscription: "orders-sub", maxMessages: 1)
            #expect(second.first?.deliveryAttempt == 2)
            #expect(second.first?.messageId == first.first?.messageId)
        }
    }

    @Test func waitingPullWakesWhenAMessageIsPublished() async throws {
        // A pull that slept through the publish takes the whole minute; the bound leaves room for a busy CI machine.
        try await withClientHarness(pullWait: .seconds(60)) { harness in
            let client = harness.client
            try await client.createTopic("orders")
            try await client.createSubscription("orders-sub", settings: .init(topic: "orders"))
            let start = ContinuousClock.now
            async let pulled = client.pull(subscription: "orders-sub", maxMessages: 10)
            try await Task.sleep(for: .milliseconds(300))
            _ = try await client.publish(topic: "orders", messages: [PubSubMessage(text: "wake up")])
            #expect(try await pulled.map { String(decoding: $0.data, as: UTF8.self) } == ["wake up"])
            #expect(ContinuousClock.now - start < .seconds(30))
        }
    }

    @Test func waitingPullReturnsEmptyWhenNothingArrives() async throws {
        try await withClientHarness(pullWait: .milliseconds(100)) { harness in
            try await harness.client.createTopic("orders")
            try await harness.client.createSubscription("orders-sub", settings: .init(topic: "orders"))
            #expect(try await harness.client.pull(subscription: "orders-sub", maxMessages: 5).isEmpty)
        }
    }
}

@Suite struct PubSubClientRetryTests {
    @Test func retryableFailuresAreRetriedWithGrowingJitteredBackoff() async throws {
        let clock = RecordingClock()
        let policy = RetryPolicy(
            maxAttempts: 4, initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1),
            clock: clock, random: { 0.5 })
        try await withClientHarness(retry: policy) { harness in
            try await harness.client.createTopic("orders")
            try await harness.injectFault(path: "orders:publish$", status: 503, times: 2)
            let ids = try await harness.client.publish(topic: "orders", messages: [PubSubMessage(text: "x")])
            #expect(ids.count == 1)
            #expect(clock.recorded == [.milliseconds(50), .milliseconds(100)])
        }
    }

    @Test func retriesStopAtMaxAttemptsWithTheLastError() async throws {
        let clock = RecordingClock()
        let policy = RetryPolicy(maxAttempts: 3, clock: clock, random: { 1 })
        try await withClientHarness(retry: policy) { harness in
            try await harness.client.createTopic("orders")
            try await harness.injectFault(path: "orders:publish$", status: 429, times: 10)
            let error = await #expect(throws: PubSubError.self) {
                try await harness.client.publish(topic: "orders", messages: [PubSubMessage(text: "x")])
            }
            #expect(error?.httpStatus == 429)
            #expect(error?.isRetryable == true)
            #expect(clock.recorded.count == 2)
        }
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let clock = RecordingClock()
        try await withClientHarness(retry: RetryPolicy(maxAttempts: 5, clock: clock)) { harness in
            await #expect(throws: PubSubError.self) { try await harness.client.getTopic("ghost") }
            #expect(clock.recorded.isEmpty)
        }
    }

    @Test func unreachableEndpointIsARetryableTransportError() async throws {
        let clock = RecordingClock()
        // Port 9 (discard) is closed on loopback here: the connection is refused.
        var client = PubSubClient(
            httpClient: .shared, projectId: "p", endpoint: .emulator(host: "127.0.0.1:9"),
            retryPolicy: RetryPolicy(maxAttempts: 3, clock: clock))
        // The connection pool keeps retrying a refused connect until the request's deadline.
        client.requestTimeout = .milliseconds(300)
        let error = await #expect(throws: PubSubError.self) { try await client.getTopic("orders") }
        #expect(error?.isTransport == true)
        #expect(error?.isRetryable == true)
        #expect(error?.httpStatus == nil)
        #expect(clock.recorded.count == 2)
    }

}

@Suite struct PubSubEndpointTests {
    @Test func emulatorHostFromTheEnvironmentIsPlainHTTP() {
        let endpoint = RESTEndpoint.pubSub(environment: ["PUBSUB_EMULATOR_HOST": "localhost:8085"])
        #expect(endpoint.baseURL == "http://localhost:8085")
        #expect(endpoint.isEmulator)
    }

    @Test func withoutTheVariableItIsGoogle() {
        #expect(RESTEndpoint.pubSub(environment: [:]) == .pubSub)
        #expect(RESTEndpoint.pubSub(environment: ["PUBSUB_EMULATOR_HOST": " "]) == .pubSub)
        #expect(RESTEndpoint.pubSub.baseURL == "https://pubsub.googleapis.com")
    }
}

@Suite struct PubSubDurationEncodingTests {
    @Test func durationsAreSentAsPubSubSpellsThem() {
        #expect(PubSubClient.protobufJSON(.seconds(10)) == "10s")
        #expect(PubSubClient.protobufJSON(.milliseconds(5500)) == "5.5s")
        #expect(PubSubClient.protobufJSON(.nanoseconds(1_000_000_001)) == "1.000000001s")
        #expect(PubSubClient.protobufJSON(.zero) == "0s")
        // Integer-second fields round up, so a deadline is never shorter than asked.
        #expect(PubSubClient.wholeSeconds(.seconds(30)) == 30)
        #expect(PubSubClient.wholeSeconds(.milliseconds(10_001)) == 11)
        #expect(PubSubClient.wholeSeconds(.zero) == 0)
    }
}
