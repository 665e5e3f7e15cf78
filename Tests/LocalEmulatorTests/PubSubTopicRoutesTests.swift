import Hummingbird
import Testing
import WireJSON

@Suite struct PubSubTopicRoutesTests {
    @Test func createdTopicCanBeReadListedAndDeleted() async throws {
        try await withPubSubEmulator { pubsub in
            let created = try await pubsub.createTopic("orders")
            #expect(created.status == 200)
            #expect(created.json["name"] == "projects/test-project/topics/orders")

            let fetched = try await pubsub.call(.get, pubsub.topicPath("orders"))
            #expect(fetched.status == 200)
            #expect(fetched.json["name"] == "projects/test-project/topics/orders")

            try await pubsub.createTopic("payments")
            let listed = try await pubsub.call(.get, "/v1/projects/test-project/topics")
            #expect(
                listed.json["topics"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == [
                    "projects/test-project/topics/orders", "projects/test-project/topics/payments",
                ])

            #expect(try await pubsub.call(.delete, pubsub.topicPath("orders")).status == 200)
            #expect(try await pubsub.call(.get, pubsub.topicPath("orders")).status == 404)
        }
    }

    @Test func patchUpdatesOnlyTheMaskedFieldsAndClearsANamedFieldLeftOut() async throws {
        try await withPubSubEmulator { pubsub in
            _ = try await pubsub.call(.put, pubsub.topicPath("orders"), ["labels": ["team": "a"], "messageRetentionDuration": "700s"])
            let labelled = try await pubsub.call(
                .patch, pubsub.topicPath("orders"),
                ["topic": ["labels": ["team": "b", "tier": "1"], "messageRetentionDuration": "900s"], "updateMask": "labels"])
            #expect(labelled.status == 200)
            #expect(labelled.json["labels"] == ["team": "b", "tier": "1"])
            #expect(labelled.json["messageRetentionDuration"] == "700s")
            // The proto's spelling, as gRPC clients and `paths` send it; a named field left out is cleared.
            let cleared = try await pubsub.call(
                .patch, pubsub.topicPath("orders"),
                ["topic": ["messageRetentionDuration": "1200s"], "updateMask": ["paths": ["labels", "message_retention_duration"]]])
            #expect(cleared.status == 200)
            #expect(cleared.json["labels"] == nil)
            #expect(cleared.json["messageRetentionDuration"] == "1200s")
            let fetched = try await pubsub.call(.get, pubsub.topicPath("orders"))
            #expect(fetched.json == cleared.json)
            // An empty map is no labels: the member is left out, not written as null.
            let emptied = try await pubsub.call(.patch, pubsub.topicPath("orders"), ["topic": ["labels": [:]], "updateMask": "labels"])
            #expect(emptied.json.objectValue?.keys.contains("labels") == false, "\(emptied.json)")
        }
    }

    @Test func patchRefusesNoMaskAnUnknownFieldBadValuesAndAMissingTopic() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            for (body, status) in [
                (["topic": ["labels": ["a": "b"]]] as JSONValue, 400),
                (["topic": ["labels": ["a": "b"]], "updateMask": ""], 400),
                (["topic": ["labels": ["a": "b"]], "updateMask": " , ,"], 400),
                (["topic": ["schemaSettings": ["schema": "x"]], "updateMask": "schemaSettings"], 400),
                (["topic": ["labels": ["a": 1]], "updateMask": "labels"], 400),
                (["topic": ["messageRetentionDuration": "5s"], "updateMask": "messageRetentionDuration"], 400),
                (["updateMask": "labels"], 400),
            ] {
                let reply = try await pubsub.call(.patch, pubsub.topicPath("orders"), body)
                #expect(reply.status == status, "\(body)")
                #expect(reply.errorStatus == "INVALID_ARGUMENT", "\(body)")
            }
            // Blank entries name nothing: the mask is missing, not a mask naming a field called "".
            let blank = try await pubsub.call(.patch, pubsub.topicPath("orders"), ["topic": ["labels": ["a": "b"]], "updateMask": " , ,"])
            #expect(blank.errorMessage?.contains("must be set") == true, "\(blank.errorMessage ?? "")")
            #expect(try await pubsub.call(.get, pubsub.topicPath("orders")).json == ["name": "projects/test-project/topics/orders"])
            let missing = try await pubsub.call(.patch, pubsub.topicPath("ghost"), ["topic": ["labels": ["a": "b"]], "updateMask": "labels"])
            #expect(missing.status == 404)
            #expect(missing.errorStatus == "NOT_FOUND")
        }
    }

    @Test func creatingAnExistingTopicIsAConflict() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            let again = try await pubsub.createTopic("orders")
            #expect(again.status == 409)
            #expect(again.errorStatus == "ALREADY_EXISTS")
            #expect(again.json["error"]?["code"] == 409)
        }
    }

    @Test func missingTopicIsNotFoundForEveryRoute() async throws {
        try await withPubSubEmulator { pubsub in
            for (method, path) in [
                (HTTPRequestMethod.get, pubsub.topicPath("ghost")),
                (.delete, pubsub.topicPath("ghost")),
                (.get, pubsub.topicPath("ghost") + "/subscriptions"),
            ] {
                let reply = try await pubsub.call(method, path)
                #expect(reply.status == 404, "\(method) \(path)")
                #expect(reply.errorStatus == "NOT_FOUND")
            }
            let publish = try await pubsub.publish("ghost", ["x"])
            #expect(publish.status == 404)
            #expect(publish.errorMessage == "Topic not found")
        }
    }

    @Test(arguments: ["ab", "goog-topic", "1starts-with-digit", "has*star"])
    func invalidTopicIdsAreRejected(id: String) async throws {
        try await withPubSubEmulator { pubsub in
            let reply = try await pubsub.createTopic(id)
            #expect(reply.status == 400)
            #expect(reply.errorStatus == "INVALID_ARGUMENT")
            #expect(reply.errorMessage?.contains("Invalid [topics] name") == true)
        }
    }

    @Test func listingPagesWithATokenUntilTheEnd() async throws {
        try await withPubSubEmulator { pubsub in
            for id in ["topic-a", "topic-b", "topic-c"] { try await pubsub.createTopic(id) }
            let first = try await pubsub.call(.get, "/v1/projects/test-project/topics?pageSize=2")
            #expect(first.json["topics"]?.arrayValue?.count == 2)
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            let second = try await pubsub.call(.get, "/v1/projects/test-project/topics?pageSize=2&pageToken=\(token)")
            #expect(second.json["topics"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["projects/test-project/topics/topic-c"])
            #expect(second.json["nextPageToken"] == nil)
            let other = try await pubsub.call(.get, "/v1/projects/other-project/topics")
            #expect(other.json == .object([:]))
            let bad = try await pubsub.call(.get, "/v1/projects/test-project/topics?pageSize=-3")
            #expect(bad.status == 400)
        }
    }

    @Test func topicSubscriptionsAreListedByName() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("sub-one", topic: "orders")
            try await pubsub.createSubscription("sub-two", topic: "orders")
            let reply = try await pubsub.call(.get, pubsub.topicPath("orders") + "/subscriptions")
            #expect(
                reply.json["subscriptions"] == [
                    "projects/test-project/subscriptions/sub-one",
                    "projects/test-project/subscriptions/sub-two",
                ])
        }
    }

    @Test func deletingATopicDetachesItsSubscriptions() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders")
            try await pubsub.publish("orders", ["kept"])
            try await pubsub.call(.delete, pubsub.topicPath("orders"))
            let subscription = try await pubsub.call(.get, pubsub.subscriptionPath("orders-sub"))
            #expect(subscription.json["topic"] == "_deleted-topic_")
            // Messages already stored are still delivered.
            #expect(try await pubsub.pull("orders-sub").dataTexts == ["kept"])
        }
    }

    @Test func unknownCustomVerbIsNotFoundAndBadJSONIsBadRequest() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            #expect(try await pubsub.call(.post, pubsub.topicPath("orders") + ":explode", [:]).status == 404)
            let bad = try await pubsub.call(.post, pubsub.topicPath("orders") + ":publish", raw: "{\"messages\": [")
            #expect(bad.status == 400)
            #expect(bad.errorStatus == "INVALID_ARGUMENT")
        }
    }
}

typealias HTTPRequestMethod = HTTPRequest.Method
