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
        String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 {
                let nibble = UInt8((value >> UInt64(60 - 4 * index)) & 0xF)
                buffer[index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble  // '0'...'9', 'a'...'f'
            }
            return 16
        }
    }
}
