import Foundation
import Testing
import WireJSON

@Suite("POST /ingestData")
struct IngestTests {
    @Test func anArrayOfValidEventsIsPublishedOneMessageEachWithItsBytesAndTraceparent() async throws {
        try await withAPI { (api: APIHarness) async throws in
            let events = (0..<25).map { Events.event($0) }
            let traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
            let answer = try await api.ingest(.array(events.map { .object($0) }), headers: [("traceparent", traceparent)])
            #expect(answer.status == 202)
            let ids = try #require(answer.json["messageIds"]?.arrayValue).compactMap(\.stringValue)
            #expect(ids.count == events.count)
            #expect(answer.headers.first(name: "X-Request-Id") != nil)

            let received = try await api.pullAll()
            #expect(received.count == events.count)
            let byId = Dictionary(uniqueKeysWithValues: received.map { ($0.messageId, $0) })
            for (event, id) in zip(events, ids) {
                let message = try #require(byId[id], "messageId \(id) was not published")
                // The event's JSON as sent, compacted: the same bytes the encoder gives the object.
                #expect(Array(message.data) == JSONValue.object(event).encodedBytes())
                #expect(message.attributes == ["traceparent": traceparent])
            }
        }
    }

    @Test func aSingleObjectIsOneEventAndGetsANewTraceparentWhenNoneIsSent() async throws {
        try await withAPI { (api: APIHarness) async throws in
            let answer = try await api.ingest(.object(Events.event(1)), headers: [("traceparent", "not-a-traceparent")])
            #expect(answer.status == 202)
            #expect(answer.json["messageIds"]?.arrayValue?.count == 1)
            let received = try await api.pullAll()
            #expect(received.count == 1)
            let traceparent = try #require(received.first?.attributes["traceparent"])
            #expect(traceparent.wholeMatch(of: /00-[0-9a-f]{32}-[0-9a-f]{16}-01/) != nil)
        }
    }

    @Test func theBodyIsKeptAsSentCompacted() async throws {
        try await withAPI { (api: APIHarness) async throws in
            let text =
                #"{ "event_id" : "e-1", "event_type":"click",  "occurred_at": "2026-11-30T10:00:00Z", "payload": {"big": 12345678901234567890123, "x": [1, 2.50]} }"#
            let answer = try await api.call(
                .POST, "/ingestData", headers: [("Content-Type", "application/json"), ("X-API-Key", APIHarness.ingestKey)], body: Array(text.utf8))
            #expect(answer.status == 202)
            let received = try await api.pullAll()
            #expect(
                received.first.map { String(decoding: $0.data, as: UTF8.self) }
                    == #"{"event_id":"e-1","event_type":"click","occurred_at":"2026-11-30T10:00:00Z","payload":{"big":12345678901234567890123,"x":[1,2.5]}}"#
            )
        }
    }

    @Test func anyInvalidEventRefusesTheWholeRequestListingEachErrorAndPublishesNothing() async throws {
        try await withAPI { (api: APIHarness) async throws in
            var missing = Events.event(1)
            missing = JSONObject(missing.members.filter { $0.key != "event_type" })
            var badTime = Events.event(2)
            badTime = JSONObject(badTime.members.map { $0.key == "occurred_at" ? (key: $0.key, value: "yesterday") : $0 })
            var unknown = Events.event(3)
            unknown = JSONObject(unknown.members + [(key: "colour", value: JSONValue.string("red"))])
            let body: JSONValue = [.object(Events.event(0)), .object(missing), .object(badTime), .object(unknown), "not an object"]
            let answer = try await api.ingest(body)
            #expect(answer.status == 400)
            #expect(answer.json["error"]?["status"] == "INVALID_ARGUMENT")
            let details = answer.errorDetails.map {
                "\($0["index"]?.int64Value ?? -1) \($0["field"]?.stringValue ?? "?") \($0["reason"]?.stringValue ?? "?")"
            }
            #expect(details == ["1 event_type invalid", "2 occurred_at invalid", "3 colour invalid", "4  invalid"])
            #expect(answer.errorDetails.allSatisfy { ($0["message"]?.stringValue ?? "").isEmpty == false })
            #expect(try await api.pullAll().isEmpty)
        }
    }

    @Test func unknownFieldsPassWhenThePolicyIsIgnore() async throws {
        try await withAPI(configure: { $0.unknownFields = .ignore }) { (api: APIHarness) async throws in
            let event = JSONObject(Events.event(1).members + [(key: "colour", value: JSONValue.string("red"))])
            #expect(try await api.ingest(.object(event)).status == 202)
            #expect(try await api.pullAll().count == 1)
        }
    }

    @Test func bodiesThatAreNotJSONOrNotEventsAre400Or415() async throws {
        try await withAPI { (api: APIHarness) async throws in
            let key = ("X-API-Key", APIHarness.ingestKey)
            let notJSON = try await api.call(.POST, "/ingestData", headers: [("Content-Type", "application/json"), key], body: Array("{oops".utf8))
            #expect(notJSON.status == 400)
            let number = try await api.call(.POST, "/ingestData", headers: [("Content-Type", "application/json"), key], body: Array("42".utf8))
            #expect(number.status == 400)
            let empty = try await api.call(.POST, "/ingestData", headers: [("Content-Type", "application/json"), key], body: Array("[]".utf8))
            #expect(empty.status == 400)
            let text = try await api.call(.POST, "/ingestData", headers: [("Content-Type", "text/plain"), key], body: Array("{}".utf8))
            #expect(text.status == 415)
            #expect(text.json["error"]?["status"] == "UNSUPPORTED_MEDIA_TYPE")
            let none = try await api.call(.POST, "/ingestData", headers: [key], body: Array("{}".utf8))
            #expect(none.status == 415)
            #expect(try await api.pullAll().isEmpty)
        }
    }

    @Test func tooManyEventsOrTooManyBytesAre413() async throws {
        try await withAPI(configure: { $0.ingest = .init(maxEvents: 3, maxBodyBytes: 2000) }) { (api: APIHarness) async throws in
            let four = try await api.ingest(.array((0..<4).map { .object(Events.event($0)) }))
            #expect(four.status == 413)
            #expect(four.json["error"]?["status"] == "PAYLOAD_TOO_LARGE")
            var large = Events.event(1)
            large = JSONObject(large.members.map { $0.key == "payload" ? (key: $0.key, value: .string(String(repeating: "x", count: 3000))) : $0 })
            let big = try await api.ingest(.object(large))
            #expect(big.status == 413)
            #expect(try await api.pullAll().isEmpty)
            #expect(try await api.ingest(.array((0..<3).map { .object(Events.event($0)) })).status == 202)
        }
    }

    @Test func keysAreCheckedForPresenceValidityAndScope() async throws {
        try await withAPI { (api: APIHarness) async throws in
            let missing = try await api.ingest(.object(Events.event(1)), key: nil)
            #expect(missing.status == 401)
            #expect(missing.json["error"]?["status"] == "UNAUTHENTICATED")
            let wrong = try await api.ingest(.object(Events.event(1)), key: "ingest-key-0123456780")
            #expect(wrong.status == 401)
            let readOnly = try await api.ingest(.object(Events.event(1)), key: APIHarness.readKey)
            #expect(readOnly.status == 403)
            #expect(readOnly.json["error"]?["status"] == "PERMISSION_DENIED")
            #expect(try await api.pullAll().isEmpty)
            #expect(try await api.ingest(.object(Events.event(1)), key: APIHarness.bothKey).status == 202)
            #expect(try await api.read(Events.window, key: APIHarness.ingestKey).status == 403)
        }
    }
}
