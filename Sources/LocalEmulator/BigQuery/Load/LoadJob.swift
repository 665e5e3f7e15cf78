import Foundation
import GRDB
import GoogleSQL
import WarehouseSchema
import WireJSON

/// A load that read more bad records than `maxBadRecords` allows: the job fails and stores nothing.
struct LoadFailure: Error {
    var format: LoadRequest.SourceFormat
    var records: Int
    var bad: [LoadFile.BadRecord]
}

/// What a load stored.
struct LoadOutcome {
    var rows: Int
    var bytes: Int64
    var bad: [LoadFile.BadRecord]
    /// The schema the rows were read with, detected or given.
    var schema: TableSchema
}

extension BigQueryStore {
    /// Writes a load job's rows in one transaction: the destination is created, emptied or appended
    /// to as the dispositions say, decided inside that transaction so that no other write can come
    /// between the decision and the rows. Any failure rolls all of it back.
    func load(_ file: LoadFile, request: LoadRequest, db: Database) throws -> LoadOutcome {
        let key = request.destination
        let existing = try table(project: key.project, dataset: key.dataset, table: key.table, db: db)
        if let existing, existing.isView {
            throw GoogleAPIError.badRequest("\(JobConfiguration.name(key)) is a view; load jobs write tables only")
        }
        // With autodetect, a CSV header row is found (and skipped) whichever schema the rows are read with.
        let detected = request.autodetect || request.format.describesItsSchema ? try file.detectedSchema(request: request) : nil
        var info: TableInfo
        if let existing {
            info = existing
            switch request.write {
            case .writeEmpty:
                try requireNoRows(in: key, db: db)
                _ = try Self.appendedSchema(request.schema, to: existing.schema, table: key)
            case .writeAppend:
                // With schema updates allowed, a detected schema may add fields as a given one does.
                let given = request.schema ?? (request.schemaUpdates.isEmpty ? nil : detected?.schema)
                let updated = try Self.appendedSchema(given, to: existing.schema, table: key, options: request.schemaUpdates)
                if updated != existing.schema {
                    info = try patchTable(project: key.project, dataset: key.dataset, table: key.table, body: ["schema": updated.json], db: db)
                }
            case .writeTruncate:
                // BigQuery replaces the rows, and the schema with the job's when it gives or detects one.
                let schema = request.schema ?? detected?.schema ?? existing.schema
                if schema == existing.schema {
                    try db.execute(sql: "DELETE FROM \(SQLiteStorage.quote(existing.sqliteTable))")
                    try db.execute(sql: "DELETE FROM bq_partition_bytes WHERE sqlite_name = ?", arguments: [existing.sqliteTable])
                } else {
                    var body = existing.resource
                    body["schema"] = schema.json
                    try dropTable(existing, db: db)
                    info = try Self.newTable(project: key.project, dataset: key.dataset, tableId: key.table, body: body)
                    try createTable(info, db: db)
                }
            }
        } else {
            guard request.create == .createIfNeeded else { throw GoogleAPIError.notFound("Not found: Table \(JobConfiguration.name(key))") }
            guard let schema = request.schema ?? detected?.schema else {
                throw GoogleAPIError.badRequest("No schema specified on job or table: give the load a schema, or set autodetect", reason: "invalid")
            }
            var body = request.tableOptions
            body["tableReference"] = ["projectId": .string(key.project), "datasetId": .string(key.dataset), "tableId": .string(key.table)]
            body["schema"] = schema.json
            try ResourceFieldTypes.checkTable(body)
            info = try Self.newTable(project: key.project, dataset: key.dataset, tableId: key.table, body: body)
            try createTable(info, db: db)
        }
        let read = try file.rows(schema: info.schema, request: request, headerRows: detected?.headerRows ?? 0)
        if read.bad.count > request.maxBadRecords {
            throw LoadFailure(format: request.format, records: read.rows.count + read.bad.count, bad: read.bad)
        }
        try store(read.rows, in: info, db: db)
        let bytes = read.rows.reduce(Int64(0)) { total, row in row.values.reduce(total) { $0 + $1.logicalBytes } }
        return LoadOutcome(rows: read.rows.count, bytes: bytes, bad: read.bad, schema: info.schema)
    }

    /// Appending with a schema of its own: every field it gives must be the table's, of the same type
    /// and mode, unless `schemaUpdateOptions` let it add NULLABLE or REPEATED fields or relax REQUIRED
    /// ones to NULLABLE. Returns the table's schema with those changes.
    static func appendedSchema(
        _ given: TableSchema?, to schema: TableSchema, table: BigQueryStore.TableKey, options: Set<LoadRequest.SchemaUpdateOption> = []
    ) throws -> TableSchema {
        guard let given, given != schema else { return schema }
        let name = JobConfiguration.name(table)
        var updated = schema
        for field in given.fields {
            guard let index = updated.fields.firstIndex(where: { $0.name.lowercased() == field.name.lowercased() }) else {
                guard options.contains(.allowFieldAddition) else {
                    throw GoogleAPIError.badRequest("Provided Schema does not match Table \(name). Cannot add fields (field: \(field.name))")
                }
                guard field.mode != .required else {
                    throw GoogleAPIError.badRequest("Provided Schema does not match Table \(name). Cannot add required fields (field: \(field.name))")
                }
                updated.fields.append(field)
                continue
            }
            let current = updated.fields[index]
            if current.type != field.type {
                throw GoogleAPIError.badRequest(
                    "Provided Schema does not match Table \(name). Field \(field.name) has changed type from \(current.type.standardSQLName) to \(field.type.standardSQLName)"
                )
            }
            if current.mode != field.mode {
                guard options.contains(.allowFieldRelaxation), current.mode == .required, field.mode == .nullable else {
                    throw GoogleAPIError.badRequest(
                        "Provided Schema does not match Table \(name). Field \(field.name) has changed mode from \(current.mode.rawValue) to \(field.mode.rawValue)"
                    )
                }
                updated.fields[index].mode = .nullable
            }
        }
        return updated
    }
}

extension BigQueryAPI {
    /// A CSV or JSON file as uploaded or, when it starts with gzip's magic number, inflated, as BigQuery
    /// reads gzip-compressed files. What it inflates to is held to the upload bound
    /// (`EmulatorConfiguration.maxUploadBytes`), as a file uploaded uncompressed is.
    private func inflated(_ upload: [UInt8], format: LoadRequest.SourceFormat) throws -> [UInt8] {
        guard upload.starts(with: [0x1F, 0x8B]), format != .parquet else { return upload }
        let limit = store.configuration.maxUploadBytes
        switch Inflate.gunzip(upload[...], limit: limit) {
        case .success(let data): return data
        case .failure(.tooLarge):
            throw GoogleAPIError.badRequest(
                "The gzip-compressed file inflates to more than \(limit) bytes, more than the local emulator loads from one file (EmulatorConfiguration.maxUploadBytes)",
                reason: "invalid")
        case .failure(.corrupt):
            throw GoogleAPIError.badRequest(
                "Error while reading data, error message: the file starts as gzip but is corrupt or truncated", reason: "invalid")
        }
    }

    /// Runs a load job to its end. A load that fails (bad records past `maxBadRecords`, no schema, a
    /// WRITE_EMPTY table with rows) is still a job: it is kept with its error, as BigQuery keeps it.
    func load(
        _ request: LoadRequest, data upload: [UInt8], project: String, jobId: String, caller: AuthStore.Account?, userEmail: String
    ) async throws -> TableJob {
        let created = Date()
        var loadStatistics: JSONObject = ["inputFiles": "1", "inputFileBytes": .string(String(upload.count))]
        var configuration = request.configuration
        var outcome = TableJob.Outcome.succeeded
        func report(_ bad: [LoadFile.BadRecord]) -> [JSONValue] {
            // BigQuery lists a sample of the bad records, not every one.
            bad.prefix(100).map { ["reason": "invalid", "message": .string($0.message)] }
        }
        do {
            try ProjectAccess.require(caller, mayUse: request.destination.project, permission: "bigquery.tables.updateData")
            let data = try inflated(upload, format: request.format)
            let file = try LoadFile(data, request: request)
            let written: LoadOutcome
            do {
                written = try await store.writer.write { db in try store.load(file, request: request, db: db) }
            } catch {
                store.forgetTable(request.destination)
                throw error
            }
            store.forgetTable(request.destination)
            loadStatistics["outputRows"] = .string(String(written.rows))
            loadStatistics["outputBytes"] = .string(String(written.bytes))
            loadStatistics["badRecords"] = .string(String(written.bad.count))
            if !written.bad.isEmpty { outcome = .succeededWith(errors: report(written.bad)) }
            if request.autodetect || request.format.describesItsSchema, request.schema == nil { configuration["schema"] = written.schema.json }
        } catch let error as LoadFailure {
            let format = error.format.errorName
            let message =
                "Error while reading data, error message: \(format) table encountered too many errors, giving up. Rows: \(error.records); errors: \(error.bad.count). Please look into the errors[] collection for more details."
            outcome = .failedWith(reason: "invalid", message: message, errors: report(error.bad))
        } catch let error as GoogleAPIError {
            outcome = .failed(error)
        }
        configuration["sourceFormat"] = .string(request.format.rawValue)
        configuration["createDisposition"] = .string(request.create.rawValue)
        configuration["writeDisposition"] = .string(request.write.rawValue)
        return TableJob(
            project: project, jobId: jobId, jobType: "LOAD", configuration: configuration, statistics: ["load": .object(loadStatistics)],
            outcome: outcome, userEmail: userEmail, created: created, sources: [], destination: request.destination)
    }
}
