import ArgumentParser
import Foundation
import WarehouseClient

struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Stream a newline-delimited JSON file into a table with insertAll.",
        discussion: """
            Valid rows are stored; each rejected row is printed with its line number, and the command then exits with status 1. \
            With --schema, the dataset and table are created if missing (a table that differs from the schema is reported, not changed).
            """)

    @Argument(help: "The .ndjson file: one JSON object per line.")
    var file: String

    @Option(help: "Destination, dataset.table.")
    var table: String

    @Option(help: "Schema file (bq mk --schema form, or a table resource with partitioning and clustering).")
    var schema: String?

    @Option(help: "Rows per chunk read from the file (sent as requests of up to 500 rows).")
    var chunkRows = 5000

    @OptionGroup var bigQuery: BigQueryOptions

    func run() async throws {
        let parts = table.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError("--table must be dataset.table, not \"\(table)\"")
        }
        let (dataset, tableId) = (String(parts[0]), String(parts[1]))
        var definition: TableDefinition?
        if let schema {
            do { definition = try TableDefinition(contentsOfFile: schema) } catch { throw ValidationError(error.message) }
        }
        let client = try bigQuery.makeClient()
        try await reportingFailures {
            if let definition {
                _ = try await client.ensureDataset(dataset)
                if case .drifted(let drift) = try await client.ensureTable(dataset: dataset, table: tableId, definition: definition) {
                    for difference in drift { FileHandle.standardError.write(Array("warning: \(difference)\n".utf8)) }
                }
            }
            let meter = ProgressMeter(isTerminal: isatty(STDERR_FILENO) == 1)
            let loader = NDJSONLoader(client: client, dataset: dataset, table: tableId, chunkRows: chunkRows)
            let outcome: LoadProgress
            do {
                outcome = try await loader.load(path: file) { meter.update($0) }
            } catch let error as LoadError {
                throw ValidationError(error.description)
            }
            meter.finish(outcome)
            for rejected in outcome.rejected { print(rejected) }
            print(
                "Loaded \(outcome.rowsStored) rows into \(table) in \(meter.elapsedText) (\(meter.rate(outcome.rowsStored)) rows/s); \(outcome.rejected.count) rejected."
            )
            if !outcome.rejected.isEmpty { throw ExitCode.failure }
        }
    }
}
