import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import WireJSON

@testable import LocalEmulator

/// A full disk under the emulator's SQLite file is the emulator's (passing) failure: every write
/// answers 503 (UNAVAILABLE / backendError, which clients retry) saying the disk is full, never a bare
/// 500 "Internal error"; what was stored stays stored, and writes work again once there is room.
/// SQLite's `max_page_count` on the writer connection stands in for the disk here: past it SQLite
/// fails as on a full disk (SQLITE_FULL, "database or disk is full"). scripts/reliability/faults.py
/// fills a real (tmpfs) disk.
@Suite struct DiskFullTests {
    @Test func writesOnAFullDiskAre503SayingSoAndWorkAgainOnceThereIsRoom() async throws {
        let path = temporaryDatabasePath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let emulator = try LocalEmulator(configuration: EmulatorConfiguration(databasePath: path))
        try await emulator.makeApplication().test(.live) { client in
            let pubSub = PubSubCaller(client: client)
            let bigQuery = EmulatorClient(client: client)
            try await pubSub.createTopic("events")
            try await pubSub.createSubscription("events-sub", topic: "events")
            #expect(try await bigQuery.post(Fixture.datasets, ["datasetReference": ["datasetId": "ds"]]).status == 200)
            let table = try await bigQuery.post(
                Fixture.tables("ds"), ["tableReference": ["datasetId": "ds", "tableId": "events"], "schema": Fixture.eventsSchema])
            #expect(table.status == 200)
            #expect(try await pubSub.publish("events", ["stored before"]).status == 200)

            // The disk fills: no page beyond those the file has now.
            try await emulator.database.writer.write { db in
                let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
                _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)")
            }
            let large = String(repeating: "x", count: 200_000)
            let publish = try await pubSub.publish("events", Array(repeating: large, count: 5))
            #expect(publish.status == 503)
            #expect(publish.errorStatus == "UNAVAILABLE")
            #expect(publish.errorMessage?.contains("disk") == true && publish.errorMessage?.contains("full") == true)
            let rows: [JSONValue] = (0..<50).map {
                ["insertId": .string("r\($0)"), "json": ["event_id": .string(large), "occurred_at": "2026-01-01T00:00:00Z"]]
            }
            let insert = try await bigQuery.post(Fixture.table("ds", "events") + "/insertAll", ["rows": .array(rows)])
            #expect(insert.status == 503)
            #expect(insert.errorReason == "backendError")
            #expect(insert.errorMessage?.contains("disk") == true && insert.errorMessage?.contains("full") == true)

            // Room again: writes work, and what was stored before is there.
            try await emulator.database.writer.write { db in _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = 1073741823") }
            #expect(try await pubSub.publish("events", ["stored after"]).status == 200)
            let pulled = try await pubSub.pull("events-sub", max: 10)
            #expect(pulled.dataTexts == ["stored before", "stored after"])
            #expect(try await bigQuery.post(Fixture.table("ds", "events") + "/insertAll", ["rows": .array(Array(rows.prefix(2)))]).status == 200)
        }
    }
}
