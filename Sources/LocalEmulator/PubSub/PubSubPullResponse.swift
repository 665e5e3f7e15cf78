import Hummingbird
import NIOCore
import WireJSON

/// Writes a pull answer straight to bytes. Pull is the hottest route: the stored base64 data and the
/// stored attributes object (written by our own encoder at publish, so valid JSON) are copied in as
/// they are, with no JSON tree built and torn down per message.
enum PubSubPullResponse {
    static func make(_ deliveries: [PubSubDelivery], showAttempts: Bool) -> Response {
        guard !deliveries.isEmpty else { return JSONResponse.empty() }
        var capacity = 32
        for delivery in deliveries {
            capacity += 200 + delivery.dataBase64.utf8.count + (delivery.attributesJSON?.utf8.count ?? 0)
        }
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        // A publish batch shares one publishTime: format each distinct time once.
        var lastMicros: Int64?
        var lastTime = ""
        append(#"{"receivedMessages":["#, to: &out)
        for (position, delivery) in deliveries.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            append(#"{"ackId":""#, to: &out)
            append(delivery.ackId, to: &out)
            append(#"","message":{"data":""#, to: &out)
            append(delivery.dataBase64, to: &out)
            out.append(UInt8(ascii: "\""))
            if let attributes = delivery.attributesJSON {
                append(#","attributes":"#, to: &out)
                append(attributes, to: &out)
            }
            append(#","messageId":""#, to: &out)
            append(String(delivery.messageId), to: &out)
            if lastMicros != delivery.publishMicros {
                lastMicros = delivery.publishMicros
                lastTime = PubSubTime.rfc3339(micros: delivery.publishMicros)
            }
            append(#"","publishTime":""#, to: &out)
            append(lastTime, to: &out)
            out.append(UInt8(ascii: "\""))
            if let key = delivery.orderingKey {
                append(#","orderingKey":"#, to: &out)
                JSONValue.encodeString(key, into: &out)
            }
            out.append(UInt8(ascii: "}"))
            if showAttempts {
                append(#","deliveryAttempt":"#, to: &out)
                append(String(delivery.attempt), to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        append("]}\n", to: &out)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: out)))
    }

    @inline(__always)
    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }
}
