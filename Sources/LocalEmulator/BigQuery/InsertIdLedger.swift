import GRDB
import Synchronization
import WireJSON

/// The insertIds each table has seen within the retention window, for insertAll deduplication.
///
/// Checked in memory and persisted as an append-only log with one entry per request (its new ids
/// as a JSON array), so a duplicate check costs a hash lookup and a request costs one append: the
/// write transaction is the part of insertAll that cannot run in parallel, and a log row per id
/// cost as much there as the row itself. A table's ids are read back from the log the first time
/// it is used after a start.
///
/// Only the writer touches the ledger, inside its transactions. If a transaction fails after ids
/// were claimed, `forget(_:)` drops that table's memory so the next use reloads the committed log.
final class InsertIdLedger: Sendable {
    static let migration = """
        CREATE TABLE bq_insert_id_log (
            sqlite_name TEXT NOT NULL, insert_id TEXT NOT NULL, inserted_at INTEGER NOT NULL);
        INSERT INTO bq_insert_id_log (sqlite_name, insert_id, inserted_at)
            SELECT sqlite_name, insert_id, inserted_at FROM bq_insert_ids ORDER BY inserted_at;
        DROP TABLE bq_insert_ids;
        """

    /// From one log row per id to one per request; ids stored at the same time become one entry.
    static let batchMigration = """
        CREATE TABLE bq_insert_id_batches (
            sqlite_name TEXT NOT NULL, inserted_at INTEGER NOT NULL, insert_ids TEXT NOT NULL);
        INSERT INTO bq_insert_id_batches (sqlite_name, inserted_at, insert_ids)
            SELECT sqlite_name, inserted_at, json_group_array(insert_id) FROM bq_insert_id_log
            GROUP BY sqlite_name, inserted_at ORDER BY inserted_at;
        DROP TABLE bq_insert_id_log;
        """

    private struct State {
        /// sqlite_name → insertId → when it was stored (µs).
        var seen: [String: [String: Int64]] = [:]
        /// The log's last rowid after each write, with its time: what a sweep may delete up to.
        var checkpoints: [(rowid: Int64, at: Int64)] = []
        var lastSweep: Int64 = 0
    }

    private let state = Mutex(State())
    let retentionMicros: Int64

    init(retentionSeconds: Int64) { retentionMicros = retentionSeconds * 1_000_000 }

    /// Claims the ids of one request at `now`: returns, per row, whether it is new (to be stored).
    /// A repeated id within the request, or one seen within the window, is not new.
    func claim(_ insertIds: [String?], table: String, now: Int64, db: Database) throws -> [Bool] {
        if state.withLock({ $0.seen[table] == nil }) {
            let loaded = try load(table: table, now: now, db: db)
            state.withLock { $0.seen[table] = loaded }
        }
        let cutoff = now - retentionMicros
        var claimed: [String] = []
        let fresh = state.withLock { state in
            // Taken out and put back, so that it is updated in place with one lookup per id.
            var seen = state.seen.removeValue(forKey: table) ?? [:]
            defer { state.seen[table] = seen }
            return insertIds.map { insertId -> Bool in
                guard let insertId, !insertId.isEmpty else { return true }
                if let seenAt = seen.updateValue(now, forKey: insertId), seenAt >= cutoff {
                    seen[insertId] = seenAt
                    return false
                }
                claimed.append(insertId)
                return true
            }
        }
        try append(claimed, table: table, now: now, db: db)
        if !claimed.isEmpty {
            let lastRowid = db.lastInsertedRowID
            state.withLock { $0.checkpoints.append((lastRowid, now)) }
        }
        return fresh
    }

    /// Drops a table's ids from memory (after a failed write, or when the table is dropped).
    func forget(_ table: String) { state.withLock { _ = $0.seen.removeValue(forKey: table) } }

    private enum SweepPlan {
        case notDue
        case deleteUpTo(rowid: Int64)
        case scan
    }

    /// At most once a minute: deletes expired ids from the log and from memory.
    func sweep(now: Int64, db: Database) throws {
        let cutoff = now - retentionMicros
        let plan: SweepPlan = state.withLock { state in
            guard now - state.lastSweep > 60_000_000 else { return .notDue }
            state.lastSweep = now
            for (table, ids) in state.seen { state.seen[table] = ids.filter { $0.value >= cutoff } }
            guard let expired = state.checkpoints.lastIndex(where: { $0.at < cutoff }) else { return .scan }
            let rowid = state.checkpoints[expired].rowid
            state.checkpoints.removeFirst(expired + 1)
            return .deleteUpTo(rowid: rowid)
        }
        switch plan {
        case .notDue: return
        case .deleteUpTo(let rowid):
            // Rows are appended in time order, so everything up to an expired checkpoint is expired.
            try db.execute(sql: "DELETE FROM bq_insert_id_batches WHERE rowid <= ?", arguments: [rowid])
        case .scan:
            // Nothing written since start has expired yet; a scan catches leftovers of earlier runs.
            try db.execute(sql: "DELETE FROM bq_insert_id_batches WHERE inserted_at < ?", arguments: [cutoff])
        }
    }

    private func load(table: String, now: Int64, db: Database) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT insert_ids, inserted_at FROM bq_insert_id_batches WHERE sqlite_name = ? AND inserted_at >= ?",
            arguments: [table, now - retentionMicros])
        while let row = try rows.next() {
            let insertedAt: Int64 = row[1]
            let text: String = row[0]
            for id in try JSONValue(parsing: text).arrayValue ?? [] {
                if let id = id.stringValue { ids[id] = insertedAt }
            }
        }
        return ids
    }

    private func append(_ ids: [String], table: String, now: Int64, db: Database) throws {
        guard !ids.isEmpty else { return }
        var text: [UInt8] = [UInt8(ascii: "[")]
        text.reserveCapacity(ids.count * 24)
        for (position, id) in ids.enumerated() {
            if position > 0 { text.append(UInt8(ascii: ",")) }
            JSONValue.encodeString(id, into: &text)
        }
        text.append(UInt8(ascii: "]"))
        let statement = try DirectStatement(db, "INSERT INTO bq_insert_id_batches (sqlite_name, inserted_at, insert_ids) VALUES (?, ?, ?)")
        try statement.bind(1, table)
        try statement.bind(2, now)
        try statement.bind(3, String(decoding: text, as: UTF8.self))
        try statement.run()
    }
}
