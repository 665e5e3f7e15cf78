import Foundation
import HTTPServerLimits
import Hummingbird
import Logging
import NIOCore
import PubSubClient
import WarehouseSchema
import WireJSON

/// `POST /ingestData`: one event (a JSON object) or an array of them, validated against the table's
/// schema with the Sink's own `RowValidator`, then published one message per event.
///
/// Nothing is half-accepted: validation is all-or-nothing (one invalid event and nothing of the
/// request is published), and so is publishing. The request's events travel in one publish call
/// (`PubSubPublisher.publish(contentsOf:)` never splits a call one request can carry, and a request's
/// limits, 500 events and 1 MiB, are far below a publish request's), which Pub/Sub takes whole or not
/// at all. A 202 means every event of the request is in the topic; a 503 (with `Retry-After`) that
/// none is, except when the publish went through and its answer was lost (a connection cut after the
/// fact), then all are. Either way the producer retries the whole request, and each event's `event_id`
/// is the Sink's insertId, so events that went through the first time collapse into the rows they made.
struct IngestRoute: Sendable {
    let validator: RowValidator
    let publisher: PubSubPublisher
    let limits: IngestLimits
    /// At most `limits.maxBytesInFlight` of request bodies being read, validated and published at once.
    let gate: AdmissionGate
    let retryAfter: Duration
    let metrics: APIMetrics
    let stopwatch: Stopwatch

    func handle(_ request: Request, context: APIRequestContext) async throws -> Response {
        try Self.requireJSON(request)
        let length = request.headers[.contentLength].flatMap { Int($0) }
        if let length, length > limits.maxBodyBytes { throw tooLarge }
        // Refusals that cost nothing come first; the body is read only once admitted (see `AdmissionGate`).
        return try await gate.withAdmission(weight: Self.admissionWeight(declaredLength: length)) {
            let bytes = try await readBody(request)
            let messages: [PubSubMessage]
            do {  // the parsed events end here: only their encoded messages wait for the publisher
                let events = try parseEvents(bytes)
                let traceparent = TraceParent.propagate(request.headers[.traceparent])
                messages = events.map {
                    PubSubMessage(data: Data(JSONValue.object($0).encodedBytes()), attributes: ["traceparent": traceparent])
                }
            }
            let ids = try await publish(messages, context: context)
            return jsonResponse(["messageIds": .array(ids.map { .string($0) })], status: .accepted)
        }
    }

    /// What a body weighs at the gate: its declared length, or, for a chunked body that declares
    /// none, a typical batch's size. Weighing those as the largest body allowed would let only one in
    /// at a time (the default budget is one largest body), which throttles clients that stream their
    /// bodies; the budget is then approximate for them, still bounded by how many fit.
    static func admissionWeight(declaredLength: Int?) -> Int { declaredLength ?? unknownLengthWeight }
    static let unknownLengthWeight = 64 * 1024

    private var tooLarge: APIProblem {
        APIProblem(status: .contentTooLarge, message: "the body is larger than \(limits.maxBodyBytes) bytes")
    }

    static func requireJSON(_ request: Request) throws(APIProblem) {
        guard let contentType = request.headers[.contentType], isJSON(contentType: contentType) else {
            throw APIProblem(status: .unsupportedMediaType, message: "the body must be JSON, sent with Content-Type: application/json")
        }
    }

    /// Whether a Content-Type names `application/json`, in any case, parameters (`; charset=utf-8`) and
    /// spaces around it allowed. Read as bytes: Foundation's trimming and lowercasing were 4% of an
    /// ingest's CPU.
    static func isJSON(contentType: String) -> Bool {
        let bytes = contentType.utf8
        var mediaType = bytes[..<(bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex)]
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        while let first = mediaType.first, isSpace(first) { mediaType = mediaType.dropFirst() }
        while let last = mediaType.last, isSpace(last) { mediaType = mediaType.dropLast() }
        let lowercased = { (byte: UInt8) in (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte }
        return mediaType.elementsEqual("application/json".utf8) { lowercased($0) == $1 }
    }

    private func readBody(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limits.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }

    /// The events of the body, each checked against the schema; every problem is reported at once.
    func parseEvents(_ buffer: ByteBuffer) throws(APIProblem) -> [JSONObject] {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: buffer.readableBytesView)
        } catch {
            throw APIProblem(status: .badRequest, message: "the body is not valid JSON: \(error.description)")
        }
        let items: [JSONValue]
        switch document {
        case .object: items = [document]
        case .array(let array): items = array
        default: throw APIProblem(status: .badRequest, message: "the body must be an event (a JSON object) or an array of events")
        }
        guard !items.isEmpty else { throw APIProblem(status: .badRequest, message: "the array holds no events") }
        guard items.count <= limits.maxEvents else {
            throw APIProblem(status: .contentTooLarge, message: "\(items.count) events in one request; the limit is \(limits.maxEvents)")
        }
        var events: [JSONObject] = []
        var errors: [JSONValue] = []
        for (index, item) in items.enumerated() {
            guard case .object(let event) = item else {
                errors.append(Self.error(index: index, field: "", reason: "invalid", message: "an event must be a JSON object"))
                continue
            }
            if case .invalid(let rowErrors) = validator.validate(event) {
                for rowError in rowErrors {
                    errors.append(Self.error(index: index, field: rowError.location, reason: rowError.reason, message: rowError.message))
                }
            }
            events.append(event)
        }
        guard errors.isEmpty else {
            throw APIProblem(status: .badRequest, message: "\(errors.count) problem(s) in the events; nothing was published", errors: errors)
        }
        return events
    }

    static func error(index: Int, field: String, reason: String, message: String) -> JSONValue {
        ["index": .int(Int64(index)), "field": .string(field), "reason": .string(reason), "message": .string(message)]
    }

    /// Publishes every message and waits for every answer (a message handed to the publisher cannot be
    /// taken back, so there is no point in cancelling its neighbours); the ids come back in order.
    /// One call for the lot: the publisher gathers them with other requests' events into batches.
    private func publish(_ messages: [PubSubMessage], context: APIRequestContext) async throws -> [String] {
        let start = stopwatch.elapsed()
        defer { metrics.publishLatency.record(duration: stopwatch.elapsed() - start) }
        do {
            return try await publisher.publish(contentsOf: messages)
        } catch {
            metrics.publishFailures.increment()
            context.requestLogger.warning("publish failed", metadata: ["error": "\(error)", "events": "\(messages.count)"])
            throw APIProblem.unavailable(
                "Pub/Sub did not take the events; retry the request (event_id makes a retry safe)", retryAfter: retryAfter)
        }
    }
}
