import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// A copy job's configuration (`jobs.insert` with `configuration.copy`): the rows of one or more
/// tables, which must have the same schema, into another.
struct CopyRequest: Sendable {
    var sources: [BigQueryStore.TableKey]
    var destination: BigQueryStore.TableKey
    var create: CreateDisposition
    /// A copy's default is WRITE_EMPTY: it fails rather than touch a table that has rows.
    var write: WriteDisposition
    /// The configuration as the client sent it, echoed back in the job resource.
    var configuration: JSONObject

    init(_ configuration: JSONObject, project: String) throws {
        self.configuration = configuration
        let listed = configuration["sourceTables"]?.arrayValue ?? []
        let single = configuration["sourceTable"].map { [$0] } ?? []
        guard !(listed + single).isEmpty else {
            throw GoogleAPIError.badRequest("Required parameter is missing: sourceTable or sourceTables", reason: "required")
        }
        sources = try (single + listed).enumerated().map { index, json in
            try JobConfiguration.table(json, project: project, field: single.isEmpty ? "sourceTables[\(index)]" : "sourceTable")
        }
        destination = try JobConfiguration.table(configuration["destinationTable"], project: project, field: "destinationTable")
        create = try JobConfiguration.disposition(configuration["createDisposition"], field: "createDisposition", default: .createIfNeeded)
        write = try JobConfiguration.disposition(configuration["writeDisposition"], field: "writeDisposition", default: .writeEmpty)
        let operation = configuration["operationType"]?.stringValue ?? "COPY"
        guard operation == "COPY" || operation == "OPERATION_TYPE_UNSPECIFIED" else {
            throw GoogleAPIError.badRequest("Unsupported: copy jobs of operationType \(operation.prefix(40)) are not supported by the local emulator")
        }
        // SQLite joins at most 500 SELECTs in one statement; BigQuery takes up to 1,200 sources.
        guard sources.count <= 500 else {
            throw GoogleAPIError.badRequest(
                "Unsupported: copy jobs of more than 500 source tables are not supported by the local emulator (this one has \(sources.count))")
        }
        if sources.contains(destination) {
            throw GoogleAPIError.badRequest("Copy job's source and destination cannot be the same table: \(JobConfiguration.name(destination))")
        }
    }

    /// The one statement that does the copy, given whether the destination exists: one statement of
    /// the emulator's own DDL or DML, so the copy is atomic and the destination's schema is checked as
    /// an INSERT checks it. A created or truncated destination takes the first source's schema,
    /// partitioning and clustering. WRITE_EMPTY's check for rows is made in the statement's own write
    /// (`QueryRequest.requiredEmptyTable`).
    func statement(destinationExists: Bool) throws -> String {
        let rows = sources.map { "SELECT * FROM \(JobConfiguration.sql($0))" }.joined(separator: " UNION ALL ")
        let definition = sources.count == 1 ? "COPY \(JobConfiguration.sql(sources[0]))" : "LIKE \(JobConfiguration.sql(sources[0])) AS \(rows)"
        if !destinationExists {
            guard create == .createIfNeeded else { throw GoogleAPIError.notFound("Not found: Table \(JobConfiguration.name(destination))") }
            return "CREATE TABLE \(JobConfiguration.sql(destination)) \(definition)"
        }
        switch write {
        case .writeTruncate: return "CREATE OR REPLACE TABLE \(JobConfiguration.sql(destination)) \(definition)"
        case .writeEmpty, .writeAppend: return "INSERT INTO \(JobConfiguration.sql(destination)) \(rows)"
        }
    }
}

extension BigQueryAPI {
    /// Runs a copy job to its end. A copy that fails (a missing table, rows in a WRITE_EMPTY destination,
    /// schemas that do not match) is still a job: it is kept with its error, as BigQuery keeps it.
    func copy(_ request: CopyRequest, project: String, jobId: String, caller: AuthStore.Account?, userEmail: String) async throws -> TableJob {
        let created = Date()
        var statistics: JSONObject = [:]
        var outcome = TableJob.Outcome.succeeded
        do {
            for source in request.sources {
                try ProjectAccess.require(caller, mayUse: source.project, permission: "bigquery.tables.getData")
            }
            try ProjectAccess.require(caller, mayUse: request.destination.project, permission: "bigquery.tables.updateData")
            let (copied, bytes, destinationExists) = try await copyCounts(request)
            let statement = try request.statement(destinationExists: destinationExists)
            try await store.configuration.beforeCopyWrites?(store)
            var query = try QueryRequest(["query": .string(statement), "useLegacySql": false], project: project, dryRun: false)
            query.userEmail = userEmail
            query.unfilteredTables = Set(request.sources)
            // Decided in the copy's own write, so that no other write can come between the check and the rows.
            if request.write == .writeEmpty { query.requiredEmptyTable = request.destination }
            _ = try await run(query, project: project, jobId: jobId, caller: caller)
            statistics["copy"] = ["copiedRows": .string(String(copied)), "copiedLogicalBytes": .string(String(bytes))]
        } catch let error as GoogleAPIError {
            outcome = .failed(error)
        }
        var configuration = request.configuration
        configuration["createDisposition"] = .string(request.create.rawValue)
        configuration["writeDisposition"] = .string(request.write.rawValue)
        return TableJob(
            project: project, jobId: jobId, jobType: "COPY", configuration: configuration, statistics: statistics, outcome: outcome,
            userEmail: userEmail, created: created, sources: request.sources, destination: request.destination)
    }

    /// The rows and logical bytes the sources hold, and whether the destination exists.
    private func copyCounts(_ request: CopyRequest) async throws -> (rows: Int64, bytes: Int64, exists: Bool) {
        try await store.writer.read { db in
            var rows: Int64 = 0
            var bytes: Int64 = 0
            var firstSchema: TableSchema?
            for source in request.sources {
                let info = try store.requireTable(project: source.project, dataset: source.dataset, table: source.table, db: db)
                guard !info.isView else {
                    throw GoogleAPIError.badRequest("\(JobConfiguration.name(source)) is a view; copy jobs copy tables only")
                }
                // BigQuery copies several tables into one only when their schemas are the same.
                if let firstSchema, firstSchema != info.schema {
                    throw GoogleAPIError.badRequest(
                        "Copy sources must have the same schema: \(JobConfiguration.name(request.sources[0])) and \(JobConfiguration.name(source)) differ",
                        reason: "invalid")
                }
                firstSchema = firstSchema ?? info.schema
                let totals = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT (SELECT COUNT(*) FROM \(SQLiteStorage.quote(info.catalog.sqliteTable))) AS rows,
                               (SELECT COALESCE(SUM(bytes), 0) FROM bq_partition_bytes WHERE sqlite_name = ? AND column_name != '') AS bytes
                        """, arguments: [info.sqliteTable])
                rows += totals?["rows"] ?? 0
                bytes += totals?["bytes"] ?? 0
            }
            let destination = request.destination
            guard let target = try store.table(project: destination.project, dataset: destination.dataset, table: destination.table, db: db) else {
                return (rows, bytes, false)
            }
            guard !target.isView else {
                throw GoogleAPIError.badRequest("\(JobConfiguration.name(destination)) is a view; copy jobs write tables only")
            }
            return (rows, bytes, true)
        }
    }
}
