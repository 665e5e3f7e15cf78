import Foundation
import WireJSON

public struct QueryOptions: Sendable, Hashable {
    /// Rows per page fetched.
    public var pageSize: Int
    /// Stop after this many rows (the rest stay unread); nil reads every page.
    public var maxRows: Int?
    /// How long to wait for the job to complete: a deadline on the client's clock (its retry
    /// policy's), spent in server-side waits of at most 10 s each. It bounds the HTTP calls that start
    /// the job and wait for it, retries included: a BigQuery that cannot be reached fails the query
    /// (retryably) once it is spent, not after `requestTimeout` per attempt.
    public var timeout: Duration
    /// Dataset for unqualified table names.
    public var defaultDataset: String?
    public var location: String?
    /// Validate and estimate bytes without running.
    public var dryRun: Bool

    public init(
        pageSize: Int = 10_000, maxRows: Int? = nil, timeout: Duration = .seconds(300),
        defaultDataset: String? = nil, location: String? = nil, dryRun: Bool = false
    ) {
        self.pageSize = max(1, pageSize)
        self.maxRows = maxRows
        self.timeout = timeout
        self.defaultDataset = defaultDataset
        self.location = location
        self.dryRun = dryRun
    }
}

/// A finished query: its schema and rows as typed values (records in schema order).
public struct QueryResult: Sendable, Hashable {
    public var jobId: String?
    public var schema: TableSchema
    public var rows: [[BigQueryValue]]
    /// All rows the query produced, which may exceed `rows.count` when `maxRows` cut reading short.
    public var totalRows: Int64
    public var totalBytesProcessed: Int64?
    public var cacheHit: Bool

    public init(
        jobId: String?, schema: TableSchema, rows: [[BigQueryValue]], totalRows: Int64,
        totalBytesProcessed: Int64?, cacheHit: Bool
    ) {
        self.jobId = jobId
        self.schema = schema
        self.rows = rows
        self.totalRows = totalRows
        self.totalBytesProcessed = totalBytesProcessed
        self.cacheHit = cacheHit
    }

    /// The value of column `name` in row `row`, or nil if there is no such column.
    public func value(_ name: String, row: Int) -> BigQueryValue? {
        guard let column = schema.fields.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        return rows[row][column]
    }
}

extension BigQueryClient {
    /// Runs a GoogleSQL query with named parameters and reads its result, waiting for the job and
    /// following pages. User input belongs in `parameters`, never in `sql`.
    public func query(_ sql: String, parameters: [QueryParameter] = [], options: QueryOptions = .init()) async throws -> QueryResult {
        let deadline = Deadline(after: options.timeout, on: retryPolicy.clock)
        let serverWait = min(options.timeout, .seconds(10))
        var body: JSONObject = [
            "query": .string(sql), "useLegacySql": false,
            "maxResults": .int(Int64(min(options.pageSize, options.maxRows ?? .max))),
            "timeoutMs": .int(Self.milliseconds(serverWait)),
            "formatOptions": ["useInt64Timestamp": true],
            // Lets BigQuery recognise a retried request instead of running the query twice.
            "requestId": .string(UUID().uuidString.lowercased()),
        ]
        if !parameters.isEmpty {
            body["parameterMode"] = .string(try Self.parameterMode(parameters))
            body["queryParameters"] = .array(parameters.map(\.json))
        }
        if let dataset = options.defaultDataset {
            body["defaultDataset"] = ["projectId": .string(projectId), "datasetId": .string(dataset)]
        }
        if let location = options.location { body["location"] = .string(location) }
        if options.dryRun { body["dryRun"] = true }
        var page = try await call(.POST, "queries", body: .object(body), deadline: deadline)
        let jobId = page["jobReference"]?["jobId"]?.stringValue
        let location = page["jobReference"]?["location"]?.stringValue ?? options.location

        while page["jobComplete"]?.boolValue == false, !options.dryRun {
            guard let jobId else { throw BigQueryError.invalidResponse("incomplete query without a jobReference") }
            let remaining = deadline.remaining()
            guard remaining > .zero else { throw BigQueryError.timedOut(jobId: jobId) }
            page = try await queryResultsPage(
                jobId: jobId, location: location, pageToken: nil,
                maxResults: options.pageSize, wait: min(remaining, serverWait), deadline: deadline)
        }
        try checkJobErrors(page)
        let schema: TableSchema
        do {
            schema = try TableSchema(json: page["schema"] ?? ["fields": []])
        } catch {
            throw BigQueryError.invalidResponse("query schema: \(error.message)")
        }
        var result = QueryResult(
            jobId: jobId, schema: schema, rows: [],
            totalRows: page["totalRows"]?.int64Value ?? 0,
            totalBytesProcessed: page["totalBytesProcessed"]?.int64Value,
            cacheHit: page["cacheHit"]?.boolValue ?? false)
        let limit = options.maxRows ?? .max
        while true {
            for row in page["rows"]?.arrayValue ?? [] where result.rows.count < limit {
                result.rows.append(try CellDecoding.row(row, fields: schema.fields, timestamps: .int64Micros))
            }
            guard result.rows.count < limit, let token = page["pageToken"]?.stringValue, !token.isEmpty, let jobId else {
                return result
            }
            page = try await queryResultsPage(
                jobId: jobId, location: location, pageToken: token,
                maxResults: min(options.pageSize, limit - result.rows.count), wait: serverWait)
        }
    }

    private func queryResultsPage(
        jobId: String, location: String?, pageToken: String?, maxResults: Int,
        wait: Duration, deadline: Deadline? = nil
    ) async throws -> JSONValue {
        var query: [(String, String)] = [
            ("maxResults", String(maxResults)), ("timeoutMs", String(Self.milliseconds(wait))),
            ("formatOptions.useInt64Timestamp", "true"),
        ]
        if let location { query.append(("location", location)) }
        if let pageToken { query.append(("pageToken", pageToken)) }
        return try await call(.GET, "queries/\(Self.segment(jobId))", query: query, deadline: deadline)
    }

    /// A job failed only when it says so in `errorResult`. BigQuery documents `errors` as the errors
    /// *or warnings* met while running, which "do not necessarily mean that the job has completed or was
    /// unsuccessful"; a failed query is otherwise an HTTP error, which `call` has already thrown.
    private func checkJobErrors(_ page: JSONValue) throws {
        if let failure = page["errorResult"] ?? page["status"]?["errorResult"], failure.objectValue != nil {
            throw BigQueryError.jobFailed(
                reason: failure["reason"]?.stringValue, location: failure["location"]?.stringValue,
                message: failure["message"]?.stringValue ?? "query failed")
        }
        if let warnings = page["errors"]?.arrayValue, !warnings.isEmpty {
            logger.warning(
                "query completed with messages",
                metadata: [
                    "messages": .array(warnings.map { .string($0["message"]?.stringValue ?? $0.encodedString()) })
                ])
        }
    }

    /// BigQuery takes either names for every parameter (`@name`) or none (`?`), never a mix.
    static func parameterMode(_ parameters: [QueryParameter]) throws(BigQueryError) -> String {
        let named = parameters.filter { $0.name != nil }.count
        if named == parameters.count { return "NAMED" }
        if named == 0 { return "POSITIONAL" }
        throw BigQueryError.invalidRequest("query parameters must be all named or all positional, not a mix")
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}

/// A point in time on some clock, and how far away it still is.
struct Deadline: Sendable {
    let remaining: @Sendable () -> Duration

    init<C: Clock<Duration>>(after duration: Duration, on clock: C) {
        let end = clock.now.advanced(by: duration)
        remaining = { clock.now.duration(to: end) }
    }
}
