import Foundation
import WireJSON

/// The opaque `pageToken` of `/getData`: a keyset cursor, never an offset.
///
/// It is base64url (no padding) of a small JSON object: the query it belongs to (window and filters)
/// and the sort key of the last row served, `(occurred_at, event_id)`. The next page reads rows
/// strictly after that key in the order `occurred_at DESC, event_id DESC`, so rows that arrive
/// meanwhile neither shift the pages nor repeat a row. The token is not secret and not signed: it
/// only narrows a read its holder may make anyway; a token that does not decode, or that does not
/// belong to the query it comes with, is a 400.
struct PageToken: Sendable, Hashable {
    var from: Int64
    var to: Int64
    var eventType: String?
    var userId: String?
    /// The last row served.
    var occurredAt: Int64
    var eventId: String

    static let version: Int64 = 1

    var encoded: String {
        let object: JSONValue = [
            "v": .int(Self.version), "f": .int(from), "t": .int(to),
            "e": eventType.map { .string($0) } ?? .null, "u": userId.map { .string($0) } ?? .null,
            "a": .int(occurredAt), "i": .string(eventId),
        ]
        return Data(object.encodedBytes()).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(from: Int64, to: Int64, eventType: String?, userId: String?, occurredAt: Int64, eventId: String) {
        self.from = from
        self.to = to
        self.eventType = eventType
        self.userId = userId
        self.occurredAt = occurredAt
        self.eventId = eventId
    }

    init(decoding text: String) throws(APIProblem) {
        let garbled = APIProblem.invalid("pageToken", "pageToken is not a token this API issued")
        guard text.utf8.count <= 8192, text.utf8.allSatisfy({ Self.isBase64URL($0) }) else { throw garbled }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let json = try? JSONValue(parsing: Array(data)),
            case .object(let object) = json, object.count == 7,
            object["v"] == .int(Self.version),
            case .int(let from)? = object["f"], case .int(let to)? = object["t"], case .int(let occurredAt)? = object["a"],
            case .string(let eventId)? = object["i"],
            let eventType = Self.optionalString(object["e"]), let userId = Self.optionalString(object["u"]),
            from < to, (from..<to).contains(occurredAt)
        else { throw garbled }
        self.init(from: from, to: to, eventType: eventType.value, userId: userId.value, occurredAt: occurredAt, eventId: eventId)
    }

    /// A string or null, told apart from a missing or mistyped member (nil).
    private static func optionalString(_ value: JSONValue?) -> (value: String?, Void)? {
        switch value {
        case .null?: (nil, ())
        case .string(let text)?: (text, ())
        default: nil
        }
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
