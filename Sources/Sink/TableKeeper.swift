import Logging
import WarehouseClient

/// Makes sure the dataset and table exist as `SinkTable` defines them: at start, and again when
/// an insert finds the table gone (404), so a deleted table is recreated instead of crash-looping.
/// A table that exists and differs is reported (log and readiness), never altered.
struct TableKeeper: Sendable {
    let bigQuery: BigQueryClient
    let dataset: String
    let table: String
    let definition: TableDefinition
    let retrier: Retrier
    let readiness: ReadinessTracker
    let logger: Logger

    /// Retries transient failures for as long as it takes (BigQuery may start after the Sink);
    /// throws `SinkError.tableSetup` for a failure retrying cannot fix.
    func ensureAtStart() async throws {
        do {
            try await retrier.run("ensure_table", budget: .seconds(Int64.max / 2)) { try await ensure() }
        } catch let error as BigQueryError {
            throw SinkError.tableSetup("Cannot create or read table \(dataset).\(table): \(error)")
        }
    }

    /// Once, for an insert that found the table missing; the insert's retry loop calls it again if needed.
    func reensure() async {
        readiness.tableLost()
        do {
            try await ensure()
            logger.warning("table was missing and is created again", metadata: ["table": "\(dataset).\(table)"])
        } catch {
            logger.error("cannot recreate missing table", metadata: ["table": "\(dataset).\(table)", "error": "\(error)"])
        }
    }

    private func ensure() async throws {
        _ = try await bigQuery.ensureDataset(dataset)
        let outcome = try await bigQuery.ensureTable(dataset: dataset, table: table, definition: definition)
        if case .drifted(let drift) = outcome {
            let described = drift.map(\.description)
            logger.error(
                "table differs from the Sink's definition; it is not altered",
                metadata: ["table": "\(dataset).\(table)", "drift": .array(described.map { .string($0) })])
            readiness.tableEnsured(drift: described)
        } else {
            readiness.tableEnsured(drift: [])
        }
    }
}
