import Foundation
import Testing

@testable import LocalEmulator

/// The temporary file of an emulator without `--db` goes with it, and one a killed emulator left
/// behind goes with the next emulator to start.
@Suite struct ScratchDirectoryTests {
    @Test func theTemporaryDatabaseIsRemovedWhenTheEmulatorsDatabaseGoes() throws {
        var database: EmulatorDatabase? = try EmulatorDatabase(path: nil, transient: .temporaryFile, migrations: [])
        let directory = try #require(database?.scratch?.url)
        try database?.writer.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("emulator.sqlite").path))
        database = nil
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func directoriesOfProcessesThatNoLongerRunAreRemovedAndOthersKept() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("scratch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let abandoned = parent.appendingPathComponent("\(ScratchDirectory.prefix)\(ended.processIdentifier)-\(UUID().uuidString)")
        let live = parent.appendingPathComponent("\(ScratchDirectory.prefix)\(getpid())-\(UUID().uuidString)")
        let unrelated = parent.appendingPathComponent("\(ScratchDirectory.prefix)notapid")
        for directory in [abandoned, live, unrelated] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        let fresh = try ScratchDirectory(parent: parent)
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))
        #expect(FileManager.default.fileExists(atPath: fresh.url.path))
    }
}
