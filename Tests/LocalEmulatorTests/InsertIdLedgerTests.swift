import Foundation
import GRDB
import Testing

@testable import LocalEmulator

@Suite struct InsertIdLedgerTests {
    static let minute: Int64 = 60_000_000

    func database(path: String? = nil, migrations: [EmulatorDatabase.Migration] = BigQueryStore.migrations) throws -> EmulatorDatabase {
        try EmulatorDatabase(path: path, migrations: migrations)
    }

    /// A database file written by `earlier` under the first `migrations` of BigQuery's, then opened
    /// again with all of them, as after a restart or an upgrade.
    func reopened(
        migrations: Int = BigQueryStore.migrations.count, afterWriting earlier: (Database) throws -> Void,
        _ body: (EmulatorDatabase) throws -> Void
    ) throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(at: path) }
        do {
            let old = try database(path: path, migrations: Array(BigQueryStore.migrations.prefix(migrations)))
            try old.writer.write(earlier)
        }
        try body(try database(path: path))
    }

    /// Ids in the log, and the log's entries.
    func logCount(_ database: EmulatorDatabase) throws -> (ids: Int, entries: Int) {
        try database.writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COALESCE(SUM(json_array_length(insert_ids)), 0), COUNT(*) FROM bq_insert_id_batches")
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }

    @Test func repeatsWithinARequestAndWithinTheWindowAreNotNew() throws {
        let database = try database()
        let ledger = InsertIdLedger(retentionSeconds: 600)
        let first = try database.writer.write { db in try ledger.claim(["a", "b", "a", nil, ""], table: "t", now: 0, db: db) }
        #expect(first == [true, true, false, true, true])
        let second = try database.writer.write { db in try ledger.claim(["b", "c"], table: "t", now: Self.minute, db: db) }
        #expect(second == [false, true])
        let otherTable = try database.writer.write { db in try ledger.claim(["b"], table: "u", now: Self.minute, db: db) }
        #expect(otherTable == [true])
        let logged = try logCount(database)
        #expect(logged.ids == 4)
        #expect(logged.entries == 3, "one entry per request that stored new ids")
    }

    @Test func idsClaimedInARolledBackWriteAreForgottenAndCanBeStoredAgain() throws {
        let database = try database()
        let ledger = InsertIdLedger(retentionSeconds: 600)
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try database.writer.write { db in
                _ = try ledger.claim(["a"], table: "t", now: 0, db: db)
                throw Failure()
            }
        }
        ledger.forget("t")
        let retried = try database.writer.write { db in try ledger.claim(["a"], table: "t", now: 1, db: db) }
        #expect(retried == [true])
    }

    @Test func aSweepDeletesExpiredIdsFromTheLogAndFromMemory() throws {
        let database = try database()
        let ledger = InsertIdLedger(retentionSeconds: 60)
        try database.writer.write { db in
            _ = try ledger.claim(["old-1", "old-2"], table: "t", now: 0, db: db)
            _ = try ledger.claim(["recent"], table: "t", now: 2 * Self.minute, db: db)
            try ledger.sweep(now: 2 * Self.minute + 1, db: db)
        }
        #expect(try logCount(database).ids == 1)
        let again = try database.writer.write { db in try ledger.claim(["old-1", "recent"], table: "t", now: 2 * Self.minute + 2, db: db) }
        #expect(again == [true, false])
    }

    @Test func idsAreReadBackFromTheLogAfterARestart() throws {
        try reopened(afterWriting: { db in _ = try InsertIdLedger(retentionSeconds: 600).claim(["a"], table: "t", now: 0, db: db) }) { restarted in
            let claimed = try restarted.writer.write { db in
                try InsertIdLedger(retentionSeconds: 600).claim(["a", "b"], table: "t", now: Self.minute, db: db)
            }
            #expect(claimed == [false, true])
        }
    }

    @Test func idsWithQuotesAndEscapesAreReadBackExactly() throws {
        let odd = ["quote\"d", "back\\slash", "new\nline", "ünï", "[\"a\"]"]
        try reopened(afterWriting: { db in _ = try InsertIdLedger(retentionSeconds: 600).claim(odd, table: "t", now: 0, db: db) }) { restarted in
            let claimed = try restarted.writer.write { db in
                try InsertIdLedger(retentionSeconds: 600).claim(odd + ["quote"], table: "t", now: Self.minute, db: db)
            }
            #expect(claimed == [false, false, false, false, false, true])
        }
    }

    @Test func idsLoggedOnePerRowSurviveTheMigrationToOneEntryPerRequest() throws {
        try reopened(
            migrations: 2,
            afterWriting: { db in
                try db.execute(
                    sql: """
                        INSERT INTO bq_insert_id_log (sqlite_name, insert_id, inserted_at)
                        VALUES ('t', 'a', 0), ('t', 'b', 0), ('t', 'c', 5), ('u', 'a', 5)
                        """)
            }
        ) { migrated in
            let logged = try logCount(migrated)
            #expect(logged.ids == 4)
            #expect(logged.entries == 3)
            let claimed = try migrated.writer.write { db in
                try InsertIdLedger(retentionSeconds: 600).claim(["a", "b", "c", "d"], table: "t", now: Self.minute, db: db)
            }
            #expect(claimed == [false, false, false, true])
        }
    }

    @Test func idsStoredByTheEarlierSchemaSurviveItsMigration() throws {
        try reopened(
            migrations: 1,
            afterWriting: { db in
                try db.execute(sql: "INSERT INTO bq_insert_ids (sqlite_name, insert_id, inserted_at) VALUES ('t', 'a', 0)")
            }
        ) { migrated in
            let claimed = try migrated.writer.write { db in
                try InsertIdLedger(retentionSeconds: 600).claim(["a"], table: "t", now: Self.minute, db: db)
            }
            #expect(claimed == [false])
        }
    }
}
