import Foundation
import Testing

/// The heap tuning, shown in a fresh process (`warehouse heap-probe`): in this test process, busy with
/// hundreds of tests, an arena's free chunk or top may serve a large buffer whatever the threshold
/// (CI once saw all three buffers come from the heap), so the check cannot run here.
@Suite struct HeapTuningTests {
    /// Runs `warehouse heap-probe` with `arguments` on a thread of its own; what it printed.
    static func probe(_ arguments: [String]) async throws -> String {
        let binary = try #require(WarehouseBinary.path, "no warehouse binary beside the tests: swift build first")
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result {
                        let process = Process()
                        process.executableURL = URL(fileURLWithPath: binary)
                        process.arguments = ["heap-probe"] + arguments
                        var environment = ProcessInfo.processInfo.environment
                        environment["MALLOC_MMAP_THRESHOLD_"] = nil
                        process.environment = environment
                        let pipe = Pipe()
                        process.standardOutput = pipe
                        try process.run()
                        let output = pipe.fileHandleForReading.readDataToEndOfFile()
                        process.waitUntilExit()
                        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    })
            }
        }
    }

    @Test func aLargeBufferIsItsOwnMappingEvenAfterOneLikeItWasFreed() async throws {
        #expect(try await Self.probe([]) == "true true true")
    }

    /// What the tuning prevents: freeing the first 24 MiB mapping raises glibc's threshold to 24 MiB,
    /// and the next buffers of that size come from (and go back to) an arena.
    @Test func withoutTheTuningTheSecondBufferComesFromTheHeap() async throws {
        #expect(try await Self.probe(["--untuned"]) == "true false false")
    }
}
