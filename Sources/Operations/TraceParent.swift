/// A W3C `traceparent` header value (`00-<32 hex trace id>-<16 hex span id>-<2 hex flags>`), the
/// form the API puts in a message's attributes, so a log line can name the trace it belongs to.
public struct TraceParent: Sendable, Hashable {
    public let traceId: String
    public let spanId: String
    public let isSampled: Bool

    /// Nil for anything that is not a valid traceparent: a malformed value from a producer must not
    /// put a made-up trace into the logs.
    public init?(_ header: String) {
        let parts = header.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].count == 2, parts[1].count == 32, parts[2].count == 16, parts[3].count == 2 else { return nil }
        guard parts.prefix(4).allSatisfy({ $0.utf8.allSatisfy(Self.isLowerHex) }) else { return nil }
        // Version ff is forbidden, and version 00 has exactly four fields.
        guard parts[0] != "ff", parts[0] != "00" || parts.count == 4 else { return nil }
        // An all-zero trace or span id means "none".
        guard parts[1].contains(where: { $0 != "0" }), parts[2].contains(where: { $0 != "0" }) else { return nil }
        traceId = String(parts[1])
        spanId = String(parts[2])
        isSampled = (UInt8(parts[3], radix: 16) ?? 0) & 1 == 1
    }

    /// What Cloud Logging's `logging.googleapis.com/trace` field takes: `projects/P/traces/ID`, so
    /// the console links the line to Cloud Trace; the bare id when the project is unknown.
    public func cloudLoggingTrace(projectId: String?) -> String {
        guard let projectId, !projectId.isEmpty else { return traceId }
        return "projects/\(projectId)/traces/\(traceId)"
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
