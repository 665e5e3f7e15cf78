#if canImport(Glibc)
import Glibc
import Testing

@testable import Operations

/// glibc marks a chunk it got with its own `mmap` in the size word just before the pointer.
private func isOwnMapping(_ pointer: UnsafeMutableRawPointer) -> Bool {
    (pointer - MemoryLayout<Int>.size).load(as: Int.self) & 0x2 != 0
}

@Suite struct HeapTuningTests {
    /// Without the fixed threshold, freeing the first 4 MiB buffer raises glibc's threshold to 4 MiB,
    /// and the second comes from (and is freed into) a heap arena, where its hole stays resident.
    @Test func aLargeBufferIsItsOwnMappingEvenAfterOneLikeItWasFreed() throws {
        HeapTuning.keepLargeBuffersOutOfTheHeap(environment: [:])
        let size = 4 << 20
        for _ in 0..<3 {
            let buffer = try #require(malloc(size))
            let mapped = isOwnMapping(buffer)
            free(buffer)
            #expect(mapped)
        }
    }
}
#endif
