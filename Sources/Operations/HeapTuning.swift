#if canImport(Glibc)
import Glibc
#endif

/// How a long-running process gives freed memory back to the system.
///
/// glibc serves a large allocation (128 KiB and up) with its own `mmap`, returned to the system on
/// `free`, but each such `free` raises that threshold to the freed size (up to 32 MiB). After a few
/// large, short-lived buffers (a request body, a result page, a dictionary being resized), buffers
/// of that size come from the heap arenas instead, where the holes they leave are seldom reused
/// whole and never returned. The emulator's soak showed it: its live heap stayed at ~66 MiB while
/// its resident memory rose by 110 MiB in 10 minutes, the difference being free chunks in the
/// arenas (`malloc_info`). A fixed threshold keeps large buffers out of the arenas for good.
public enum HeapTuning {
    /// glibc's own default, made fixed: setting it turns the dynamic adjustment off.
    public static let mmapThresholdBytes: Int32 = 128 * 1024
    /// `M_MMAP_THRESHOLD` in <malloc.h>.
    private static let mmapThresholdParameter: Int32 = -3

    /// Applies the fixed threshold, unless `MALLOC_MMAP_THRESHOLD_` chose one (glibc reads it at
    /// start, and a user who set it knows better). Call once, first thing in a server's `run`.
    public static func keepLargeBuffersOutOfTheHeap(environment: [String: String]) {
        #if canImport(Glibc)
        guard environment["MALLOC_MMAP_THRESHOLD_"] == nil else { return }
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not import.
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(mmapThresholdParameter, mmapThresholdBytes)
        #endif
    }

    /// Allocates and frees a buffer of `bytes` `count` times and says, for each, whether glibc
    /// served it with a mapping of its own (the bit it keeps in the size word before the pointer).
    /// A diagnostic for a fresh process (`warehouse heap-probe`): in a busy one, a free chunk or the
    /// top of an arena may serve the buffer whatever the threshold.
    public static func largeBuffersAreOwnMappings(count: Int = 3, bytes: Int = 24 << 20) -> [Bool] {
        #if canImport(Glibc)
        (0..<count).map { _ in
            guard let buffer = malloc(bytes) else { return false }
            defer { free(buffer) }
            return (buffer - MemoryLayout<Int>.size).load(as: Int.self) & 0x2 != 0
        }
        #else
        []
        #endif
    }
}
