import Foundation
import Testing
import WireJSON

@Suite struct PubSubDeliveryTests {
    @Test func unackedMessageComesBackAfterTheAckDeadline() async throws {
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders", ["ackDeadlineSeconds": 20])
            try await pubsub.publish("orders", ["one"])
            #expect(try await pubsub.pull("orders-sub").dataTexts == ["one"])
            clock.advance(seconds: 19)
            #expect(try await pubsub.pull("orders-sub").received.isEmpty)
            clock.advance(seconds: 2)
            #expect(try await pubsub.pull("orders-sub").dataTexts == ["one"])
        }
    }

    @Test func nackRedeliversAtOnce() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            try await pubsub.publish("orders", ["one"])
            let first = try await pubsub.pull("orders-sub")
            #expect(try await pubsub.modifyAckDeadline("orders-sub", first.ackIds, seconds: 0).status == 200)
            #expect(try await pubsub.pull("orders-sub").dataTexts == ["one"])
        }
    }

    @Test func modifyAckDeadlineExtendsTheLease() async throws {
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            try await pubsub.publish("orders", ["one"])
            let ackIds = try await pubsub.pull("orders-sub").ackIds
            clock.advance(seconds: 5)
            try await pubsub.modifyAckDeadline("orders-sub", ackIds, seconds: 120)
            clock.advance(seconds: 100)
            #expect(try await pubsub.pull("orders-sub").received.isEmpty)
            // Still the current delivery, so the ack works after the extension.
            try await pubsub.ack("orders-sub", ackIds)
            clock.advance(seconds: 60)
            #expect(try await pubsub.pull("orders-sub").received.isEmpty)
        }
    }

    @Test func retryPolicyBacksOffExponentiallyAfterNacks() async throws {
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription(
                "orders-sub", topic: "orders",
                [
                    "retryPolicy": ["minimumBackoff": "10s", "maximumBackoff": "15s"]
                ])
            try await pubsub.publish("orders", ["one"])
            // First nack: 10 s of backoff.
            try await pubsub.modifyAckDeadline("orders-sub", try await pubsub.pull("orders-sub").ackIds, seconds: 0)
            clock.advance(seconds: 9)
            #expect(try await pubsub.pull("orders-sub").received.isEmpty)
            clock.advance(seconds: 1)
            let second = try await pubsub.pull("orders-sub")
            #expect(second.dataTexts == ["one"])
            // Second nack: 20 s, capped at the 15 s maximum.
            try await pubsub.modifyAckDeadline("orders-sub", second.ackIds, seconds: 0)
            clock.advance(seconds: 14)
            #expect(try await pubsub.pull("orders-sub").received.isEmpty)
            clock.advance(seconds: 1)
            #expect(try await pubsub.pull("orders-sub").dataTexts == ["one"])
        }
    }

    @Test func deadLetterPolicyCountsAttemptsThenForwards() async throws {
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createTopic("orders-dead")
            try await pubsub.createSubscription("dead-sub", topic: "orders-dead")
            try await pubsub.createSubscription(
                "orders-sub", topic: "orders",
                [
                    "deadLetterPolicy": ["deadLetterTopic": .string(pubsub.topicName("orders-dead")), "maxDeliveryAttempts": 5]
                ])
            try await pubsub.publish("orders", ["poison"], attributes: ["kind": "bad"])
            // Attempts 1-4 are nacked; the 5th delivery expires its deadline instead.
            for attempt in 1...5 {
                let pulled = try await pubsub.pull("orders-sub")
                #expect(pulled.received.first?["deliveryAttempt"] == .int(Int64(attempt)))
                if attempt < 5 {
                    try await pubsub.modifyAckDeadline("orders-sub", pulled.ackIds, seconds: 0)
                } else {
                    clock.advance(seconds: 11)
                }
            }
            #expect(try await pubsub.pull("orders-sub").received.isEmpty)
            let dead = try await pubsub.pull("dead-sub")
            #expect(dead.dataTexts == ["poison"])
            let attributes = dead.received.first?["message"]?["attributes"]
            #expect(attributes?["kind"] == "bad")
            #expect(attributes?["CloudPubSubDeadLetterSourceDeliveryCount"] == "5")
            #expect(attributes?["CloudPubSubDeadLetterSourceSubscription"] == "orders-sub")
            #expect(dead.received.first?["deliveryAttempt"] == nil)
        }
    }

    @Test func nackOfTheLastAllowedAttemptForwardsImmediately() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createTopic("orders-dead")
            try await pubsub.createSubscription("dead-sub", topic: "orders-dead")
            try await pubsub.createSubscription(
                "orders-sub", topic: "orders",
                [
                    "deadLetterPolicy": ["deadLetterTopic": .string(pubsub.topicName("orders-dead")), "maxDeliveryAttempts": 5]
                ])
            try await pubsub.publish("orders", ["poison"])
            for _ in 1...5 {
                try await pubsub.modifyAckDeadline("orders-sub", try await pubsub.pull("orders-sub").ackIds, seconds: 0)
            }
            #expect(try await pubsub.pull("dead-sub").dataTexts == ["poison"])
            #expect(try await pubsub.pull("orders-sub").received.isEmpty)
        }
    }

    @Test func everySubscriptionOfATopicGetsItsOwnCopy() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createTopic("unrelated")
            for id in ["sub-one", "sub-two", "sub-three"] { try await pubsub.createSubscription(id, topic: "orders") }
            try await pubsub.createSubscription("unrelated-sub", topic: "unrelated")
            try await pubsub.publish("orders", ["a", "b"])
            let one = try await pubsub.pull("sub-one")
            try await pubsub.ack("sub-one", one.ackIds)
            #expect(one.dataTexts == ["a", "b"])
            #expect(try await pubsub.pull("sub-two").dataTexts == ["a", "b"])
            #expect(try await pubsub.pull("sub-three").dataTexts == ["a", "b"])
            #expect(try await pubsub.pull("unrelated-sub").received.isEmpty)
            // Same messageIds in every copy.
            let ids = one.received.compactMap { $0["message"]?["messageId"]?.stringValue }
            #expect(try await pubsub.pull("sub-three", immediately: true).received.isEmpty)
            #expect(ids.count == 2)
        }
    }

    @Test(arguments: [
        ("attributes.kind = \"paid\"", ["paid-eu", "paid-us"]),
        ("attributes.kind != \"paid\"", ["refund"]),
        ("attributes:region", ["paid-eu", "paid-us", "refund"]),
        ("NOT attributes:region", ["bare"]),
        ("hasPrefix(attributes.region, \"eu\")", ["paid-eu", "refund"]),
        ("attributes.kind = \"paid\" AND attributes.region = \"us-east\"", ["paid-us"]),
        ("attributes.kind = \"refund\" OR attributes.region = \"us-east\"", ["paid-us", "refund"]),
        (
            "(attributes.kind = \"paid\" OR attributes.kind = \"refund\") AND NOT hasPrefix(attributes.region, \"us\")",
            ["paid-eu", "refund"]
        ),
    ])
    func filterDeliversOnlyMatchingMessages(filter: String, expected: [String]) async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            #expect(try await pubsub.createSubscription("filtered", topic: "orders", ["filter": .string(filter)]).status == 200)
            try await pubsub.publish("orders", ["paid-eu"], attributes: ["kind": "paid", "region": "eu-west"])
            try await pubsub.publish("orders", ["paid-us"], attributes: ["kind": "paid", "region": "us-east"])
            try await pubsub.publish("orders", ["refund"], attributes: ["kind": "refund", "region": "eu-north"])
            try await pubsub.publish("orders", ["bare"])
            #expect(try await pubsub.pull("filtered").dataTexts == expected, "\(filter)")
        }
    }

    @Test func messagesOlderThanTheRetentionAreDropped() async throws {
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders", ["messageRetentionDuration": "600s"])
            try await pubsub.publish("orders", ["old"])
            clock.advance(seconds: 300)
            try await pubsub.publish("orders", ["new"])
            clock.advance(seconds: 301)
            #expect(try await pubsub.pull("orders-sub").dataTexts == ["new"])
        }
    }

    @Test func unackedMessagesSurviveARestartOnTheSameFile() async throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(at: path) }
        let clock = ManualClock()
        try await withPubSubEmulator(clock: clock, databasePath: path) { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            try await pubsub.publish("orders", ["acked", "leased", "waiting"])
            let first = try await pubsub.pull("orders-sub", max: 2)
            try await pubsub.ack("orders-sub", [first.ackIds[0]])
        }
        clock.advance(seconds: 30)
        try await withPubSubEmulator(clock: clock, databasePath: path) { pubsub in
            #expect(try await pubsub.call(.get, pubsub.subscriptionPath("orders-sub")).status == 200)
            #expect(try await pubsub.pull("orders-sub").dataTexts.sorted() == ["leased", "waiting"])
            // messageIds continue after the restart, never reusing an id.
            let ids = try await pubsub.publish("orders", ["after"]).json["messageIds"]
            #expect(ids == ["4"])
        }
    }
}
