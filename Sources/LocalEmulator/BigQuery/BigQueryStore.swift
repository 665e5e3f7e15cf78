import GRDB

/// Datasets, tables, rows, insertIds and jobs of the emulated BigQuery, in SQLite.
final class BigQueryStore: Sendable {
    static let migrations: [EmulatorDatabase.Migration] = []
    let database: EmulatorDatabase
    let configuration: EmulatorConfiguration

    init(database: EmulatorDatabase, configuration: EmulatorConfiguration) {
        self.database = database
        self.configuration = configuration
    }
}
