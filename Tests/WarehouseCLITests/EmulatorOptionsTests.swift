import ArgumentParser
import Testing

@testable import warehouse

/// `warehouse emulator`'s own settings reach the emulator it makes.
@Suite struct EmulatorOptionsTests {
    @Test func insertIdRetentionDefaultsToTenMinutesAndIsPassedOn() throws {
        #expect(try EmulatorOptions.parse([]).makeEmulator().configuration.insertIdRetention == .seconds(600))
        let shorter = try EmulatorOptions.parse(["--insert-id-retention", "120"])
        #expect(try shorter.makeEmulator().configuration.insertIdRetention == .seconds(120))
    }

    /// Without --db the data is in a temporary file, where a long query holds up nothing else;
    /// memory only when asked.
    @Test func withoutADatabaseFileTheDataIsInATemporaryFileUnlessMemoryIsAsked() throws {
        #expect(try EmulatorOptions.parse([]).makeEmulator().configuration.transientStorage == .temporaryFile)
        #expect(try EmulatorOptions.parse(["--in-memory"]).makeEmulator().configuration.transientStorage == .memory)
        #expect(throws: (any Error).self) { try EmulatorOptions.parse(["--in-memory", "--db", "/tmp/x.sqlite"]) }
    }

    @Test(arguments: ["0", "-5", "86401", "ten"])
    func insertIdRetentionOutsideItsRangeIsRefused(value: String) {
        #expect(throws: (any Error).self) { try EmulatorOptions.parse(["--insert-id-retention", value]) }
    }
}
