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
    /// The job's own time limit (`jobTimeoutMs`), if it set one.
    var jobTimeoutMs: Int64?
    /// The configuration as the client sent it, echoed back in job resources.
    var configuration: JSONObject
    /// The job's labels (jobs.query's `labels`, jobs.insert's `configuration.labels`).
    var labels: [String: String] = [:]
    /// Who ran it: the caller's email, or the emulator's default user without `requireAuth`.
    var userEmail = GoogleSQLCompiler.defaultSessionUser
    /// The `time_zone` connection property: the job's `@@time_zone` (UTC when none is given).
    var timeZone: String?
    /// Tables the job reads without their partition filter requirement: set by a copy job for its
    /// sources (BigQuery copies every partition), never from a request.
    var unfilteredTables: Set<BigQueryStore.TableKey> = []
    /// A table that must have no rows when the job writes, checked in the job's own write transaction:
    /// set by a WRITE_EMPTY copy job, never from a request.
    var requiredEmptyTable: BigQueryStore.TableKey?

    init(_ object: JSONObject, project: String, dryRun: Bool, jobTimeoutMs: JSONValue? = nil) throws {
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
        do {
            try GoogleSQLCompiler.checkQueryLength(sql)
        } catch {
            // BigQuery answers this one `invalid`, not `invalidQuery`: the text is refused before it is read.
            throw GoogleAPIError.badRequest(error.message, reason: "invalid")
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
        if let jobTimeoutMs {
            guard let milliseconds = jobTimeoutMs.int64Value, milliseconds > 0 else {
                throw GoogleAPIError.badRequest("Invalid value for jobTimeoutMs: \(jobTimeoutMs.encodedString())")
            }
            self.jobTimeoutMs = milliseconds
        }
        timeZone = try Self.timeZone(in: object["connectionProperties"])
        var configuration = object
        configuration["useLegacySql"] = false
        self.configuration = configuration
    }

    /// The `time_zone` of `connectionProperties` (`[{"key": "time_zone", "value": "Asia/Tokyo"}]`),
    /// checked; the other properties change what the emulator does not model and are left alone.
    static func timeZone(in properties: JSONValue?) throws -> String? {
        guard let properties, !properties.isNull else { return nil }
        guard let list = properties.arrayValue, list.allSatisfy({ $0.objectValue != nil }) else {
            throw GoogleAPIError.badRequest(
                "Invalid value for connectionProperties: expected an array of {key, value}", location: "connectionProperties")
        }
        var zone: String?
        for property in list where property["key"]?.stringValue == "time_zone" {
            guard let name = property["value"]?.stringValue, !name.isEmpty else {
                throw GoogleAPIError.badRequest("Invalid value for connection property time_zone", location: "connectionProperties")
            }
            do {
                try GoogleSQLCompiler.checkTimeZone(name)
            } catch {
                throw GoogleAPIError.badRequest(error.message, location: "connectionProperties")
            }
            zone = name
        }
        return zone
    }

    /// The members of a jobs.query request that are about the request or the job, not the query's
    /// configuration: a job made by jobs.query keeps the others as its `configuration.query`.
    static let requestOnlyMembers = [
        "kind", "maxResults", "timeoutMs", "jobTimeoutMs", "maxSlots", "dryRun", "location", "formatOptions", "labels",
        "requestId", "jobCreationMode", "reservation", "writeIncrementalResults",
    ]

    /// The job resource's `configuration`: the query's, with the job's labels, dry run and time limit beside it.
    var jobConfiguration: JSONValue {
        var job: JSONObject = ["query": .object(configuration), "jobType": "QUERY"]
        if !labels.isEmpty { job["labels"] = .object(JSONObject(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
        if dryRun { job["dryRun"] = true }
        if let jobTimeoutMs { job["jobTimeoutMs"] = .string(String(jobTimeoutMs)) }
        return .object(job)
    }

    /// Labels as a job carries them: string keys to string values, held to Google's label rules.
    static func labels(_ value: JSONValue?) throws -> [String: String] {
        guard let value, !value.isNull else { return [:] }
        if let problem = ResourceLabels.problem(in: value, allowingRemovals: false) {
            throw GoogleAPIError.badRequest(problem, location: "labels")
        }
        var labels: [String: String] = [:]
        for (key, label) in value.objectValue ?? [:] { labels[key] = label.stringValue }
        return labels
    }
}

extension GoogleSQLError {
    var apiError: GoogleAPIError {
        switch kind {
        case .invalidQuery: GoogleAPIError(.badRequest, reason: "invalidQuery", message: message, location: "query")
        case .notFound: GoogleAPIError(.notFound, reason: "notFound", message: message)
        case .accessDenied: GoogleAPIError(.forbidden, reason: "accessDenied", message: message)
        }
    }
}

/// A query job that has run. Its rows are kept in memory for `getQueryResults` paging, within a budget.
struct QueryJob: Sendable {
    var project: String
    var jobId: String
    var request: QueryRequest
    var result: QueryResult
    var created: Date
    var finished: Date

    var reference: JSONValue { QueryJob.reference(project: project, jobId: jobId) }

    static func reference(project: String, jobId: String) -> JSONValue {
        ["projectId": .string(project), "jobId": .string(jobId), "location": .string(BigQueryStore.jobLocation)]
    }

    func resource() -> JSONValue {
        let millis = { (date: Date) in JSONValue.string(String(Int64(date.timeIntervalSince1970 * 1000))) }
        let bytes = JSONValue.string(String(result.totalBytesProcessed))
        var query: JSONObject = [
            "totalBytesProcessed": bytes,
            "totalBytesBilled": .string(String(request.dryRun ? 0 : QueryJob.billedBytes(result.totalBytesProcessed))),
            "cacheHit": false, "statementType": .string(result.statementType), "billingTier": 1,
            "schema": result.schema.json,
        ]
        if let dml = result.dml {
            query["numDmlAffectedRows"] = .string(String(dml.affected))
            query["dmlStats"] = dml.json
        }
        query["referencedTables"] = .array(
            result.referencedTables.map {
                ["projectId": .string($0.projectId), "datasetId": .string($0.datasetId), "tableId": .string($0.tableId)]
            })
        return [
            "kind": "bigquery#job",
            "etag": .string(jobId),
            "id": .string("\(project):US.\(jobId)"),
            "jobReference": reference,
            "configuration": request.jobConfiguration,
            "status": ["state": "DONE"],
            "statistics": [
                "creationTime": millis(created), "startTime": millis(created), "endTime": millis(finished),
                "totalBytesProcessed": bytes, "query": .object(query),
            ],
            "user_email": .string(request.userEmail),
        ]
    }

    /// BigQuery bills at least 10 MB per query, in whole megabytes.
    static func billedBytes(_ processed: Int64) -> Int64 {
        let megabyte: Int64 = 1 << 20
        return max(10 * megabyte, (processed + megabyte - 1) / megabyte * megabyte)
    }

    /// A page of results in the REST f/v shape, shared by jobs.query and jobs.getQueryResults. `rows` are
    /// the job's result rows (the registry may have dropped them from `result`; see `JobRegistry`).
    func resultsPage(
        _ rows: [[BigQueryValue]], kind: String, offset: Int, maxResults: Int,
        timestampFormat: TimestampCellFormat
    ) -> JSONValue {
        var response: JSONObject = [
            "kind": .string(kind), "schema": result.schema.json, "jobReference": reference,
            "totalRows": .string(String(rows.count)),
            "totalBytesProcessed": .string(String(result.totalBytesProcessed)),
            "jobComplete": true, "cacheHit": false,
        ]
        if let dml = result.dml {
            response["numDmlAffectedRows"] = .string(String(dml.affected))
            response["dmlStats"] = dml.json
        }
        let end = min(rows.count, offset + maxResults)
        if offset < end {
            response["rows"] = .array(
                rows[offset..<end].map { row in
                    ["f": .array(row.map { ["v": $0.cell(timestampFormat)] })]
                })
        }
        if end < rows.count { response["pageToken"] = .string(String(end)) }
        return .object(response)
    }
}

extension GoogleSQLError: GoogleSQLErrorConvertible {}
