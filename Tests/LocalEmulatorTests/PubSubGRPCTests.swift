import Foundation
import GRPCCore
import LocalEmulatorGRPC
import PubSubGRPC
import Testing
import WireJSON

@testable import LocalEmulator

@Suite struct PubSubGRPCTests {
    /// gRPC calls carry no checked credentials yet: beside requireAuth they would be a way around it.
    @Test func anEmulatorThatRequiresCredentialsIsNotServedOverGRPC() throws {
        let guarded = try LocalEmulator(configuration: EmulatorConfiguration(requireAuth: true, adminToken: "admin-token-0123456789"))
        #expect(throws: EmulatorSetupError.grpcWithRequireAuth) { try PubSubGRPCServer(emulator: guarded, port: 0) }
        _ = try PubSubGRPCServer(emulator: LocalEmulator(configuration: EmulatorConfiguration()), port: 0)
    }

    @Test func topicsAndSubscriptionsAreManagedOverGRPC() async throws {
        try await withPubSubGRPC { pubsub in
            var topic = Google_Pubsub_V1_Topic()
            topic.name = pubsub.topicName("orders")
            topic.labels = ["team": "data"]
            let created = try await pubsub.publisher.createTopic(topic)
            #expect(created.name == topic.name)
            #expect(created.labels == ["team": "data"])

            var subscription = Google_Pubsub_V1_Subscription()
            subscription.name = pubsub.subscriptionName("orders-sink")
            subscription.topic = topic.name
            subscription.ackDeadlineSeconds = 30
            subscription.enableMessageOrdering = true
            let made = try await pubsub.subscriber.createSubscription(subscription)
            #expect(made.ackDeadlineSeconds == 30)
            #expect(made.enableMessageOrdering)
            #expect(made.state == .active)

            // What gRPC made, REST sees, and the other way round.
            #expect(try await pubsub.rest.call(.get, pubsub.rest.subscriptionPath("orders-sink")).json["ackDeadlineSeconds"] == 30)
            try await pubsub.rest.createTopic("audit")
            var listTopics = Google_Pubsub_V1_ListTopicsRequest()
            listTopics.project = "projects/\(pubsub.project)"
            #expect(try await pubsub.publisher.listTopics(listTopics).topics.map(\.name) == [pubsub.topicName("audit"), topic.name])
            var listSubscriptions = Google_Pubsub_V1_ListSubscriptionsRequest()
            listSubscriptions.project = "projects/\(pubsub.project)"
            #expect(try await pubsub.subscriber.listSubscriptions(listSubscriptions).subscriptions.map(\.name) == [subscription.name])

            var update = Google_Pubsub_V1_UpdateSubscriptionRequest()
            update.subscription.name = subscription.name
            update.subscription.ackDeadlineSeconds = 60
            update.updateMask.paths = ["ack_deadline_seconds"]
            #expect(try await pubsub.subscriber.updateSubscription(update).ackDeadlineSeconds == 60)

            var updateTopic = Google_Pubsub_V1_UpdateTopicRequest()
            updateTopic.topic.name = topic.name
            updateTopic.topic.labels = ["team": "platform"]
            updateTopic.topic.messageRetentionDuration = .init(seconds: 900)
            updateTopic.updateMask.paths = ["labels"]
            let updated = try await pubsub.publisher.updateTopic(updateTopic)
            #expect(updated.labels == ["team": "platform"])
            #expect(!updated.hasMessageRetentionDuration)
            #expect(try await pubsub.rest.call(.get, pubsub.rest.topicPath("orders")).json["labels"] == ["team": "platform"])
            updateTopic.updateMask.paths = ["schema_settings"]
            let refusal = await #expect(throws: RPCError.self) { try await pubsub.publisher.updateTopic(updateTopic) }
            #expect(refusal?.code == .invalidArgument)

            var deleteSubscription = Google_Pubsub_V1_DeleteSubscriptionRequest()
            deleteSubscription.subscription = subscription.name
            _ = try await pubsub.subscriber.deleteSubscription(deleteSubscription)
            var deleteTopic = Google_Pubsub_V1_DeleteTopicRequest()
            deleteTopic.topic = topic.name
            _ = try await pubsub.publisher.deleteTopic(deleteTopic)
            #expect(try await pubsub.rest.call(.get, pubsub.rest.topicPath("orders")).status == 404)
        }
    }

    @Test func errorsCarryGooglesStatusCodesWithTheRESTMessages() async throws {
        try await withPubSubGRPC { pubsub in
            var topic = Google_Pubsub_V1_Topic()
            topic.name = pubsub.topicName("orders")
            _ = try await pubsub.publisher.createTopic(topic)
            let duplicate = await grpcFailure { _ = try await pubsub.publisher.createTopic(topic) }
            #expect(duplicate?.code == .alreadyExists)
            #expect(duplicate?.message == "Topic already exists")

            var missing = Google_Pubsub_V1_GetTopicRequest()
            missing.topic = pubsub.topicName("nothing")
            let notFound = await grpcFailure { _ = try await pubsub.publisher.getTopic(missing) }
            #expect(notFound?.code == .notFound)
            #expect(notFound?.message == "Topic not found")

            var badName = Google_Pubsub_V1_Topic()
            badName.name = "projects/\(pubsub.project)/topics/go"
            let invalid = await grpcFailure { _ = try await pubsub.publisher.createTopic(badName) }
            #expect(invalid?.code == .invalidArgument)
            #expect(invalid?.message == "Invalid [topics] name: (name=projects/\(pubsub.project)/topics/go)")

            var push = Google_Pubsub_V1_Subscription()
            push.name = pubsub.subscriptionName("pushed")
            push.topic = topic.name
            push.pushConfig.pushEndpoint = "http://127.0.0.1:1/push"
            let refused = await grpcFailure { _ = try await pubsub.subscriber.createSubscription(push) }
            #expect(refused?.code == .invalidArgument)
            #expect(refused?.message.contains("Push subscriptions are not supported") == true)

            var empty = Google_Pubsub_V1_PublishRequest()
            empty.topic = topic.name
            let nothing = await grpcFailure { _ = try await pubsub.publisher.publish(empty) }
            #expect(nothing?.code == .invalidArgument)
            #expect(nothing?.message == "No messages to publish")

            var pull = Google_Pubsub_V1_PullRequest()
            pull.subscription = pubsub.subscriptionName("absent")
            pull.maxMessages = 1
            #expect(await grpcFailure { _ = try await pubsub.subscriber.pull(pull) }?.code == .notFound)
        }
    }

    @Test func messagePublishedOverGRPCIsPulledOverRESTWithItsAttributes() async throws {
        try await withPubSubGRPC { pubsub in
            try await pubsub.rest.createTopic("orders")
            try await pubsub.rest.createSubscription("sink", topic: "orders")
            var message = Google_Pubsub_V1_PubsubMessage()
            message.data = Data("order 1".utf8)
            message.attributes = ["origin": "grpc", "kind": "order"]
            message.orderingKey = "customer-7"
            var publish = Google_Pubsub_V1_PublishRequest()
            publish.topic = pubsub.topicName("orders")
            publish.messages = [message]
            let ids = try await pubsub.publisher.publish(publish).messageIds
            #expect(ids.count == 1)

            let pulled = try await pubsub.rest.pull("sink")
            #expect(pulled.dataTexts == ["order 1"])
            let first = try #require(pulled.received.first)
            #expect(
                first["message"]?["attributes"] == ["origin": "grpc", "kind": "order"]
                    || first["message"]?["attributes"] == ["kind": "order", "origin": "grpc"])
            #expect(first["message"]?["messageId"]?.stringValue == ids[0])
            #expect(first["message"]?["orderingKey"] == "customer-7")
        }
    }

    @Test func messagePublishedOverRESTIsPulledAndAckedOverGRPC() async throws {
        try await withPubSubGRPC { pubsub in
            try await pubsub.rest.createTopic("orders")
            try await pubsub.rest.createSubscription("sink", topic: "orders")
            try await pubsub.rest.publish("orders", ["from rest"], attributes: ["origin": "rest"])

            var pull = Google_Pubsub_V1_PullRequest()
            pull.subscription = pubsub.subscriptionName("sink")
            pull.maxMessages = 10
            let received = try await pubsub.subscriber.pull(pull).receivedMessages
            #expect(received.map { String(decoding: $0.message.data, as: UTF8.self) } == ["from rest"])
            #expect(received.first?.message.attributes == ["origin": "rest"])
            #expect(received.first?.message.publishTime.seconds ?? 0 > 0)

            var ack = Google_Pubsub_V1_AcknowledgeRequest()
            ack.subscription = pull.subscription
            ack.ackIds = received.map(\.ackID)
            _ = try await pubsub.subscriber.acknowledge(ack)
            pull.returnImmediately = true
            #expect(try await pubsub.subscriber.pull(pull).receivedMessages.isEmpty)

            ack.ackIds = ["not-an-ack-id"]
            let malformed = await grpcFailure { _ = try await pubsub.subscriber.acknowledge(ack) }
            #expect(malformed?.code == .invalidArgument)
            #expect(malformed?.message == "Invalid ack id (ack_id=not-an-ack-id)")
        }
    }

    /// With room for one outstanding message, the second arrives only once the first is acked on
    /// the stream (or its 60 s lease runs out, which the time bound, half of it, rules out).
    @Test func streamingPullSendsMoreOnlyAsAcksOnTheStreamFreeRoom() async throws {
        try await withPubSubGRPC { pubsub in
            try await pubsub.rest.createTopic("orders")
            try await pubsub.rest.createSubscription("sink", topic: "orders")
            try await pubsub.rest.publish("orders", ["one", "two"])
            let subscription = pubsub.subscriptionName("sink")

            let (acks, sendAck) = AsyncStream.makeStream(of: [String].self)
            let request = StreamingClientRequest<Google_Pubsub_V1_StreamingPullRequest> { writer in
                var open = Google_Pubsub_V1_StreamingPullRequest()
                open.subscription = subscription
                open.streamAckDeadlineSeconds = 60
                open.maxOutstandingMessages = 1
                try await writer.write(open)
                for await ackIds in acks {
                    var ack = Google_Pubsub_V1_StreamingPullRequest()
                    ack.ackIds = ackIds
                    try await writer.write(ack)
                }
            }
            let started = ContinuousClock.now
            let batches = try await pubsub.subscriber.streamingPull(request: request) { response in
                var batches: [[String]] = []
                for try await message in response.messages {
                    batches.append(message.receivedMessages.map { String(decoding: $0.message.data, as: UTF8.self) })
                    sendAck.yield(message.receivedMessages.map(\.ackID))
                    if batches.joined().count >= 2 { break }
                }
                sendAck.finish()
                return batches
            }
            #expect(batches.count == 2)
            #expect(batches.joined().sorted() == ["one", "two"])
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test func streamingPullRefusesAMissingSubscriptionAndABadDeadline() async throws {
        try await withPubSubGRPC { pubsub in
            func open(_ subscription: String, deadline: Int32) async -> (code: RPCError.Code, message: String)? {
                await grpcFailure {
                    let request = StreamingClientRequest<Google_Pubsub_V1_StreamingPullRequest> { writer in
                        var open = Google_Pubsub_V1_StreamingPullRequest()
                        open.subscription = subscription
                        open.streamAckDeadlineSeconds = deadline
                        try await writer.write(open)
                    }
                    try await pubsub.subscriber.streamingPull(request: request) { response in
                        for try await _ in response.messages {}
                    }
                }
            }
            #expect(await open(pubsub.subscriptionName("absent"), deadline: 60)?.code == .notFound)
            try await pubsub.rest.createTopic("orders")
            try await pubsub.rest.createSubscription("sink", topic: "orders")
            #expect(await open(pubsub.subscriptionName("sink"), deadline: 5)?.code == .invalidArgument)
        }
    }
}
