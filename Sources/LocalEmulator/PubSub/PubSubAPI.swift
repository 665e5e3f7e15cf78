import Hummingbird
import WireJSON

/// Pub/Sub REST v1 under `/v1/projects/{project}/...`, as `PUBSUB_EMULATOR_HOST` clients call it.
///
/// Custom verbs (`topics/T:publish`, `subscriptions/S:pull`, ...) arrive inside the last path segment,
/// so each resource has one route and the verb is split off after the ':'.
package struct PubSubAPI: EmulatedAPI {
    let store: PubSubStore
    let maxRequestBytes: Int

    func addRoutes(to router: Router<EmulatorRequestContext>) {
        let topics = "/v1/projects/:project/topics"
        let subscriptions = "/v1/projects/:project/subscriptions"

        router.get(RouterPath(topics)) { request, context in
            let project = try context.parameters.required("project")
            return JSONResponse.make(try await store.listTopics(project: project, page: try page(request)))
        }
        router.put(RouterPath(topics + "/:topic")) { request, context in
            let (project, name) = try topicName(context)
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            return JSONResponse.make(try await store.createTopic(name: name, project: project, body: body))
        }
        router.get(RouterPath(topics + "/:topic")) { _, context in
            JSONResponse.make(try await store.getTopic(name: try topicName(context).name))
        }
        router.patch(RouterPath(topics + "/:topic")) { request, context in
            let name = try topicName(context).name
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            return JSONResponse.make(try await store.patchTopic(name: name, body: body))
        }
        router.delete(RouterPath(topics + "/:topic")) { _, context in
            try await store.deleteTopic(name: try topicName(context).name)
            return JSONResponse.empty()
        }
        router.post(RouterPath(topics + "/:topic")) { request, context in
            let (id, verb) = try splitVerb(try context.parameters.required("topic"))
            let name = try PubSubNames.topic(project: try context.parameters.required("project"), id: id)
            guard verb == "publish" else { throw unknownVerb(verb) }
            let messages = try PubSubIncomingMessage.batch(from: try await request.jsonObjectBody(limit: maxRequestBytes))
            let ids = try await store.publish(topic: name, messages: messages)
            return JSONResponse.make(["messageIds": .array(ids.map { .string(String($0)) })])
        }
        router.get(RouterPath(topics + "/:topic/subscriptions")) { request, context in
            let name = try topicName(context).name
            return JSONResponse.make(try await store.listTopicSubscriptions(topic: name, page: try page(request)))
        }

        router.get(RouterPath(subscriptions)) { request, context in
            let project = try context.parameters.required("project")
            return JSONResponse.make(try await store.listSubscriptions(project: project, page: try page(request)))
        }
        router.put(RouterPath(subscriptions + "/:subscription")) { request, context in
            let (project, name) = try subscriptionName(context)
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try requireOwnTopics([body["topic"], body["deadLetterPolicy"]?["deadLetterTopic"]], context)
            return JSONResponse.make(try await store.createSubscription(name: name, project: project, body: body))
        }
        router.get(RouterPath(subscriptions + "/:subscription")) { _, context in
            JSONResponse.make(try await store.getSubscription(name: try subscriptionName(context).name))
        }
        router.patch(RouterPath(subscriptions + "/:subscription")) { request, context in
            let name = try subscriptionName(context).name
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try requireOwnTopics([body["subscription"]?["deadLetterPolicy"]?["deadLetterTopic"]], context)
            return JSONResponse.make(try await store.patchSubscription(name: name, body: body))
        }
        router.delete(RouterPath(subscriptions + "/:subscription")) { _, context in
            try await store.deleteSubscription(name: try subscriptionName(context).name)
            return JSONResponse.empty()
        }
        router.post(RouterPath(subscriptions + "/:subscription")) { request, context in
            let (id, verb) = try splitVerb(try context.parameters.required("subscription"))
            let name = try PubSubNames.subscription(project: try context.parameters.required("project"), id: id)
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            switch verb {
            case "pull": return try await pull(name, body)
            case "acknowledge":
                try await store.acknowledge(subscription: name, ackIds: try PubSubAckId.list(from: body))
            case "modifyAckDeadline":
                let ackIds = try PubSubAckId.list(from: body)
                let seconds = try ackDeadline(body)
                try await store.modifyAckDeadline(subscription: name, ackIds: ackIds, seconds: seconds)
            default:
                throw unknownVerb(verb)
            }
            return JSONResponse.empty()
        }
    }

    private func pull(_ name: String, _ body: JSONObject) async throws -> Response {
        let returnImmediately = body["returnImmediately"]?.boolValue ?? false
        let result = try await store.pull(
            subscription: name, maxMessages: try Self.pullLimit(body["maxMessages"]?.int64Value),
            returnImmediately: returnImmediately)
        return PubSubPullResponse.make(result.deliveries, showAttempts: result.showAttempts)
    }

    private func ackDeadline(_ body: JSONObject) throws -> Int {
        guard let value = body["ackDeadlineSeconds"], !value.isNull else { return 0 }
        return try Self.ackDeadline(seconds: value.int64Value)
    }

    /// A pull's `maxMessages`, checked and capped; shared with gRPC so both answer alike.
    package static func pullLimit(_ requested: Int64?) throws -> Int {
        guard let requested, requested > 0 else {
            throw GoogleAPIError.badRequest("No max_messages specified", reason: "invalidArgument")
        }
        return Int(min(requested, 1000))
    }

    /// A modifyAckDeadline's seconds (nil: not an integer); shared with gRPC.
    package static func ackDeadline(seconds: Int64?) throws -> Int {
        guard let seconds, (0...600).contains(seconds) else {
            throw GoogleAPIError.badRequest(
                "Invalid ack deadline given: ackDeadlineSeconds must be between 0 and 600",
                reason: "invalidArgument")
        }
        return Int(seconds)
    }

    /// A service account may attach subscriptions (and dead-letter policies) only to topics of its
    /// own project. Malformed names pass here and get the store's 400.
    private func requireOwnTopics(_ names: [JSONValue?], _ context: EmulatorRequestContext) throws {
        for case let name? in names.map({ $0?.stringValue }) {
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 4, parts[0] == "projects" else { continue }
            try ProjectAccess.require(context.caller, mayUse: String(parts[1]), permission: "pubsub.topics.attachSubscription")
        }
    }

    private func topicName(_ context: EmulatorRequestContext) throws -> (project: String, name: String) {
        let project = try context.parameters.required("project")
        return (project, try PubSubNames.topic(project: project, id: try context.parameters.required("topic")))
    }

    private func subscriptionName(_ context: EmulatorRequestContext) throws -> (project: String, name: String) {
        let project = try context.parameters.required("project")
        return (project, try PubSubNames.subscription(project: project, id: try context.parameters.required("subscription")))
    }

    private func page(_ request: Request) throws -> PubSubPage {
        try PubSubPage(size: request.queryValue("pageSize"), token: request.queryValue("pageToken"))
    }

    private func splitVerb(_ segment: String) throws -> (id: String, verb: String) {
        guard let colon = segment.lastIndex(of: ":") else {
            throw GoogleAPIError(.notFound, reason: "notFound", message: "No such method: POST needs a custom verb such as :publish or :pull")
        }
        return (String(segment[..<colon]), String(segment[segment.index(after: colon)...]))
    }

    private func unknownVerb(_ verb: String) -> GoogleAPIError {
        GoogleAPIError(.notFound, reason: "notFound", message: "Unknown method :\(verb)")
    }
}
