import GRPCCore
import LocalEmulator
import PubSubGRPC
import SwiftProtobuf
import WireJSON

/// `google.pubsub.v1.Publisher` on the emulator's store: the same calls the REST routes make.
struct PubSubPublisherService: Google_Pubsub_V1_Publisher.SimpleServiceProtocol {
    let store: PubSubStore

    func createTopic(request: Google_Pubsub_V1_Topic, context: ServerContext) async throws -> Google_Pubsub_V1_Topic {
        try await PubSubGRPCError.mapping {
            let (project, name) = try PubSubGRPCNames.topic(request.name)
            return PubSubGRPCResources.topic(
                try await store.createTopic(name: name, project: project, body: PubSubGRPCResources.createBody(request)))
        }
    }

    func publish(request: Google_Pubsub_V1_PublishRequest, context: ServerContext) async throws -> Google_Pubsub_V1_PublishResponse {
        try await PubSubGRPCError.mapping {
            let name = try PubSubGRPCNames.topic(request.topic).name
            let ids = try await store.publish(topic: name, messages: try PubSubGRPCMessages.incoming(request.messages))
            var response = Google_Pubsub_V1_PublishResponse()
            response.messageIds = ids.map { String($0) }
            return response
        }
    }

    func updateTopic(request: Google_Pubsub_V1_UpdateTopicRequest, context: ServerContext) async throws -> Google_Pubsub_V1_Topic {
        try await PubSubGRPCError.mapping {
            let name = try PubSubGRPCNames.topic(request.topic.name).name
            // A mask path the topic message leaves out clears that field, as on REST.
            let body: JSONObject = [
                "topic": .object(PubSubGRPCResources.createBody(request.topic)),
                "updateMask": .string(try PubSubGRPCResources.maskPaths(request.updateMask, of: "Topic")),
            ]
            return PubSubGRPCResources.topic(try await store.patchTopic(name: name, body: body))
        }
    }

    func getTopic(request: Google_Pubsub_V1_GetTopicRequest, context: ServerContext) async throws -> Google_Pubsub_V1_Topic {
        try await PubSubGRPCError.mapping {
            PubSubGRPCResources.topic(try await store.getTopic(name: try PubSubGRPCNames.topic(request.topic).name))
        }
    }

    func listTopics(request: Google_Pubsub_V1_ListTopicsRequest, context: ServerContext) async throws -> Google_Pubsub_V1_ListTopicsResponse {
        try await PubSubGRPCError.mapping {
            let project = try PubSubGRPCNames.project(request.project)
            let page = try PubSubGRPCPage.make(size: request.pageSize, token: request.pageToken)
            let json = try await store.listTopics(project: project, page: page)
            var response = Google_Pubsub_V1_ListTopicsResponse()
            response.topics = (json["topics"]?.arrayValue ?? []).map(PubSubGRPCResources.topic)
            response.nextPageToken = json["nextPageToken"]?.stringValue ?? ""
            return response
        }
    }

    func listTopicSubscriptions(
        request: Google_Pubsub_V1_ListTopicSubscriptionsRequest, context: ServerContext
    ) async throws -> Google_Pubsub_V1_ListTopicSubscriptionsResponse {
        try await PubSubGRPCError.mapping {
            let name = try PubSubGRPCNames.topic(request.topic).name
            let page = try PubSubGRPCPage.make(size: request.pageSize, token: request.pageToken)
            let json = try await store.listTopicSubscriptions(topic: name, page: page)
            var response = Google_Pubsub_V1_ListTopicSubscriptionsResponse()
            response.subscriptions = (json["subscriptions"]?.arrayValue ?? []).compactMap(\.stringValue)
            response.nextPageToken = json["nextPageToken"]?.stringValue ?? ""
            return response
        }
    }

    func deleteTopic(request: Google_Pubsub_V1_DeleteTopicRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await PubSubGRPCError.mapping {
            try await store.deleteTopic(name: try PubSubGRPCNames.topic(request.topic).name)
            return Google_Protobuf_Empty()
        }
    }
}

/// A list call's page: 0 means "the default size", as in REST when `pageSize` is absent.
enum PubSubGRPCPage {
    static func make(size: Int32, token: String) throws -> PubSubPage {
        try PubSubPage(size: size == 0 ? nil : String(size), token: token.isEmpty ? nil : token)
    }
}
