import Hummingbird
import HummingbirdCore
import WarehouseSchema

/// One `/getData` read, its parameters checked: what the fixed SQL template is run with.
struct EventsQuery: Sendable, Hashable {
    /// The columns the template names besides the selected ones.
    static let requiredColumns = ["event_id", "event_type", "user_id", "occurred_at"]
    static let parameterNames: Set<Substring> = ["limit", "from", "to", "event_type", "user_id", "pageToken"]
    /// Filters longer than this cannot match an id anyone sends; refusing them keeps requests small.
    static let maxFilterBytes = 1024
    static let maxFilterCharacters = 256

    /// Microseconds since the epoch; rows with `from <= occurred_at < to`.
    var from: Int64
    var to: Int64
    var eventType: String?
    var userId: String?
    var limit: Int
    /// Where the previous page ended.
    var after: PageToken?

    /// The key identical reads share in the cache.
    var cacheKey: String {
        [
            String(from), String(to), eventType.map { "=" + $0 } ?? "-", userId.map { "=" + $0 } ?? "-", String(limit),
            after.map { "\($0.occurredAt)/\($0.eventId)" } ?? "-",
        ].joined(separator: "\u{1F}")
    }

    /// Reads the query string. `now` is microseconds since the epoch.
    static func parse(_ parameters: FlatDictionary<Substring, Substring>, limits: ReadLimits, now: Int64) throws(APIProblem) -> EventsQuery {
        var seen: Set<Substring> = []
        for (name, _) in parameters {
            guard parameterNames.contains(name) else {
                throw APIProblem.invalid(String(name), "unknown parameter \"\(name)\"; see /openapi.yaml")
            }
            guard seen.insert(name).inserted else { throw APIProblem.invalid(String(name), "\(name) is given more than once") }
        }
        let limit: Int
        if let text = parameters["limit"] {
            guard let number = Int(text), (1...limits.maxLimit).contains(number) else {
                throw APIProblem.invalid("limit", "limit must be a whole number from 1 to \(limits.maxLimit)")
            }
            limit = number
        } else {
            limit = limits.defaultLimit
        }
        let eventType = try filter("event_type", parameters["event_type"])
        let userId = try filter("user_id", parameters["user_id"])
        var from = try timestamp("from", parameters["from"])
        var to = try timestamp("to", parameters["to"])
        var after: PageToken?
        if let text = parameters["pageToken"] {
            let token = try PageToken(decoding: String(text))
            // A token continues the read it came from: its window and filters, which the caller may
            // repeat but not change.
            guard from ?? token.from == token.from, to ?? token.to == token.to, eventType == token.eventType, userId == token.userId else {
                throw APIProblem.invalid("pageToken", "pageToken belongs to a read with other from, to, event_type or user_id")
            }
            (from, to, after) = (token.from, token.to, token)
        }
        let windowMicros = micros(limits.defaultWindow)
        // The default end is the next whole second, so identical reads within a second share the cache.
        let end = to ?? min(CivilTime.maxTimestamp, (CivilTime.floorDiv(now, 1_000_000) + 1) * 1_000_000)
        let start = from ?? max(CivilTime.minTimestamp, end - windowMicros)
        guard start < end else { throw APIProblem.invalid("from", "from must be before to") }
        guard end - start <= micros(limits.maxWindow) else {
            throw APIProblem.invalid("from", "the window from..to is longer than the maximum of \(limits.maxWindow.components.seconds) seconds")
        }
        return EventsQuery(from: start, to: end, eventType: eventType, userId: userId, limit: limit, after: after)
    }

    private static func filter(_ name: String, _ value: Substring?) throws(APIProblem) -> String? {
        guard let value else { return nil }
        // Characters bound the request line (a percent-encoded URL must fit the server's header limit);
        // bytes bound the query parameter.
        guard !value.isEmpty, value.count <= maxFilterCharacters, value.utf8.count <= maxFilterBytes else {
            throw APIProblem.invalid(name, "\(name) must be 1 to \(maxFilterCharacters) characters and at most \(maxFilterBytes) bytes")
        }
        return String(value)
    }

    /// RFC 3339: `2026-11-22T10:00:00Z`, `2026-11-22T10:00:00.5+01:00`; a zone is required.
    static func timestamp(_ name: String, _ value: Substring?) throws(APIProblem) -> Int64? {
        guard let value else { return nil }
        let bytes = Array(value.utf8)
        let hasZone =
            bytes.last.map { $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "z") } ?? false
            || (bytes.count >= 6 && (bytes[bytes.count - 6] == UInt8(ascii: "+") || bytes[bytes.count - 6] == UInt8(ascii: "-"))
                && bytes[bytes.count - 3] == UInt8(ascii: ":"))
        guard bytes.count >= 20, bytes.count <= 40, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), hasZone,
            let micros = CivilTime.parseTimestamp(String(value))
        else {
            throw APIProblem.invalid(name, "\(name) must be an RFC 3339 timestamp with a zone, e.g. 2026-11-22T10:00:00Z")
        }
        return micros
    }

    static func micros(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
