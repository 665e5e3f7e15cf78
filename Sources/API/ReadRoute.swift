import Foundation
import Hummingbird
import Logging
import WarehouseClient
import WarehouseSchema
import WireJSON

/// One page of `/getData`, as cached: its two possible answers, encoded once. They differ only in
/// `stats.cacheHit`, true for every reader that shares the page, so a cache hit costs a copy of
/// bytes, not an encoding of every row again.
struct EventsPage: Sendable {
    /// The answer to the read that ran the query.
    var fresh: ByteBuffer
    /// The answer to reads that share it (from the cache, or joined while it ran).
    var shared: ByteBuffer
    /// What the page weighs in the cache.
    var bytes: Int

    init(rows: [JSONValue], nextPageToken: String?, totalBytesProcessed: Int64?, bigQueryCacheHit: Bool) {
        func body(cacheHit: Bool) -> ByteBuffer {
            let stats: JSONValue = [
                "totalBytesProcessed": totalBytesProcessed.map { .string(String($0)) } ?? .null, "cacheHit": .bool(cacheHit),
            ]
            let page: JSONValue = ["rows": .array(rows), "nextPageToken": nextPageToken.map { .string($0) } ?? .null, "stats": stats]
            return ByteBuffer(bytes: page.encodedBytes())
        }
        fresh = body(cacheHit: bigQueryCacheHit)
        shared = bigQueryCacheHit ? fresh : body(cacheHit: true)
        bytes = fresh.readableBytes + (bigQueryCacheHit ? 0 : shared.readableBytes) + 64
    }
}

/// `GET /getData`: a page of events, newest first, read with the fixed template of `EventsSQL`.
struct ReadRoute: Sendable {
    let bigQuery: BigQueryClient
    let sql: EventsSQL
    let limits: ReadLimits
    let cache: ReadCache<EventsPage>
    let retryAfter: Duration
    let metrics: APIMetrics
    /// Microseconds since the epoch, now.
    let now: @Sendable () -> Int64

    func handle(_ request: Request, context: APIRequestContext) async throws -> Response {
        let query = try EventsQuery.parse(request.uri.queryParameters, limits: limits, now: now())
        let (page, shared) = try await cache.value(for: query.cacheKey) { [self] in try await self.run(query, logger: context.requestLogger) }
        (shared ? metrics.cacheHits : metrics.cacheMisses).increment()
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: shared ? page.shared : page.fresh))
    }

    private func run(_ query: EventsQuery, logger: Logger) async throws -> EventsPage {
        let result: QueryResult
        do {
            result = try await bigQuery.query(
                sql.text, parameters: sql.parameters(for: query),
                options: QueryOptions(pageSize: query.limit + 1, maxRows: query.limit + 1, timeout: limits.queryTimeout))
        } catch let error as BigQueryError {
            if error.isRetryable || error.isTransport || error.isNotFound || error.httpStatus == nil {
                logger.warning("BigQuery unavailable", metadata: ["error": "\(error)"])
                throw APIProblem.unavailable(
                    error.isNotFound ? "the events table is not there yet; retry later" : "BigQuery is unavailable; retry later",
                    retryAfter: retryAfter)
            }
            throw error
        }
        var rows = result.rows
        var nextPageToken: String?
        if rows.count > query.limit {
            rows.removeLast(rows.count - query.limit)
            nextPageToken = try lastKey(of: rows, in: result).map { key in
                PageToken(
                    from: query.from, to: query.to, eventType: query.eventType, userId: query.userId,
                    occurredAt: key.occurredAt, eventId: key.eventId
                ).encoded
            }
        }
        return EventsPage(
            rows: rows.map { EventRows.row($0, columns: sql.columns) }, nextPageToken: nextPageToken,
            totalBytesProcessed: result.totalBytesProcessed, bigQueryCacheHit: result.cacheHit)
    }

    private func lastKey(of rows: [[BigQueryValue]], in result: QueryResult) throws -> (occurredAt: Int64, eventId: String)? {
        guard let last = rows.last,
            let timeColumn = result.schema.fields.firstIndex(where: { $0.name == "occurred_at" }),
            let idColumn = result.schema.fields.firstIndex(where: { $0.name == "event_id" }),
            case .timestamp(let occurredAt) = last[timeColumn], case .string(let eventId) = last[idColumn]
        else {
            throw APIProblem(status: .internalServerError, message: "a row without occurred_at or event_id cannot continue a page")
        }
        return (occurredAt, eventId)
    }
}
