import Foundation
import GoogleSQL
import WarehouseSchema
import WireJSON

/// `region-us.INFORMATION_SCHEMA.JOBS` (and its other names, `JOBS_BY_PROJECT` and `JOBS_BY_USER`):
/// the project's query jobs the emulator still holds (`JobRegistry` keeps the last 2,000; they are
/// not kept across restarts), the running and failed ones included, newest first, as many as
/// `maximumJobsQueryTextBytes` of query text allows.
///
/// The columns are those of BigQuery's view that the emulator knows; what it does not measure
/// (slot time, the project number, reservations) is NULL rather than a made-up figure, and so is
/// `destination_table`: the emulator keeps results with the job, not in a table.
extension InformationSchema {
    static var jobsSchema: TableSchema {
        func string(_ name: String) -> TableFieldSchema { TableFieldSchema(name: name, type: .string) }
        func integer(_ name: String) -> TableFieldSchema { TableFieldSchema(name: name, type: .integer) }
        func timestamp(_ name: String) -> TableFieldSchema { TableFieldSchema(name: name, type: .timestamp) }
        let tableFields = [string("project_id"), string("dataset_id"), string("table_id")]
        return TableSchema(fields: [
            timestamp("creation_time"), string("project_id"), integer("project_number"), string("user_email"), string("job_id"),
            string("job_type"), string("statement_type"), string("priority"), timestamp("start_time"), timestamp("end_time"),
            string("query"), string("state"), string("reservation_id"), integer("total_bytes_processed"), integer("total_slot_ms"),
            TableFieldSchema(
                name: "error_result", type: .record, fields: [string("reason"), string("location"), string("debug_info"), string("message")]),
            TableFieldSchema(name: "cache_hit", type: .boolean),
            TableFieldSchema(name: "destination_table", type: .record, fields: tableFields),
            TableFieldSchema(name: "referenced_tables", type: .record, mode: .repeated, fields: tableFields),
            TableFieldSchema(name: "labels", type: .record, mode: .repeated, fields: [string("key"), string("value")]),
            integer("total_bytes_billed"), string("parent_job_id"),
            TableFieldSchema(
                name: "dml_statistics", type: .record,
                fields: [integer("inserted_row_count"), integer("deleted_row_count"), integer("updated_row_count")]),
        ])
    }

    /// One row per job: the finished ones from `finished`, then those still running or failed.
    static func jobRows(finished: [QueryJob], unfinished: [QueryRun]) -> [[BigQueryValue]] {
        var rows: [(created: Date, row: [BigQueryValue])] = []
        for job in finished {
            let billed = job.request.dryRun ? 0 : QueryJob.billedBytes(job.result.totalBytesProcessed)
            var row = jobColumns(project: job.project, jobId: job.jobId, request: job.request, created: job.created)
            row += [
                .timestamp(micros(job.finished)), .string(job.request.sql), .string("DONE"), .null,
                .int64(job.result.totalBytesProcessed), .null, .null, .bool(false), .null,
                .array(job.result.referencedTables.map { .record([.string($0.projectId), .string($0.datasetId), .string($0.tableId)]) }),
                labels(job.request), .int64(billed), .null,
                job.result.dml.map { .record([.int64($0.inserted), .int64($0.deleted), .int64($0.updated)]) } ?? .null,
            ]
            row.insert(.string(job.result.statementType), at: 6)
            rows.append((job.created, row))
        }
        for run in unfinished {
            var row = jobColumns(project: run.project, jobId: run.jobId, request: run.request, created: run.created)
            row.insert(.null, at: 6)  // the statement type is known once the job has run
            var state = "RUNNING"
            var error = BigQueryValue.null
            var ended = BigQueryValue.null
            if case .failure(let failure) = run.outcome {
                state = "DONE"
                error = .record([.string(failure.reason), .null, .null, .string(failure.message)])
                ended = .timestamp(micros(run.created))
            }
            row += [
                ended, .string(run.request.sql), .string(state), .null, .null, .null, error, .bool(false), .null,
                .array([]), labels(run.request), .null, .null, .null,
            ]
            rows.append((run.created, row))
        }
        // The rows reach SQLite as literals, so 2,000 queries of BigQuery's 1 MB each would make a
        // 2 GB statement: the oldest jobs past the budget are left out, as the registry's own
        // eviction leaves out those past its count.
        var listed: [[BigQueryValue]] = []
        var textBytes = 0
        for (_, row) in rows.sorted(by: { $0.created > $1.created }) {
            if case .string(let query) = row[10] { textBytes += query.utf8.count }
            if textBytes > maximumJobsQueryTextBytes, !listed.isEmpty { break }
            listed.append(row)
        }
        return listed
    }

    /// The most query text the JOBS view lists at once.
    static let maximumJobsQueryTextBytes = 32 << 20

    /// creation_time through start_time, without statement_type (inserted by the caller at 6).
    private static func jobColumns(project: String, jobId: String, request: QueryRequest, created: Date) -> [BigQueryValue] {
        let priority = request.configuration["priority"]?.stringValue ?? "INTERACTIVE"
        return [
            .timestamp(micros(created)), .string(project), .null, .string(request.userEmail), .string(jobId), .string("QUERY"),
            .string(priority), .timestamp(micros(created)),
        ]
    }

    private static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }

    private static func labels(_ request: QueryRequest) -> BigQueryValue {
        .array(request.labels.sorted { $0.key < $1.key }.map { .record([.string($0.key), .string($0.value)]) })
    }
}
