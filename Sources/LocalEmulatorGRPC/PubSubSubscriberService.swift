import GRPCCore
import LocalEmulator
import PubSubGRPC
import SwiftProtobuf
import Synchronization
import WireJSON

/// `google.pubsub.v1.Subscriber` on the emulator's store: the same calls the REST routes make.
struct PubSubSubscriberService: Google_Pubsub_V1_Subscriber.SimpleServiceProtocol {
    let store: PubSubStore
    /// Set when the server begins shutting down: open StreamingPull streams end then, as Google's
    /// do, with UNAVAILABLE (the client library reconnects), instead of holding the shutdown open.
    let draining: PubSubGRPCDrain
    /// Open streams' flow control, told of acks and deadline changes made over the unary calls.
    let streams = PubSubStreamRegistry()

    func createSubscription(request: Google_Pubsub_V1_Subscription, context: ServerContext) async throws -> Google_Pubsub_V1_Subscription {
        try await PubSubGRPCError.mapping {
            let (project, name) = try PubSubGRPCNames.subscription(request.name)
            let body = try PubSubGRPCResources.body(request)
            return PubSubGRPCResources.subscription(try await store.createSubscription(name: name, project: project, body: body))
        }
    }

    func getSubscription(
        request: Google_Pubsub_V1_GetSubscriptionRequest, context: ServerContext
    ) async throws -> Google_Pubsub_V1_Subscription {
        try await PubSubGRPCError.mapping {
            PubSubGRPCResources.subscription(try await store.getSubscription(name: try PubSubGRPCNames.subscription(request.subscription).name))
        }
    }

    func updateSubscription(
        request: Google_Pubsub_V1_UpdateSubscriptionRequest, context: ServerContext
    ) async throws -> Google_Pubsub_V1_Subscription {
        try await PubSubGRPCError.mapping {
            let name = try PubSubGRPCNames.subscription(request.subscription.name).name
            let body: JSONObject = [
                "subscription": .object(try PubSubGRPCResources.body(request.subscription)),
                "updateMask": .string(try PubSubGRPCResources.maskPaths(request.updateMask, of: "Subscription")),
            ]
            return PubSubGRPCResources.subscription(try await store.patchSubscription(name: name, body: body))
        }
    }

    func listSubscriptions(
        request: Google_Pubsub_V1_ListSubscriptionsRequest, context: ServerContext
    ) async throws -> Google_Pubsub_V1_ListSubscriptionsResponse {
        try await PubSubGRPCError.mapping {
            let project = try PubSubGRPCNames.project(request.project)
            let json = try await store.listSubscriptions(
                project: project, page: try PubSubGRPCPage.make(size: request.pageSize, token: request.pageToken))
            var response = Google_Pubsub_V1_ListSubscriptionsResponse()
            response.subscriptions = (json["subscriptions"]?.arrayValue ?? []).map(PubSubGRPCResources.subscription)
            response.nextPageToken = json["nextPageToken"]?.stringValue ?? ""
            return response
        }
    }

    func deleteSubscription(request: Google_Pubsub_V1_DeleteSubscriptionRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await PubSubGRPCError.mapping {
            try await store.deleteSubscription(name: try PubSubGRPCNames.subscription(request.subscription).name)
            return Google_Protobuf_Empty()
        }
    }

    func modifyAckDeadline(request: Google_Pubsub_V1_ModifyAckDeadlineRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await PubSubGRPCError.mapping {
            let name = try PubSubGRPCNames.subscription(request.subscription).name
            let ackIds = try PubSubGRPCMessages.ackIds(request.ackIds)
            let seconds = try PubSubAPI.ackDeadline(seconds: Int64(request.ackDeadlineSeconds))
            try await store.modifyAckDeadline(subscription: name, ackIds: ackIds, seconds: seconds)
            streams.deadlineChanged(request.ackIds, seconds: seconds, subscription: name, now: .now)
            return Google_Protobuf_Empty()
        }
    }

    func acknowledge(request: Google_Pubsub_V1_AcknowledgeRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await PubSubGRPCError.mapping {
            let name = try PubSubGRPCNames.subscription(request.subscription).name
            try await store.acknowledge(subscription: name, ackIds: try PubSubGRPCMessages.ackIds(request.ackIds))
            streams.acknowledged(request.ackIds, subscription: name)
            return Google_Protobuf_Empty()
        }
    }

    func pull(request: Google_Pubsub_V1_PullRequest, context: ServerContext) async throws -> Google_Pubsub_V1_PullResponse {
        try await PubSubGRPCError.mapping {
            let name = try PubSubGRPCNames.subscription(request.subscription).name
            let limit = try PubSubAPI.pullLimit(Int64(request.maxMessages))
            let result = try await store.pull(subscription: name, maxMessages: limit, returnImmediately: request.returnImmediately)
            var response = Google_Pubsub_V1_PullResponse()
            response.receivedMessages = PubSubGRPCMessages.received(result.deliveries, showAttempts: result.showAttempts)
            return response
        }
    }

    func streamingPull(
        request: RPCAsyncSequence<Google_Pubsub_V1_StreamingPullRequest, any Error>,
        response: RPCWriter<Google_Pubsub_V1_StreamingPullResponse>,
        context: ServerContext
    ) async throws {
        try await PubSubStreamingPull(store: store, draining: draining, streams: streams).run(requests: request, responses: response)
    }

    /// Only an empty push config (a pull subscription) is accepted: push delivery is not emulated.
    func modifyPushConfig(request: Google_Pubsub_V1_ModifyPushConfigRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await PubSubGRPCError.mapping {
            let name = try PubSubGRPCNames.subscription(request.subscription).name
            _ = try await store.getSubscription(name: name)
            var subscription = Google_Pubsub_V1_Subscription()
            subscription.pushConfig = request.pushConfig
            _ = try PubSubGRPCResources.body(subscription)
            return Google_Protobuf_Empty()
        }
    }
}

/// Whether the gRPC server is shutting down, for the streams that would otherwise outlive it.
final class PubSubGRPCDrain: Sendable {
    private let flag = Atomic(false)

    var isDraining: Bool { flag.load(ordering: .acquiring) }

    func begin() { flag.store(true, ordering: .releasing) }
}
