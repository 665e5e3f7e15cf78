import Foundation
import GRDB
import Hummingbird
import WarehouseClient
import WireJSON

extension BigQueryAPI {
    func addJobRoutes(to project: RouterGroup<EmulatorRequestContext>) {
        // jobs.query: run and answer in one call.
        project.post("queries") { request, context in
            let projectId = try context.parameters.required("project")
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try QueryRequest.checkFieldTypes(queryRequest: body)
            let query = try QueryRequest(body, project: projectId, dryRun: body["dryRun"]?.boolValue ?? false)
            let job = try await run(query, project: projectId, jobId: JobRegistry.newJobId())
            let format: TimestampCellFormat = body["formatOptions"]?["useInt64Timestamp"]?.boolValue == true ? .int64Micros : .floatSeconds
            let maxResults = body["maxResults"]?.int64Value.map { Int($0) } ?? BigQueryAPI.defaultPageSize
            guard !query.dryRun else {
                return JSONResponse.make(["kind": "bigquery#queryResponse", "schema": job.result.schema.json,
                                          "jobReference": job.reference, "jobComplete": true, "cacheHit": false,
                                          "totalBytesProcessed": .string(String(job.result.totalBytesProcessed))])
            }
            try jobs.add(job)
            return JSONResponse.make(job.resultsPage(kind: "bigquery#queryResponse", offset: 0, maxResults: maxResults,
                                                     timestampFormat: format))
        }
        // jobs.getQueryResults: page through a finished query.
        project.get("queries/:job") { request, context in
            let job = try jobs.job(project: try context.parameters.required("project"), jobId: try context.parameters.required("job"))
            let offset = try request.queryValue("pageToken").map { token -> Int in
                guard let offset = Int(token), offset >= 0 else { throw GoogleAPIError.badRequest("Invalid page token: \(token)") }
                return offset
            } ?? BigQueryAPI.startIndex(request).map { Int($0) } ?? 0
            return JSONResponse.make(job.resultsPage(
                kind: "bigquery#getQueryResultsResponse", offset: offset,
                maxResults: try BigQueryAPI.maxResults(request) ?? BigQueryAPI.defaultPageSize,
                timestampFormat: BigQueryAPI.timestampFormat(request)))
        }
        // jobs.insert: query jobs run to completion before the call returns.
        project.post("jobs") { request, context in
            let projectId = try context.parameters.required("project")
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try QueryRequest.checkFieldTypes(job: body)
            guard let configuration = body["configuration"]?.objectValue else {
                throw GoogleAPIError.badRequest("Required parameter is missing: configuration", reason: "required")
            }
            guard let queryConfiguration = configuration["query"]?.objectValue else {
                throw GoogleAPIError.badRequest("Only query jobs are supported by the local emulator")
            }
            let query = try QueryRequest(queryConfiguration, project: projectId, dryRun: configuration["dryRun"]?.boolValue ?? false)
            let jobId = body["jobReference"]?["jobId"]?.stringValue ?? JobRegistry.newJobId()
            let job = try await run(query, project: projectId, jobId: jobId)
            if !query.dryRun { try jobs.add(job) }
            return JSONResponse.make(job.resource())
        }
        project.get("jobs") { request, context in
            let list = jobs.list(project: try context.parameters.required("project")).map { job -> JSONValue in
                var summary = job.resource().objectValue ?? JSONObject()
                summary["state"] = "DONE"
                return .object(summary)
            }
            var response = try BigQueryAPI.page(list, key: "jobs", request: request)
            response["kind"] = "bigquery#jobList"
            return JSONResponse.make(.object(response))
        }
        project.get("jobs/:job") { _, context in
            let job = try jobs.job(project: try context.parameters.required("project"), jobId: try context.parameters.required("job"))
            return JSONResponse.make(job.resource())
        }
        project.post("jobs/:job/cancel") { _, context in
            let job = try jobs.job(project: try context.parameters.required("project"), jobId: try context.parameters.required("job"))
            return JSONResponse.make(["kind": "bigquery#jobCancelResponse", "job": job.resource()])
        }
    }

    func run(_ query: QueryRequest, project: String, jobId: String) async throws -> QueryJob {
        let started = Date()
        do {
            let result = try await store.runQuery(query.sql, parameters: query.parameters, defaultProject: project,
                                                  defaultDataset: query.defaultDataset, dryRun: query.dryRun)
            return QueryJob(project: project, jobId: jobId, request: query, result: result, created: started, finished: Date())
        } catch let error as GoogleSQLErrorConvertible {
            throw error.apiError
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // Failures while SQLite evaluates the query (a bad CAST, division by zero, INT64 overflow)
            // carry BigQuery's wording from the translator's runtime functions.
            throw GoogleAPIError(.badRequest, reason: "invalidQuery", message: error.message ?? "Query failed", location: "query")
        }
    }
}

/// Lets job routes map translator errors without importing GoogleSQL everywhere.
protocol GoogleSQLErrorConvertible: Error {
    var apiError: GoogleAPIError { get }
}
