import Foundation
import GRDB

/// The one SQLite database behind every emulated API: a WAL file (kept, or temporary), or memory.
///
/// A temporary file lives only as long as the emulator, in a private temporary directory that goes
/// when the database does. It is a WAL file all the same, because WAL is what lets a query read
/// while other calls write and other queries read. Memory is one SQLite connection, so every call
/// waits for the one before it: a query that runs for minutes holds up the rest, Pub/Sub's included,
/// until its time limit. It is the cheapest to open, which suits tests that start hundreds of emulators.
final class EmulatorDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The directory of a temporary file; nil for a kept file or memory.
    let scratch: ScratchDirectory?

    /// A named schema change, applied once, in order, by GRDB's migrator.
    struct Migration: Sendable {
        let name: String
        let apply: @Sendable (Database) throws -> Void
    }

    /// `path`: the file to keep the data in; without one, `transient` says where it lives.
    init(
        path: String?, transient: TransientStorage = .memory, migrations: [Migration],
        prepare: @escaping @Sendable (Database) throws -> Void = { _ in }
    ) throws {
        var configuration = Configuration()
        let kept = path != nil
        configuration.prepareDatabase { db in
            // NORMAL is durable across process crashes in WAL mode, which is what a kept file needs. A
            // temporary one goes with the process anyway, so it never waits for the disk.
            try db.execute(sql: kept ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = OFF")
            try prepare(db)
        }
        configuration.busyMode = .timeout(10)
        switch (path, transient) {
        case (let path?, _):
            scratch = nil
            writer = try DatabasePool(path: path, configuration: configuration)
        case (nil, .temporaryFile):
            let scratch = try ScratchDirectory()
            self.scratch = scratch
            writer = try DatabasePool(path: scratch.databasePath, configuration: configuration)
        case (nil, .memory):
            scratch = nil
            writer = try DatabaseQueue(configuration: configuration)
        }
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name) { db in try migration.apply(db) }
        }
        try migrator.migrate(writer)
    }

    deinit {
        guard let scratch else { return }
        // Closed first: SQLite must not hold files in a directory being removed.
        try? (writer as? DatabasePool)?.close()
        scratch.remove()
    }
}

/// A directory of its own under the system's temporary one, for a database that lives only as long
/// as the emulator. Its name carries the process id, so directories left by a process that was
/// killed (SIGKILL skips every cleanup) are recognised and removed by the next one.
struct ScratchDirectory: Sendable {
    static let prefix = "warehouse-emulator-"
    let url: URL

    var databasePath: String { url.appendingPathComponent("emulator.sqlite").path }

    init(parent: URL = FileManager.default.temporaryDirectory) throws {
        Self.removeAbandoned(in: parent)
        url = parent.appendingPathComponent("\(Self.prefix)\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Removes the directories of processes that no longer run.
    static func removeAbandoned(in parent: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { continue }
            // ESRCH: no such process. A live process of another user answers EPERM and is left alone.
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
            }
        }
    }
}
