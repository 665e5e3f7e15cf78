/// W3C Trace Context `traceparent` (`00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`).
enum TraceParent {
    /// The caller's header when it is well formed, else a new trace, so every event can be followed
    /// from the API through Pub/Sub to the Sink's log line.
    static func propagate(_ header: String?) -> String {
        if let header, isValid(header) { return header }
        return "00-\(randomHex(bytes: 16))-\(randomHex(bytes: 8))-01"
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

    private static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text += String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        // An all-zero id is invalid; 128 random bits make it impossible in practice, but say so.
        return text.contains(where: { $0 != "0" }) ? text : String(repeating: "0", count: bytes * 2 - 1) + "1"
    }
}
