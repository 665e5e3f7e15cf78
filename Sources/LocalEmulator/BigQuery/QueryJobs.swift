import Foundation
import GoogleSQL
import Synchronization
import WarehouseSchema
import WireJSON

/// What a query asks for, from jobs.query or from a jobs.insert query configuration.
struct QueryRequest: Sendable {
    var sql: String
    var parameters: [QueryParameter]
    var defaultDataset: (project: String, dataset: String)?
    var dryRun: Bool
    /// The configuration as the client sent it, echoed back in job resources.
    var configuration: JSONObject

    init(_ object: JSONObject, project: String, dryRun: Bool) throws {
        guard let sql = object["query"]?.stringValue, !sql.isEmpty else {
            throw GoogleAPIError.badRequest("Required parameter is missing: query", reason: "required")
        }
        if object["useLegacySql"]?.boolValue == true {
            throw GoogleAPIError.badRequest(
                "Legacy SQL is not supported by the local emulator; send useLegacySql=false (bq: --nouse_legacy_sql).",
                reason: "invalidQuery", location: "query")
        }
        if object["destinationTable"] != nil {
            throw GoogleAPIError.badRequest("Query jobs with a destinationTable are not supported by the local emulator")
        }
        self.sql = sql
        do {
            parameters = try GoogleSQLCompiler.parameters(from: object["queryParameters"]?.arrayValue ?? [])
        } catch let error as GoogleSQLError {
            throw error.apiError
        }
        if let reference = object["defaultDataset"], let dataset = reference["datasetId"]?.stringValue {
            defaultDataset = (reference["projectId"]?.stringValue ?? project, dataset)
        }
        self.dryRun = dryRun
        var configuration = object
        configuration["useLegacySql"] = false
        self.configuration = configuration
    }
}

extension GoogleSQLError {
    var apiError: GoogleAPIError {
        switch kind {
        case .invalidQuery: GoogleAPIError(.badRequest, reason: "invalidQuery", message: message, location: "query")
        case .notFound: GoogleAPIError(.notFound, reason: "notFound", message: message)
        }
    }
}

/// A query job that has run. Results are kept in memory for `getQueryResults` paging.
struct QueryJob: Sendable {
    var project: String
    var jobId: String
    var request: QueryRequest
    var result: QueryResult
    var created: Date
    var finished: Date

    var reference: JSONValue { ["projectId": .string(project), "jobId": .string(jobId), "location": "US"] }

    func resource() -> JSONValue {
        let millis = { (date: Date) in JSONValue.string(String(Int64(date.timeIntervalSince1970 * 1000))) }
        let bytes = JSONValue.string(String(result.totalBytesProcessed))
        var query: JSONObject = [
            "totalBytesProcessed": bytes,
            "totalBytesBilled": .string(String(request.dryRun ? 0 : QueryJob.billedBytes(result.totalBytesProcessed))),
            "cacheHit": false, "statementType": .string(result.statementType), "billingTier": 1,
            "schema": result.schema.json,
        ]
        query["referencedTables"] = .array(result.referencedTables.map {
            ["projectId": .string($0.projectId), "datasetId": .string($0.datasetId), "tableId": .string($0.tableId)]
        })
        var configuration: JSONObject = ["query": .object(request.configuration), "jobType": "QUERY"]
        if request.dryRun { configuration["dryRun"] = true }
        return [
            "kind": "bigquery#job",
            "etag": .string(jobId),
            "id": .string("\(project):US.\(jobId)"),
            "jobReference": reference,
            "configuration": .object(configuration),
            "status": ["state": "DONE"],
            "statistics": ["creationTime": millis(created), "startTime": millis(created), "endTime": millis(finished),
                           "totalBytesProcessed": bytes, "query": .object(query)],
            "user_email": "emulator@localhost",
        ]
    }

    /// BigQuery bills at least 10 MB per query, in whole megabytes.
    static func billedBytes(_ processed: Int64) -> Int64 {
        let megabyte: Int64 = 1 << 20
        return max(10 * megabyte, (processed + megabyte - 1) / megabyte * megabyte)
    }

    /// A page of results in the REST f/v shape, shared by jobs.query and jobs.getQueryResults.
    func resultsPage(kind: String, offset: Int, maxResults: Int, timestampFormat: TimestampCellFormat) -> JSONValue {
        var response: JSONObject = [
            "kind": .string(kind), "schema": result.schema.json, "jobReference": reference,
            "totalRows": .string(String(result.rows.count)),
            "totalBytesProcessed": .string(String(result.totalBytesProcessed)),
            "jobComplete": true, "cacheHit": false,
        ]
        let end = min(result.rows.count, offset + maxResults)
        if offset < end {
            response["rows"] = .array(result.rows[offset..<end].map { row in
                ["f": .array(row.map { ["v": $0.cell(timestampFormat)] })]
            })
        }
        if end < result.rows.count { response["pageToken"] = .string(String(end)) }
        return .object(response)
    }
}

/// Finished query jobs by project and id, oldest evicted first past `capacity`.
final class JobRegistry: Sendable {
    private let jobs = Mutex<(byKey: [String: QueryJob], order: [String])>(([:], []))
    let capacity: Int

    init(capacity: Int = 2000) { self.capacity = capacity }

    static func newJobId() -> String {
        "job_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24)
    }

    func add(_ job: QueryJob) throws {
        let key = "\(job.project)/\(job.jobId)"
        try jobs.withLock { state in
            if state.byKey[key] != nil {
                throw GoogleAPIError.conflict("Already Exists: Job \(job.project):US.\(job.jobId)")
            }
            state.byKey[key] = job
            state.order.append(key)
            if state.order.count > capacity {
                let evicted = state.order.removeFirst()
                state.byKey[evicted] = nil
            }
        }
    }

    func job(project: String, jobId: String) throws -> QueryJob {
        guard let job = jobs.withLock({ $0.byKey["\(project)/\(jobId)"] }) else {
            throw GoogleAPIError.notFound("Not found: Job \(project):US.\(jobId)")
        }
        return job
    }

    func list(project: String) -> [QueryJob] {
        jobs.withLock { state in state.order.reversed().compactMap { state.byKey[$0] }.filter { $0.project == project } }
    }
}

extension GoogleSQLError: GoogleSQLErrorConvertible {}
