import Foundation
import GRDB
import Testing

@testable import LocalEmulator

@Suite struct EmulatorDatabaseTests {
    @Test func everyConnectionGetsTheConfiguredPageCache() throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(at: path) }
        let database = try EmulatorDatabase(path: path, migrations: [], pageCacheKiB: 8192)
        // A file database has a writer and readers: each connection has its own cache.
        #expect(try database.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") } == -8192)
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") } == -8192)
    }

    @Test func theEmulatorsPageCacheIsLargerThanSQLitesDefault() throws {
        let emulator = try LocalEmulator(configuration: EmulatorConfiguration())
        let size = try emulator.database.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        // SQLite's default is -2000 (2,000 KiB); the queue outgrows it under a backlog.
        #expect(size == -EmulatorConfiguration.defaultPageCacheKiB)
        #expect(EmulatorConfiguration.defaultPageCacheKiB > 2000)
    }
}
