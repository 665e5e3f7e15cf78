import ArgumentParser
import Foundation
import Operations

/// Not for users (hidden from help): shows, in a fresh process, that the heap tuning every server
/// command applies first keeps large buffers out of glibc's arenas. `--untuned` skips the tuning, to
/// show what it prevents. Prints one `true`/`false` per buffer.
struct HeapProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "heap-probe", shouldDisplay: false)

    @Flag(help: "Skip the tuning the server commands apply.")
    var untuned = false

    func run() {
        if !untuned { HeapTuning.keepLargeBuffersOutOfTheHeap(environment: ProcessInfo.processInfo.environment) }
        print(HeapTuning.largeBuffersAreOwnMappings().map(String.init).joined(separator: " "))
    }
}
