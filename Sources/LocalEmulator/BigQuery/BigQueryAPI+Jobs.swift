import Foundation
import GRDB
import Hummingbird
import WarehouseClient
import WireJSON

extension BigQueryAPI {
    func addJobRoutes(to project: RouterGroup<EmulatorRequestContext>) {
        // jobs.query: runs the query and answers with its first page, or, when it has not finished within
        // `timeoutMs` (BigQuery's default: 10 s), with `jobComplete: false` while it goes on running.
        project.post("queries") { request, context in
            let projectId = try context.parameters.required("project")
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            let query = try QueryRequest(body, project: projectId, dryRun: body["dryRun"]?.boolValue ?? false,
                                         jobTimeoutMs: body["jobTimeoutMs"])
            let timeout = try BigQueryAPI.waitTimeout(body["timeoutMs"])
            let format: TimestampCellFormat = body["formatOptions"]?["useInt64Timestamp"]?.boolValue == true ? .int64Micros : .floatSeconds
            let maxResults = body["maxResults"]?.int64Value.map { Int($0) } ?? BigQueryAPI.defaultPageSize
            let jobId = JobRegistry.newJobId()
            let job: QueryJob
            if query.dryRun {
                job = try await run(query, project: projectId, jobId: jobId)
            } else {
                let started = start(query, project: projectId, jobId: jobId)
                switch await started.wait(upTo: timeout) {
                case nil:
                    return JSONResponse.make(["kind": "bigquery#queryResponse", "jobComplete": false,
                                              "jobReference": QueryJob.reference(project: projectId, jobId: jobId)])
                case .failure(let error): throw error
                case .success(let finished): job = finished
                }
            }
            guard !query.dryRun else {
                return JSONResponse.make(["kind": "bigquery#queryResponse", "schema": job.result.schema.json,
                                          "jobReference": job.reference, "jobComplete": true, "cacheHit": false,
                                          "totalBytesProcessed": .string(String(job.result.totalBytesProcessed))])
            }
            return JSONResponse.make(job.resultsPage(job.result.rows, kind: "bigquery#queryResponse", offset: 0,
                                                     maxResults: maxResults, timestampFormat: format))
        }
        // jobs.getQueryResults: page through a finished query; waits up to `timeoutMs` for a running one.
        project.get("queries/:job") { request, context in
            let (projectId, jobId) = (try context.parameters.required("project"), try context.parameters.required("job"))
            if let running = jobs.run(project: projectId, jobId: jobId) {
                switch await running.wait(upTo: try BigQueryAPI.waitTimeout(request.queryValue("timeoutMs").map(JSONValue.string))) {
                case nil:
                    return JSONResponse.make(["kind": "bigquery#getQueryResultsResponse", "jobComplete": false,
                                              "jobReference": QueryJob.reference(project: projectId, jobId: jobId)])
                case .failure(let error): throw error
                case .success: break
                }
            }
            let job = try jobs.job(project: projectId, jobId: jobId)
            let offset = try request.queryValue("pageToken").map { token -> Int in
                guard let offset = Int(token), offset >= 0 else { throw GoogleAPIError.badRequest("Invalid page token: \(token)") }
                return offset
            } ?? request.queryValue("startIndex").flatMap { Int($0) } ?? 0
            return JSONResponse.make(job.resultsPage(
                try await rows(of: job), kind: "bigquery#getQueryResultsResponse", offset: offset,
                maxResults: try BigQueryAPI.maxResults(request) ?? BigQueryAPI.defaultPageSize,
                timestampFormat: BigQueryAPI.timestampFormat(request)))
        }
        // jobs.insert: query jobs run to completion before the call returns.
        project.post("jobs") { request, context in
            let projectId = try context.parameters.required("project")
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            guard let configuration = body["configuration"]?.objectValue else {
                throw GoogleAPIError.badRequest("Required parameter is missing: configuration", reason: "required")
            }
            guard let queryConfiguration = configuration["query"]?.objectValue else {
                throw GoogleAPIError.badRequest("Only query jobs are supported by the local emulator")
            }
            let query = try QueryRequest(queryConfiguration, project: projectId, dryRun: configuration["dryRun"]?.boolValue ?? false,
                                         jobTimeoutMs: configuration["jobTimeoutMs"])
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
            var response = BigQueryAPI.page(list, key: "jobs", request: request)
            response["kind"] = "bigquery#jobList"
            return JSONResponse.make(.object(response))
        }
        project.get("jobs/:job") { _, context in
            let (projectId, jobId) = (try context.parameters.required("project"), try context.parameters.required("job"))
            if let running = jobs.run(project: projectId, jobId: jobId), let resource = running.resource() {
                return JSONResponse.make(resource)
            }
            let job = try jobs.job(project: projectId, jobId: jobId)
            return JSONResponse.make(job.resource())
        }
        project.post("jobs/:job/cancel") { _, context in
            let job = try jobs.job(project: try context.parameters.required("project"), jobId: try context.parameters.required("job"))
            return JSONResponse.make(["kind": "bigquery#jobCancelResponse", "job": job.resource()])
        }
    }

    /// The job's result rows: the retained ones, or, when the registry dropped them to stay within its
    /// memory budget, the rows of its query run again (over the tables as they are now).
    func rows(of job: QueryJob) async throws -> [[BigQueryValue]] {
        if let rows = jobs.rows(project: job.project, jobId: job.jobId) { return rows }
        let rows = try await run(job.request, project: job.project, jobId: job.jobId).result.rows
        jobs.retain(rows, project: job.project, jobId: job.jobId)
        return rows
    }

    /// Starts a query job in the background: it runs to its end (or its time limit) whoever waits for it.
    func start(_ query: QueryRequest, project: String, jobId: String) -> QueryRun {
        let queryRun = QueryRun(project: project, jobId: jobId, request: query, created: Date())
        do {
            try jobs.start(queryRun)
        } catch {
            queryRun.finish(.failure(error as? GoogleAPIError ?? .badRequest("\(error)")))
            return queryRun
        }
        Task {
            do {
                let job = try await run(query, project: project, jobId: jobId)
                try jobs.add(job)
                queryRun.finish(.success(job))
            } catch {
                queryRun.finish(.failure(error as? GoogleAPIError ?? GoogleAPIError(.internalServerError, reason: "backendError",
                                                                                    message: "\(error)")))
            }
            jobs.finished(queryRun)
        }
        return queryRun
    }

    /// `timeoutMs` of jobs.query and getQueryResults: how long the call waits for the job (default 10 s).
    static func waitTimeout(_ value: JSONValue?) throws -> Duration {
        guard let value else { return .seconds(10) }
        guard let milliseconds = value.int64Value, milliseconds >= 0 else {
            throw GoogleAPIError.badRequest("Invalid value for timeoutMs: \(value.encodedString())")
        }
        return .milliseconds(min(milliseconds, 600_000))
    }

    func run(_ query: QueryRequest, project: String, jobId: String) async throws -> QueryJob {
        let started = Date()
        let limit = QueryTimeLimit.effective(jobTimeoutMs: query.jobTimeoutMs, emulatorLimit: store.configuration.maxQueryDuration)
        do {
            let result = try await store.runQuery(query.sql, parameters: query.parameters, defaultProject: project,
                                                  defaultDataset: query.defaultDataset, dryRun: query.dryRun,
                                                  timeLimit: limit.duration)
            return QueryJob(project: project, jobId: jobId, request: query, result: result, created: started, finished: Date())
        } catch let error as GoogleSQLErrorConvertible {
            throw error.apiError
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw limit.error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // Failures while SQLite evaluates the query (a bad CAST, division by zero, INT64 overflow)
            // carry BigQuery's wording from the translator's runtime functions.
            var message = error.message ?? "Query failed"
            if message == "parser stack overflow" {
                // SQLite's parser holds fewer nested calls and CASEs than GoogleSQL's depth limit allows.
                message = "Unsupported: function calls or CASE expressions nested this deeply are not supported by the local emulator"
            }
            throw GoogleAPIError(.badRequest, reason: "invalidQuery", message: message, location: "query")
        }
    }
}

/// Lets job routes map translator errors without importing GoogleSQL everywhere.
protocol GoogleSQLErrorConvertible: Error {
    var apiError: GoogleAPIError { get }
}
