#if canImport(Glibc)
import Glibc
import Testing

@testable import Operations

/// glibc marks a chunk it got with its own `mmap` in the size word just before the pointer.
private func isOwnMapping(_ pointer: UnsafeMutableRawPointer) -> Bool {
    (pointer - MemoryLayout<Int>.size).load(as: Int.self) & 0x2 != 0
}

@Suite struct HeapTuningTests {
    /// Without the fixed threshold, freeing the first 24 MiB buffer raises glibc's threshold to 24 MiB
    /// (its dynamic ceiling is 32 MiB), and the second comes from (and is freed into) a heap arena,
    /// where its hole stays resident. An arena serves a request from a free chunk big enough before it
    /// asks the system at all, so the size is one no test here leaves free in an arena.
    @Test func aLargeBufferIsItsOwnMappingEvenAfterOneLikeItWasFreed() throws {
        HeapTuning.keepLargeBuffersOutOfTheHeap(environment: [:])
        let size = 24 << 20
        for _ in 0..<3 {
            let buffer = try #require(malloc(size))
            let mapped = isOwnMapping(buffer)
            free(buffer)
            #expect(mapped)
        }
    }
}
#endif
