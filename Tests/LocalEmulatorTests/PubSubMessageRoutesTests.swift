import Foundation
import Testing
import WireJSON

@Suite struct PubSubMessageRoutesTests {
    @Test func publishedMessageIsPulledWithEveryField() async throws {
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            let published = try await pubsub.call(
                .post, pubsub.topicPath("orders") + ":publish",
                [
                    "messages": [
                        ["data": "aGVsbG8=", "attributes": ["kind": "paid"], "orderingKey": "customer-1"],
                        ["data": "d29ybGQ"],
                    ]
                ])
            #expect(published.status == 200)
            let ids = (published.json["messageIds"]?.arrayValue ?? []).compactMap { $0.stringValue }
            #expect(ids.count == 2 && ids[0] != ids[1])

            let pulled = try await pubsub.pull("orders-sub")
            #expect(pulled.received.count == 2)
            let first = try #require(pulled.received.first)
            #expect(first["message"]?["data"] == "aGVsbG8=")
            #expect(first["message"]?["attributes"] == ["kind": "paid"])
            #expect(first["message"]?["messageId"] == .string(ids[0]))
            #expect(first["message"]?["publishTime"] == "2026-01-01T00:00:00Z")
            #expect(first["message"]?["orderingKey"] == "customer-1")
            #expect(first["deliveryAttempt"] == nil)
            // URL-safe, unpadded base64 in is standard, padded base64 out.
            #expect(pulled.received[1]["message"]?["data"] == "d29ybGQ=")
            #expect(pulled.received[1]["message"]?["attributes"] == nil)
        }
    }

    @Test(arguments: [
        ("{\"messages\":[{\"data\":\"!!!\"}]}", "Payload isn't valid"),
        ("{\"messages\":[{\"data\":\"abcde\"}]}", "Payload isn't valid"),
        ("{\"messages\":[]}", "No messages to publish"),
        ("{}", "No messages to publish"),
        ("{\"messages\":[{}]}", "Some messages are empty"),
        ("{\"messages\":[{\"data\":\"eA==\",\"attributes\":{\"k\":1}}]}", "must be a string"),
        ("{\"messages\":[{\"data\":\"eA==\",\"attributes\":{\"googKey\":\"v\"}}]}", "invalid attribute key"),
        ("{\"messages\":\"nope\"}", "No messages to publish"),
    ])
    func invalidPublishBodiesAreBadRequests(body: String, message: String) async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            let reply = try await pubsub.call(.post, pubsub.topicPath("orders") + ":publish", raw: body)
            #expect(reply.status == 400)
            #expect(reply.errorStatus == "INVALID_ARGUMENT")
            #expect(reply.errorMessage?.contains(message) == true, "\(reply.json)")
        }
    }

    @Test func awkwardAttributesAndOrderingKeysRoundTripExactly() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            let attributes: JSONObject = ["quote\"key": "back\\slash", "line": "a\nb\tc", "unicode": "žluťoučký 🐎", "empty": ""]
            let published = try await pubsub.call(
                .post, pubsub.topicPath("orders") + ":publish",
                [
                    "messages": [["data": "eA==", "attributes": .object(attributes), "orderingKey": "k\"ey\u{1}"]]
                ])
            #expect(published.status == 200)
            let message = try #require(try await pubsub.pull("orders-sub").received.first?["message"])
            #expect(message["attributes"] == .object(attributes))
            #expect(message["orderingKey"] == "k\"ey\u{1}")
        }
    }

    @Test func publishRefusesMoreThanAThousandMessages() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            let reply = try await pubsub.publish("orders", Array(repeating: "x", count: 1001))
            #expect(reply.status == 400)
            #expect(try await pubsub.publish("orders", Array(repeating: "x", count: 1000)).status == 200)
        }
    }

    @Test func messageIdsKeepIncreasingAcrossPublishes() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            let first = try await pubsub.publish("orders", ["a", "b"]).json["messageIds"]?.arrayValue?.compactMap { $0.stringValue.flatMap(Int.init) }
            let second = try await pubsub.publish("orders", ["c"]).json["messageIds"]?.arrayValue?.compactMap { $0.stringValue.flatMap(Int.init) }
            #expect(first == [1, 2])
            #expect(second == [3])
        }
    }

    @Test func acknowledgedMessagesAreNotRedelivered() async throws {
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            try await pubsub.publish("orders", ["one", "two"])
            let pulled = try await pubsub.pull("orders-sub")
            #expect(try await pubsub.ack("orders-sub", pulled.ackIds).json == .object([:]))
            clock.advance(seconds: 60)
            #expect(try await pubsub.pull("orders-sub").json == .object([:]))
        }
    }

    @Test func largeBatchesAreAllPulledAndAcked() async throws {
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            try await pubsub.publish("orders", (0..<250).map { "m\($0)" })
            let pulled = try await pubsub.pull("orders-sub", max: 1000)
            #expect(pulled.dataTexts == (0..<250).map { "m\($0)" })
            // One stale ackId in the middle of the chunks does not stop the others.
            var ackIds = pulled.ackIds
            ackIds.insert("999999-1", at: 120)
            #expect(try await pubsub.ack("orders-sub", ackIds).status == 200)
            clock.advance(seconds: 60)
            #expect(try await pubsub.pull("orders-sub", max: 1000).received.isEmpty)
        }
    }

    @Test func pullHonoursMaxMessagesAndValidatesIt() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            try await pubsub.publish("orders", ["1", "2", "3", "4", "5"])
            #expect(try await pubsub.pull("orders-sub", max: 2).dataTexts == ["1", "2"])
            #expect(try await pubsub.pull("orders-sub", max: 10).dataTexts == ["3", "4", "5"])
            let zero = try await pubsub.pull("orders-sub", max: 0)
            #expect(zero.status == 400)
            #expect(zero.errorMessage == "No max_messages specified")
            #expect(try await pubsub.call(.post, pubsub.subscriptionPath("orders-sub") + ":pull", [:]).status == 400)
        }
    }

    @Test func staleAndUnknownAckIdsAreIgnoredButMalformedOnesAreRejected() async throws {
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            try await pubsub.publish("orders", ["one"])
            let stale = try await pubsub.pull("orders-sub").ackIds
            clock.advance(seconds: 11)
            let fresh = try await pubsub.pull("orders-sub").ackIds
            #expect(stale != fresh && fresh.count == 1)
            // The first delivery's ackId no longer acks the message.
            #expect(try await pubsub.ack("orders-sub", stale + ["999999-1"]).status == 200)
            clock.advance(seconds: 11)
            #expect(try await pubsub.pull("orders-sub").dataTexts == ["one"])

            let malformed = try await pubsub.ack("orders-sub", ["garbage"])
            #expect(malformed.status == 400)
            #expect(malformed.errorMessage == "Invalid ack id (ack_id=garbage)")
            let empty = try await pubsub.ack("orders-sub", [])
            #expect(empty.status == 400)
            #expect(empty.errorMessage == "No ack ids specified.")
            #expect(try await pubsub.modifyAckDeadline("orders-sub", fresh, seconds: 601).status == 400)
        }
    }

    @Test func ackIdsOfAnotherSubscriptionDoNothing() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("sub-one", topic: "orders")
            try await pubsub.createSubscription("sub-two", topic: "orders")
            try await pubsub.publish("orders", ["one"])
            let ackIds = try await pubsub.pull("sub-one").ackIds
            #expect(try await pubsub.ack("sub-two", ackIds).status == 200)
            #expect(try await pubsub.pull("sub-two").dataTexts == ["one"])
        }
    }

    @Test func emptyPullWaitsThenAnswersEmpty() async throws {
        // A long wait window keeps both bounds far from what a loaded machine can blur.
        try await withPubSubEmulator(pullWait: .seconds(6)) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            let start = ContinuousClock.now
            let reply = try await pubsub.pull("orders-sub", immediately: false)
            let waited = ContinuousClock.now - start
            #expect(reply.status == 200 && reply.json == .object([:]))
            #expect(waited >= .milliseconds(5900))

            let quick = ContinuousClock.now
            _ = try await pubsub.pull("orders-sub", immediately: true)
            // Half the wait: a loaded run of the whole suite took 1.64 s for it.
            #expect(ContinuousClock.now - quick < .seconds(3))
        }
    }
}
