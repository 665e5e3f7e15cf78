import Foundation
import Testing
import WarehouseClient
import WarehouseSchema
import WireJSON

@testable import PubSubClient
@testable import Sink

@Suite struct MessageMapperTests {
    static func received(_ text: String, id: String = "m-1", attributes: [String: String] = [:]) throws -> PubSubReceivedMessage {
        let attributeJSON = JSONObject(attributes.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONValue.string($0.value)) })
        return try PubSubReceivedMessage(
            json: [
                "ackId": .string("ack-\(id)"),
                "message": [
                    "messageId": .string(id), "data": .string(Data(text.utf8).base64EncodedString()),
                    "publishTime": "2026-11-22T10:00:01.5Z", "attributes": .object(attributeJSON),
                ],
            ])
    }

    private func mapper(_ change: (inout SinkConfiguration) -> Void = { _ in }) -> MessageMapper {
        var configuration = SinkFixtures.configuration()
        change(&configuration)
        return MessageMapper(configuration: configuration, subscriptionName: "projects/test-project/subscriptions/events-sub")
    }

    private func storedRow(_ held: HeldMessage) -> InsertRow? {
        if case .row(let row, _) = held.mapping { return row }
        return nil
    }

    private func rejection(_ held: HeldMessage) -> DeadLetterReason? {
        if case .reject(let reason) = held.mapping { return reason }
        return nil
    }

    @Test func anEventBecomesARowWithTheMetadataColumnsAndItsEventIdAsInsertId() throws {
        let held = mapper().map(try Self.received(SinkFixtures.event(1), attributes: ["traceparent": "00-abc-def-01"]))
        let row = try #require(storedRow(held))
        #expect(row.insertId == "event-1")
        #expect(row.json["event_type"] == "click")
        #expect(row.json["subscription_name"] == "projects/test-project/subscriptions/events-sub")
        #expect(row.json["message_id"] == "m-1")
        #expect(row.json["publish_time"] == "2026-11-22T10:00:01.5Z")
        #expect(row.json["attributes"] == ["traceparent": "00-abc-def-01"])
        #expect(held.traceparent == "00-abc-def-01")
    }

    @Test func withoutAnIdempotencyKeyTheMessageIdIsTheInsertId() throws {
        let noKeyField = mapper { $0.idempotencyKeyField = nil }.map(try Self.received(SinkFixtures.event(1), id: "m-9"))
        #expect(storedRow(noKeyField)?.insertId == "m-9")
        var configuration = SinkFixtures.configuration()
        configuration.schema.fields[0].mode = .nullable
        let emptyKey = MessageMapper(configuration: configuration, subscriptionName: "s")
            .map(try Self.received(#"{"event_id":"","event_type":"a","occurred_at":"2026-11-22T10:00:00Z"}"#, id: "m-7"))
        #expect(storedRow(emptyKey)?.insertId == "m-7")
    }

    @Test func onlyTheEnabledMetadataColumnsAreWritten() throws {
        let held = mapper { $0.metadataColumns = [.publishTime] }.map(try Self.received(SinkFixtures.event(1)))
        let row = try #require(storedRow(held))
        #expect(row.json.keys.sorted() == ["event_id", "event_type", "occurred_at", "payload", "publish_time", "user_id"])
    }

    @Test func dataThatIsNotJSONIsRejectedAsNotJSON() throws {
        #expect(rejection(mapper().map(try Self.received("not json {")))?.reason == "not_json")
    }

    @Test func jsonThatIsNotAnObjectIsRejectedAsNotObject() throws {
        #expect(rejection(mapper().map(try Self.received("[1,2]")))?.reason == "not_object")
    }

    @Test func aWrongTypeIsRejectedWithTheValidatorsLocationAndMessage() throws {
        let text = #"{"event_id":"e","event_type":"a","occurred_at":"yesterday"}"#
        let reason = try #require(rejection(mapper().map(try Self.received(text))))
        #expect(reason.reason == "invalid")
        #expect(reason.location == "occurred_at")
        #expect(reason.message.contains("as a timestamp"))
    }

    @Test func aMissingRequiredFieldIsRejected() throws {
        let reason = try #require(rejection(mapper().map(try Self.received(#"{"event_id":"e","occurred_at":"2026-11-22T10:00:00Z"}"#))))
        #expect(reason.location == "event_type")
        #expect(reason.message.contains("Missing required field"))
    }

    @Test func unknownFieldsAreDeadLetteredOrDroppedAsConfigured() throws {
        let text = #"{"event_id":"e","event_type":"a","occurred_at":"2026-11-22T10:00:00Z","extra":1,"message_id":"forged"}"#
        let reason = try #require(rejection(mapper().map(try Self.received(text))))
        #expect(reason.location == "extra")
        let dropped = try #require(storedRow(mapper { $0.unknownFields = .drop }.map(try Self.received(text, id: "real"))))
        #expect(dropped.json["extra"] == nil)
        #expect(dropped.json["message_id"] == "real")
    }
}
