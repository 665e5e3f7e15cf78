import Foundation
import GRDB
import GoogleSQL
import Hummingbird
import WarehouseSchema
import WireJSON

extension BigQueryAPI {
    func addJobRoutes(to project: RouterGroup<EmulatorRequestContext>) {
        // jobs.query: runs the query and answers with its first page, or, when it has not finished within
        // `timeoutMs` (BigQuery's default: 10 s), with `jobComplete: false` while it goes on running.
        project.post("queries") { request, context in
            let projectId = try BigQueryAPI.project(context)
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try QueryRequest.checkFieldTypes(queryRequest: body)
            var query = try QueryRequest(
                body, project: projectId, dryRun: body["dryRun"]?.boolValue ?? false,
                jobTimeoutMs: body["jobTimeoutMs"])
            query.labels = try QueryRequest.labels(body["labels"])
            for member in QueryRequest.requestOnlyMembers { query.configuration[member] = .none }
            query.userEmail = context.caller?.email ?? query.userEmail
            let timeout = try BigQueryAPI.waitTimeout(body["timeoutMs"])
            let format: TimestampCellFormat = body["formatOptions"]?["useInt64Timestamp"]?.boolValue == true ? .int64Micros : .floatSeconds
            let maxResults = try BigQueryAPI.maxResults(body["maxResults"])
            let jobId = JobRegistry.newJobId()
            let job: QueryJob
            if query.dryRun {
                job = try await run(query, project: projectId, jobId: jobId, caller: context.caller)
            } else {
                let started = start(query, project: projectId, jobId: jobId, caller: context.caller)
                switch await started.wait(upTo: timeout) {
                case nil:
                    return JSONResponse.make([
                        "kind": "bigquery#queryResponse", "jobComplete": false,
                        "jobReference": QueryJob.reference(project: projectId, jobId: jobId),
                    ])
                case .failure(let error): throw error
                case .success(let finished): job = finished
                }
            }
            guard !query.dryRun else {
                return JSONResponse.make([
                    "kind": "bigquery#queryResponse", "schema": job.result.schema.json,
                    "jobReference": job.reference, "jobComplete": true, "cacheHit": false,
                    "totalBytesProcessed": .string(String(job.result.totalBytesProcessed)),
                ])
            }
            return JSONResponse.make(
                job.resultsPage(
                    job.result.rows, kind: "bigquery#queryResponse", offset: 0,
                    maxResults: maxResults, timestampFormat: format))
        }
        // jobs.getQueryResults: page through a finished query; waits up to `timeoutMs` for a running one.
        project.get("queries/:job") { request, context in
            let (projectId, jobId) = (try BigQueryAPI.project(context), try context.parameters.required("job"))
            if let running = jobs.run(project: projectId, jobId: jobId) {
                switch await running.wait(upTo: try BigQueryAPI.waitTimeout(request.queryValue("timeoutMs").map(JSONValue.string))) {
                case nil:
                    return JSONResponse.make([
                        "kind": "bigquery#getQueryResultsResponse", "jobComplete": false,
                        "jobReference": QueryJob.reference(project: projectId, jobId: jobId),
                    ])
                case .failure(let error): throw error
                case .success: break
                }
            }
            let job = try jobs.job(project: projectId, jobId: jobId)
            let rows = try await rows(of: job)
            let offset = try BigQueryAPI.position(request, "pageToken") ?? BigQueryAPI.position(request, "startIndex") ?? 0
            return JSONResponse.make(
                job.resultsPage(
                    rows, kind: "bigquery#getQueryResultsResponse", offset: min(offset, rows.count),
                    maxResults: try BigQueryAPI.maxResults(request) ?? BigQueryAPI.defaultPageSize,
                    timestampFormat: BigQueryAPI.timestampFormat(request)))
        }
        // jobs.insert: query and copy jobs run to completion before the call returns.
        project.post("jobs") { request, context in
            let projectId = try BigQueryAPI.project(context)
            let body = try await request.jsonObjectBody(limit: maxRequestBytes)
            try QueryRequest.checkFieldTypes(job: body)
            guard let configuration = body["configuration"]?.objectValue else {
                throw GoogleAPIError.badRequest("Required parameter is missing: configuration", reason: "required")
            }
            if let copyConfiguration = configuration["copy"]?.objectValue {
                let copyRequest = try CopyRequest(copyConfiguration, project: projectId)
                let jobId = try unusedJobId(body, project: projectId)
                let userEmail = context.caller?.email ?? GoogleSQLCompiler.defaultSessionUser
                let job = try await copy(copyRequest, project: projectId, jobId: jobId, caller: context.caller, userEmail: userEmail)
                try jobs.add(job)
                return JSONResponse.make(job.resource)
            }
            if let loadConfiguration = configuration["load"]?.objectValue {
                _ = try LoadRequest(loadConfiguration, project: projectId)
                throw GoogleAPIError.badRequest(
                    "A load job carries its data: upload it with the job to /upload/bigquery/v2/projects/\(projectId)/jobs (uploadType=multipart or resumable), as load_table_from_file and bq load do"
                )
            }
            guard let queryConfiguration = configuration["query"]?.objectValue else {
                throw GoogleAPIError.badRequest("Only query, copy and load jobs are supported by the local emulator")
            }
            var query = try QueryRequest(
                queryConfiguration, project: projectId, dryRun: configuration["dryRun"]?.boolValue ?? false,
                jobTimeoutMs: configuration["jobTimeoutMs"])
            query.labels = try QueryRequest.labels(configuration["labels"])
            query.userEmail = context.caller?.email ?? query.userEmail
            let jobId = try JobConfiguration.jobId(body)
            let job: QueryJob
            do {
                job = try await run(query, project: projectId, jobId: jobId, caller: context.caller)
            } catch let error as GoogleAPIError where error.status.code == 409 && !query.dryRun {
                // A statement refused as a duplicate (CREATE TABLE of an existing table): the job exists and
                // failed, as BigQuery answers. A 409 from jobs.insert itself would tell clients the job id
                // is taken, and they would fetch that job instead.
                let failed = QueryRun(project: projectId, jobId: jobId, request: query, created: Date())
                try jobs.start(failed)
                failed.finish(.failure(error))
                return JSONResponse.make(failed.resource() ?? .null)
            }
            if !query.dryRun { try jobs.add(job) }
            return JSONResponse.make(job.resource())
        }
        project.get("jobs") { request, context in
            let list = jobs.resources(project: try BigQueryAPI.project(context)).map { resource -> JSONValue in
                var summary = resource.objectValue ?? JSONObject()
                summary["state"] = "DONE"
                return .object(summary)
            }
            var response = try BigQueryAPI.page(list, key: "jobs", request: request)
            response["kind"] = "bigquery#jobList"
            return JSONResponse.make(.object(response))
        }
        project.get("jobs/:job") { _, context in
            let (projectId, jobId) = (try BigQueryAPI.project(context), try context.parameters.required("job"))
            if let running = jobs.run(project: projectId, jobId: jobId), let resource = running.resource() {
                return JSONResponse.make(resource)
            }
            if let tableJob = jobs.tableJob(project: projectId, jobId: jobId) { return JSONResponse.make(tableJob.resource) }
            let job = try jobs.job(project: projectId, jobId: jobId)
            return JSONResponse.make(job.resource())
        }
        project.post("jobs/:job/cancel") { _, context in
            let (projectId, jobId) = (try BigQueryAPI.project(context), try context.parameters.required("job"))
            if let tableJob = jobs.tableJob(project: projectId, jobId: jobId) {
                return JSONResponse.make(["kind": "bigquery#jobCancelResponse", "job": tableJob.resource])
            }
            let job = try jobs.job(project: projectId, jobId: jobId)
            return JSONResponse.make(["kind": "bigquery#jobCancelResponse", "job": job.resource()])
        }
    }

    /// The job id the request names, or a new one; a 409 when a job of that id exists.
    func unusedJobId(_ body: JSONObject, project: String) throws -> String {
        let jobId = try JobConfiguration.jobId(body)
        guard jobs.tableJob(project: project, jobId: jobId) == nil, jobs.run(project: project, jobId: jobId) == nil,
            (try? jobs.job(project: project, jobId: jobId)) == nil
        else { throw GoogleAPIError.conflict("Already Exists: Job \(project):US.\(jobId)") }
        return jobId
    }

    /// The job's result rows: the retained ones, or, when the registry dropped them to stay within its
    /// memory budget, the rows of its query run again (over the tables as they are now). The job's
    /// caller was checked when it first ran.
    func rows(of job: QueryJob) async throws -> [[BigQueryValue]] {
        if let rows = jobs.rows(project: job.project, jobId: job.jobId) { return rows }
        // A script or DML job must not run twice: its rows are gone for good (DML and DDL have none).
        if job.result.statementType != "SELECT" {
            guard job.result.schema.fields.isEmpty else {
                throw GoogleAPIError.badRequest(
                    "Unsupported: the results of script job \(job.jobId) are no longer kept by the local emulator (over its memory budget)")
            }
            return []
        }
        let rows = try await run(job.request, project: job.project, jobId: job.jobId).result.rows
        jobs.retain(rows, project: job.project, jobId: job.jobId)
        return rows
    }

    /// Starts a query job as background work: it runs to its end (or its time limit) whoever waits for
    /// it, unless the emulator shuts down first, which stops it.
    func start(_ query: QueryRequest, project: String, jobId: String, caller: AuthStore.Account?) -> QueryRun {
        let queryRun = QueryRun(project: project, jobId: jobId, request: query, created: Date())
        do {
            try jobs.start(queryRun)
        } catch {
            queryRun.finish(.failure(error as? GoogleAPIError ?? .badRequest("\(error)")))
            return queryRun
        }
        background.submit(
            {
                do {
                    let job = try await run(query, project: project, jobId: jobId, caller: caller)
                    try jobs.add(job)
                    queryRun.finish(.success(job))
                } catch {
                    queryRun.finish(
                        .failure(
                            error as? GoogleAPIError
                                ?? GoogleAPIError(
                                    .internalServerError, reason: "backendError",
                                    message: "\(error)")))
                }
                jobs.finished(queryRun)
            },
            refuse: {
                queryRun.finish(.failure(BigQueryAPI.stoppedByShutdown))
                jobs.finished(queryRun)
            })
        return queryRun
    }

    /// How a query job ends when the emulator shuts down while it runs (or before it started).
    static let stoppedByShutdown = GoogleAPIError(
        HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"), reason: "stopped",
        message: "Job execution was cancelled: the local emulator is shutting down")

    /// `timeoutMs` of jobs.query and getQueryResults: how long the call waits for the job (default 10 s).
    static func waitTimeout(_ value: JSONValue?) throws -> Duration {
        guard let value else { return .seconds(10) }
        guard let milliseconds = value.int64Value, milliseconds >= 0 else {
            throw GoogleAPIError.badRequest("Invalid value for timeoutMs: \(value.encodedString())")
        }
        return .milliseconds(min(milliseconds, 600_000))
    }

    /// Runs a query for `caller` (nil without `requireAuth`), who may read only its own project's
    /// tables: a query naming another project's is a 403 and returns nothing.
    func run(_ query: QueryRequest, project: String, jobId: String, caller: AuthStore.Account? = nil) async throws -> QueryJob {
        let started = Date()
        if let defaultDataset = query.defaultDataset {
            try ProjectAccess.require(caller, mayUse: defaultDataset.project, permission: "bigquery.datasets.get")
        }
        let limit = QueryTimeLimit.effective(jobTimeoutMs: query.jobTimeoutMs, emulatorLimit: store.configuration.maxQueryDuration)
        let mayRead: @Sendable (String) throws -> Void = { project in
            // Refused inside the translator's table lookup, as the translator's own error kind.
            do {
                try ProjectAccess.require(caller, mayUse: project, permission: "bigquery.tables.getData")
            } catch let denied as GoogleAPIError {
                throw GoogleSQLError(.accessDenied, denied.message)
            }
        }
        // SESSION_USER(): the caller's email, travelling as a parameter no query can name.
        let sessionUser = QueryParameter(
            name: GoogleSQLCompiler.sessionUserParameter, type: .scalar(.string),
            value: .string(caller?.email ?? query.userEmail))
        var parameters = query.parameters + [sessionUser]
        // The job's default time zone goes ahead of the system variables' UTC (`SystemVariables`).
        if let zone = query.timeZone {
            parameters.append(QueryParameter(name: GoogleSQLCompiler.timeZoneParameter, type: .scalar(.string), value: .string(zone)))
        }
        do {
            let result: QueryResult
            do {
                result = try await store.runQuery(
                    query.sql, parameters: parameters, defaultProject: project,
                    defaultDataset: query.defaultDataset, dryRun: query.dryRun,
                    timeLimit: limit.duration, mayRead: mayRead)
            } catch is GoogleSQLError where ScriptParser.isScript(query.sql) {
                // DDL, DML and scripts: asked only once the query compiler refused the text, so a
                // query's path does no more work than before.
                result = try await store.runScript(
                    query.sql, parameters: parameters, defaultProject: project,
                    defaultDataset: query.defaultDataset, dryRun: query.dryRun, timeLimit: limit.duration,
                    unfilteredTables: query.unfilteredTables, requiredEmptyTable: query.requiredEmptyTable, mayRead: mayRead)
            }
            for table in result.referencedTables {
                try ProjectAccess.require(caller, mayUse: table.projectId, permission: "bigquery.tables.getData")
            }
            return QueryJob(project: project, jobId: jobId, request: query, result: result, created: started, finished: Date())
        } catch  where Task.isCancelled {
            // Only the emulator's shutdown cancels a query run (see `BackgroundWork`).
            throw BigQueryAPI.stoppedByShutdown
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

extension BigQueryAPI {
    /// jobs.query's `maxResults` body field: absent is the default page, negative or not an integer
    /// is a 400, and big asks are capped like the query-string form.
    static func maxResults(_ value: JSONValue?) throws -> Int {
        guard let value, !value.isNull else { return defaultPageSize }
        guard let asked = value.int64Value, asked >= 0 else {
            throw GoogleAPIError.badRequest("Invalid value for maxResults: \(value.encodedString())", location: "maxResults")
        }
        return Int(min(asked, Int64(defaultPageSize)))
    }
}

/// Lets job routes map translator errors without importing GoogleSQL everywhere.
protocol GoogleSQLErrorConvertible: Error {
    var apiError: GoogleAPIError { get }
}
