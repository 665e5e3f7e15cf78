import GRDB

/// The one SQLite database behind every emulated API: a WAL file, or memory.
final class EmulatorDatabase: Sendable {
    let writer: any DatabaseWriter

    /// A named schema change, applied once, in order, by GRDB's migrator.
    struct Migration: Sendable {
        let name: String
        let apply: @Sendable (Database) throws -> Void
    }

    init(path: String?, migrations: [Migration], prepare: @escaping @Sendable (Database) throws -> Void = { _ in }) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // NORMAL is durable across process crashes in WAL mode, which is what an emulator needs.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try prepare(db)
        }
        configuration.busyMode = .timeout(10)
        if let path {
            writer = try DatabasePool(path: path, configuration: configuration)
        } else {
            writer = try DatabaseQueue(configuration: configuration)
        }
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name) { db in try migration.apply(db) }
        }
        try migrator.migrate(writer)
    }
}
