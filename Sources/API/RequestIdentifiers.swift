import Synchronization

/// New request ids: 128 bits as 32 hex digits, a random half drawn once per process and a counter.
///
/// Unique across processes (the random half) and within one (the counter), which is all a request id
/// is for: `UUID()` drew 16 random bytes on every request, a measurable share of a cached read.
enum RequestIdentifiers {
    private static let prefix: String = hex(UInt64.random(in: .min ... .max))
    private static let counter = Atomic<UInt64>(0)

    static func next() -> String {
        let (value, _) = counter.add(1, ordering: .relaxed)
        return prefix + hex(value)
    }

    /// Sixteen lowercase hex digits, zero-padded.
    static func hex(_ value: UInt64) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 { buffer[index] = digits[Int((value >> UInt64(60 - 4 * index)) & 0xF)] }
            return 16
        }
    }
}
