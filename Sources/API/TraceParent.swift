/// W3C Trace Context `traceparent` (`00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`).
enum TraceParent {
    /// The caller's header when it is well formed, else a new trace, so every event can be followed
    /// from the API through Pub/Sub to the Sink's log line.
    static func propagate(_ header: String?) -> String {
        if let header, isValid(header) { return header }
        return newTrace()
    }

    static func isValid(_ header: String) -> Bool {
        let parts = header.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 2, parts[1].count == 32, parts[2].count == 16, parts[3].count == 2 else { return false }
        guard parts.allSatisfy({ $0.utf8.allSatisfy(isLowerHex) }) else { return false }
        // Version ff is forbidden, and all-zero ids mean "none".
        return parts[0] != "ff" && parts[1].contains(where: { $0 != "0" }) && parts[2].contains(where: { $0 != "0" })
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    /// A new trace: a 128-bit trace id and a 64-bit parent id, three words from the system's generator.
    /// (A call per byte, each formatted with `String(radix:)`, was 8% of an ingest's CPU.)
    static func newTrace() -> String {
        var generator = SystemRandomNumberGenerator()
        // All-zero ids are invalid: a low word of zero (a chance of 2^-64) becomes 1, so neither can be.
        let high: UInt64 = generator.next()
        let low: UInt64 = max(generator.next(), 1)
        let parent: UInt64 = max(generator.next(), 1)
        return "00-\(RequestIdentifiers.hex(high))\(RequestIdentifiers.hex(low))-\(RequestIdentifiers.hex(parent))-01"
    }
}
