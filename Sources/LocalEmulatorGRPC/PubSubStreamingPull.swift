import GRPCCore
import LocalEmulator
import PubSubGRPC

/// One StreamingPull stream: the client's first request names the subscription and its limits,
/// later ones carry acks and deadline changes; the server sends messages whenever the client's
/// flow control has room, until the client closes the stream or the server shuts down.
struct PubSubStreamingPull: Sendable {
    let store: PubSubStore
    let draining: PubSubGRPCDrain
    let streams: PubSubStreamRegistry

    /// What the first request settles for the whole stream.
    private struct Setup: Sendable {
        var subscription: String
        var leases: PubSubStreamLeases
        var ackDeadlineSeconds: Int
        var properties: Google_Pubsub_V1_StreamingPullResponse.SubscriptionProperties
    }

    /// How often a stream with no room, or a draining server, is looked at again.
    static let idlePoll: Duration = .milliseconds(50)

    func run(
        requests: RPCAsyncSequence<Google_Pubsub_V1_StreamingPullRequest, any Error>,
        responses: RPCWriter<Google_Pubsub_V1_StreamingPullResponse>
    ) async throws {
        let (setups, announce) = AsyncStream.makeStream(of: Setup.self, bufferingPolicy: .bufferingNewest(1))
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { announce.finish() }
                    try await read(requests, announce: announce)
                }
                group.addTask {
                    for await setup in setups {
                        defer { streams.unregister(setup.leases, subscription: setup.subscription) }
                        try await deliver(setup, to: responses)
                    }
                }
                // Whichever ends first ends the stream: the client closing its side, an error, a shutdown.
                _ = try await group.next()
                group.cancelAll()
            }
        } catch {
            throw PubSubGRPCError.rpcError(error)
        }
    }

    private func read(
        _ requests: RPCAsyncSequence<Google_Pubsub_V1_StreamingPullRequest, any Error>,
        announce: AsyncStream<Setup>.Continuation
    ) async throws {
        var setup: Setup?
        for try await request in requests {
            if let setup {
                guard request.subscription.isEmpty || request.subscription == setup.subscription else {
                    throw PubSubGRPCError.invalid("subscription may be given only in the first request of a stream")
                }
                try await settle(request, setup)
                continue
            }
            let started = try await start(request)
            setup = started
            try await settle(request, started)
            announce.yield(started)
        }
    }

    private func start(_ request: Google_Pubsub_V1_StreamingPullRequest) async throws -> Setup {
        let name = try PubSubGRPCNames.subscription(request.subscription).name
        guard (10...600).contains(request.streamAckDeadlineSeconds) else {
            throw PubSubGRPCError.invalid(
                "Invalid stream_ack_deadline_seconds: \(request.streamAckDeadlineSeconds) is not between 10 and 600")
        }
        let subscription = PubSubGRPCResources.subscription(try await store.getSubscription(name: name))
        let leases = PubSubStreamLeases(maxMessages: request.maxOutstandingMessages, maxBytes: request.maxOutstandingBytes)
        streams.register(leases, subscription: name)
        var properties = Google_Pubsub_V1_StreamingPullResponse.SubscriptionProperties()
        properties.messageOrderingEnabled = subscription.enableMessageOrdering
        return Setup(
            subscription: name, leases: leases, ackDeadlineSeconds: Int(subscription.ackDeadlineSeconds), properties: properties)
    }

    /// Acks and deadline changes carried on the stream, applied as the unary calls apply them.
    private func settle(_ request: Google_Pubsub_V1_StreamingPullRequest, _ setup: Setup) async throws {
        if !request.ackIds.isEmpty {
            try await store.acknowledge(subscription: setup.subscription, ackIds: try PubSubGRPCMessages.ackIds(request.ackIds))
            streams.acknowledged(request.ackIds, subscription: setup.subscription)
        }
        guard request.modifyDeadlineAckIds.count == request.modifyDeadlineSeconds.count else {
            throw PubSubGRPCError.invalid("modify_deadline_seconds and modify_deadline_ack_ids must be of the same length")
        }
        // Grouped by deadline: one store call per distinct value.
        var bySeconds: [Int32: [String]] = [:]
        for (ackId, seconds) in zip(request.modifyDeadlineAckIds, request.modifyDeadlineSeconds) {
            bySeconds[seconds, default: []].append(ackId)
        }
        for (seconds, ackIds) in bySeconds.sorted(by: { $0.key < $1.key }) {
            let valid = try PubSubAPI.ackDeadline(seconds: Int64(seconds))
            try await store.modifyAckDeadline(subscription: setup.subscription, ackIds: try PubSubGRPCMessages.ackIds(ackIds), seconds: valid)
            streams.deadlineChanged(ackIds, seconds: valid, subscription: setup.subscription, now: .now)
        }
    }

    private func deliver(_ setup: Setup, to responses: RPCWriter<Google_Pubsub_V1_StreamingPullResponse>) async throws {
        while true {
            try Task.checkCancellation()
            if draining.isDraining {
                throw RPCError(code: .unavailable, message: "The emulator is shutting down; reconnect to go on pulling")
            }
            let room = setup.leases.room(now: .now)
            guard room > 0 else {
                try await Task.sleep(for: Self.idlePoll)
                continue
            }
            // Waits up to the store's pull wait for a message, so the loop idles without spinning.
            let result = try await store.pull(subscription: setup.subscription, maxMessages: min(room, 1000), returnImmediately: false)
            guard !result.deliveries.isEmpty else { continue }
            let received = PubSubGRPCMessages.received(result.deliveries, showAttempts: result.showAttempts)
            let expires = ContinuousClock.now + .seconds(setup.ackDeadlineSeconds)
            for message in received { setup.leases.add(message.ackID, bytes: PubSubGRPCMessages.size(message), expires: expires) }
            var response = Google_Pubsub_V1_StreamingPullResponse()
            response.receivedMessages = received
            response.subscriptionProperties = setup.properties
            try await responses.write(response)
        }
    }
}
