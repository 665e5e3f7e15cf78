import Testing
import WireJSON

@Suite struct PubSubSubscriptionRoutesTests {
    @Test func createdSubscriptionEchoesItsSettingsWithDefaults() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            let created = try await pubsub.createSubscription("orders-sub", topic: "orders")
            #expect(created.status == 200)
            #expect(created.json["name"] == "projects/test-project/subscriptions/orders-sub")
            #expect(created.json["topic"] == "projects/test-project/topics/orders")
            #expect(created.json["ackDeadlineSeconds"] == 10)
            #expect(created.json["messageRetentionDuration"] == "604800s")
            #expect(created.json["pushConfig"] == .object([:]))

            let fetched = try await pubsub.call(.get, pubsub.subscriptionPath("orders-sub"))
            #expect(fetched.json == created.json)
        }
    }

    @Test func everyPolicyRoundTrips() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createTopic("orders-dead")
            let created = try await pubsub.createSubscription(
                "orders-sub", topic: "orders",
                [
                    "ackDeadlineSeconds": 30, "messageRetentionDuration": "3600s",
                    "deadLetterPolicy": ["deadLetterTopic": "projects/test-project/topics/orders-dead", "maxDeliveryAttempts": 7],
                    "retryPolicy": ["minimumBackoff": "1.5s", "maximumBackoff": "20s"],
                    "filter": "attributes.kind = \"paid\"", "labels": ["team": "data"],
                ])
            #expect(created.status == 200)
            #expect(created.json["ackDeadlineSeconds"] == 30)
            #expect(created.json["messageRetentionDuration"] == "3600s")
            #expect(
                created.json["deadLetterPolicy"] == [
                    "deadLetterTopic": "projects/test-project/topics/orders-dead",
                    "maxDeliveryAttempts": 7,
                ])
            #expect(created.json["retryPolicy"] == ["minimumBackoff": "1.5s", "maximumBackoff": "20s"])
            #expect(created.json["filter"] == "attributes.kind = \"paid\"")
            #expect(created.json["labels"] == ["team": "data"])
            #expect(try await pubsub.call(.get, pubsub.subscriptionPath("orders-sub")).json == created.json)
        }
    }

    @Test func creationErrorsUseGoogleStatuses() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")

            let duplicate = try await pubsub.createSubscription("orders-sub", topic: "orders")
            #expect(duplicate.status == 409)
            #expect(duplicate.errorStatus == "ALREADY_EXISTS")

            let missingTopic = try await pubsub.createSubscription("other-sub", topic: "ghost")
            #expect(missingTopic.status == 404)
            #expect(missingTopic.errorMessage == "Subscription topic does not exist")

            let missingDeadLetter = try await pubsub.createSubscription(
                "other-sub", topic: "orders",
                [
                    "deadLetterPolicy": ["deadLetterTopic": "projects/test-project/topics/ghost", "maxDeliveryAttempts": 5]
                ])
            #expect(missingDeadLetter.status == 404)

            let noTopic = try await pubsub.call(.put, pubsub.subscriptionPath("other-sub"), [:])
            #expect(noTopic.status == 400)
        }
    }

    @Test(arguments: [
        ["ackDeadlineSeconds": 601] as JSONObject,
        ["ackDeadlineSeconds": "ten"],
        ["messageRetentionDuration": "5s"],
        ["messageRetentionDuration": "forever"],
        ["filter": "attributes.kind ="],
        ["filter": "attributes:a AND attributes:b OR attributes:c"],
        ["deadLetterPolicy": ["deadLetterTopic": "projects/test-project/topics/orders", "maxDeliveryAttempts": 2]],
        ["retryPolicy": ["minimumBackoff": "30s", "maximumBackoff": "10s"]],
        ["labels": ["team": 3]],
    ])
    func invalidSettingsAreBadRequests(settings: JSONObject) async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            let reply = try await pubsub.createSubscription("orders-sub", topic: "orders", settings)
            #expect(reply.status == 400, "\(settings)")
            #expect(reply.errorStatus == "INVALID_ARGUMENT")
        }
    }

    @Test func patchChangesOnlyTheMaskedFields() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders", ["ackDeadlineSeconds": 20])
            let patched = try await pubsub.call(
                .patch, pubsub.subscriptionPath("orders-sub"),
                [
                    "subscription": ["ackDeadlineSeconds": 60, "messageRetentionDuration": "700s"],
                    "updateMask": "ackDeadlineSeconds",
                ])
            #expect(patched.status == 200)
            #expect(patched.json["ackDeadlineSeconds"] == 60)
            #expect(patched.json["messageRetentionDuration"] == "604800s")
            #expect(try await pubsub.call(.get, pubsub.subscriptionPath("orders-sub")).json["ackDeadlineSeconds"] == 60)

            let immutable = try await pubsub.call(
                .patch, pubsub.subscriptionPath("orders-sub"),
                [
                    "subscription": ["filter": "attributes:x"], "updateMask": "filter",
                ])
            #expect(immutable.status == 400)
            let noMask = try await pubsub.call(.patch, pubsub.subscriptionPath("orders-sub"), ["subscription": [:]])
            #expect(noMask.status == 400)
            let missing = try await pubsub.call(
                .patch, pubsub.subscriptionPath("ghost-sub"),
                [
                    "subscription": ["ackDeadlineSeconds": 60], "updateMask": "ackDeadlineSeconds",
                ])
            #expect(missing.status == 404)
        }
    }

    @Test func deletedSubscriptionIsGoneWithItsMessages() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            try await pubsub.publish("orders", ["one"])
            #expect(try await pubsub.call(.delete, pubsub.subscriptionPath("orders-sub")).status == 200)
            #expect(try await pubsub.call(.get, pubsub.subscriptionPath("orders-sub")).status == 404)
            #expect(try await pubsub.call(.delete, pubsub.subscriptionPath("orders-sub")).status == 404)
            // Re-created with the same name, it starts empty.
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            #expect(try await pubsub.pull("orders-sub").received.isEmpty)
        }
    }

    @Test func subscriptionsAreListedPerProject() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("sub-one", topic: "orders")
            try await pubsub.createSubscription("sub-two", topic: "orders")
            let listed = try await pubsub.call(.get, "/v1/projects/test-project/subscriptions")
            #expect(
                listed.json["subscriptions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == [
                    "projects/test-project/subscriptions/sub-one", "projects/test-project/subscriptions/sub-two",
                ])
            #expect(listed.json["subscriptions"]?.arrayValue?.first?["topic"] == "projects/test-project/topics/orders")
        }
    }

    @Test func routesOnAMissingSubscriptionAreNotFound() async throws {
        try await withPubSubEmulator { pubsub in
            #expect(try await pubsub.pull("ghost-sub").status == 404)
            #expect(try await pubsub.ack("ghost-sub", ["1-1"]).status == 404)
            #expect(try await pubsub.modifyAckDeadline("ghost-sub", ["1-1"], seconds: 0).status == 404)
            let reply = try await pubsub.call(.get, pubsub.subscriptionPath("ghost-sub"))
            #expect(reply.status == 404)
            #expect(reply.errorStatus == "NOT_FOUND")
            #expect(reply.errorMessage == "Subscription does not exist")
        }
    }
}
