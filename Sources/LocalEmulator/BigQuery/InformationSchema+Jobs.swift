import Foundation
import GoogleSQL
import WarehouseSchema
import WireJSON

/// `region-us.INFORMATION_SCHEMA.JOBS` (and `JOBS_BY_PROJECT`; `JOBS_BY_USER` is the caller's only):
/// the project's query and copy jobs the emulator still holds (`JobRegistry` keeps the last 2,000; they are
/// not kept across restarts), the running and failed ones included, newest first, as many as
/// `maximumJobsQueryTextBytes` of query text allows.
///
/// The columns are those of BigQuery's view that the emulator knows; what it does not measure
/// (slot time, the project number, reservations) is NULL rather than a made-up figure, and so is a
/// query's `destination_table`: the emulator keeps results with the job, not in a table. A copy job's
/// `destination_table` is its destination and its `referenced_tables` its sources.
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

    /// One row per job: the finished ones from `finished`, then those still running or failed; only
    /// `user`'s when one is given.
    static func jobRows(finished: [QueryJob], unfinished: [QueryRun], tableJobs: [TableJob] = [], user: String? = nil) -> [[BigQueryValue]] {
        var rows: [JobsViewRow] = []
        for job in tableJobs where user == nil || job.userEmail == user {
            // A copy has no statement or query text; its tables are its sources and destination.
            var row = JobsViewRow(
                project: job.project, jobId: job.jobId, jobType: job.jobType, userEmail: job.userEmail, priority: "INTERACTIVE",
                query: nil, labels: .array([]), created: job.created)
            let table = { (key: BigQueryStore.TableKey) in BigQueryValue.record([.string(key.project), .string(key.dataset), .string(key.table)]) }
            row.endTime = .timestamp(micros(job.finished))
            row.state = "DONE"
            row.referencedTables = job.sources.map(table)
            row.destinationTable = table(job.destination)
            if let error = job.error { row.errorResult = .record([.string(error.reason), .null, .null, .string(error.message)]) }
            rows.append(row)
        }
        for job in finished where user == nil || job.request.userEmail == user {
            var row = JobsViewRow(project: job.project, jobId: job.jobId, request: job.request, created: job.created)
            row.statementType = .string(job.result.statementType)
            row.endTime = .timestamp(micros(job.finished))
            row.state = "DONE"
            row.totalBytesProcessed = .int64(job.result.totalBytesProcessed)
            row.totalBytesBilled = .int64(job.request.dryRun ? 0 : QueryJob.billedBytes(job.result.totalBytesProcessed))
            row.referencedTables = job.result.referencedTables.map { .record([.string($0.projectId), .string($0.datasetId), .string($0.tableId)]) }
            row.dmlStatistics = job.result.dml.map { .record([.int64($0.inserted), .int64($0.deleted), .int64($0.updated)]) } ?? .null
            rows.append(row)
        }
        for run in unfinished where user == nil || run.request.userEmail == user {
            // The statement type is known once the job has run, so a running job's is NULL.
            var row = JobsViewRow(project: run.project, jobId: run.jobId, request: run.request, created: run.created)
            if case .failure(let failure) = run.outcome {
                row.state = "DONE"
                row.errorResult = .record([.string(failure.reason), .null, .null, .string(failure.message)])
                row.endTime = .timestamp(micros(run.created))
            }
            rows.append(row)
        }
        // The rows reach SQLite as literals, so 2,000 queries of BigQuery's 1 MB each would make a
        // 2 GB statement: the oldest jobs past the budget are left out, as the registry's own
        // eviction leaves out those past its count.
        var listed: [[BigQueryValue]] = []
        var textBytes = 0
        for row in rows.sorted(by: { $0.created > $1.created }) {
            textBytes += row.query?.utf8.count ?? 0
            if textBytes > maximumJobsQueryTextBytes, !listed.isEmpty { break }
            listed.append(row.values)
        }
        return listed
    }

    /// The most query text the JOBS view lists at once.
    static let maximumJobsQueryTextBytes = 32 << 20

    /// One job as the view lists it; what the emulator does not measure stays NULL.
    private struct JobsViewRow {
        let created: Date
        let project: String
        let userEmail: String
        let jobId: String
        let jobType: String
        let priority: String
        let query: String?
        let labels: BigQueryValue
        var statementType = BigQueryValue.null
        var endTime = BigQueryValue.null
        var state = "RUNNING"
        var totalBytesProcessed = BigQueryValue.null
        var errorResult = BigQueryValue.null
        var referencedTables: [BigQueryValue] = []
        var totalBytesBilled = BigQueryValue.null
        var dmlStatistics = BigQueryValue.null
        var destinationTable = BigQueryValue.null

        init(
            project: String, jobId: String, jobType: String, userEmail: String, priority: String, query: String?, labels: BigQueryValue,
            created: Date
        ) {
            self.created = created
            self.project = project
            self.userEmail = userEmail
            self.jobId = jobId
            self.jobType = jobType
            self.priority = priority
            self.query = query
            self.labels = labels
        }

        init(project: String, jobId: String, request: QueryRequest, created: Date) {
            self.init(
                project: project, jobId: jobId, jobType: "QUERY", userEmail: request.userEmail,
                priority: request.configuration["priority"]?.stringValue ?? "INTERACTIVE", query: request.sql,
                labels: .array(request.labels.sorted { $0.key < $1.key }.map { .record([.string($0.key), .string($0.value)]) }),
                created: created)
        }

        /// The values in `jobsSchema`'s order.
        var values: [BigQueryValue] {
            let createdAt = BigQueryValue.timestamp(micros(created))
            return [
                createdAt, .string(project), .null, .string(userEmail), .string(jobId), .string(jobType), statementType, .string(priority),
                createdAt, endTime, query.map { .string($0) } ?? .null, .string(state), .null, totalBytesProcessed, .null, errorResult,
                .bool(false), destinationTable, .array(referencedTables), labels, totalBytesBilled, .null, dmlStatistics,
            ]
        }
    }

    private static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
}
