import WarehouseClient
import WarehouseSchema

/// The one SQL text `/getData` runs. Nothing a caller sends is ever part of it: every value is a
/// named query parameter, `LIMIT @limit` included, and an absent filter is a NULL parameter that
/// `(@x IS NULL OR column = @x)` lets through. The table and column names come from the operator's
/// configuration (checked to be plain identifiers at start), never from a request.
///
/// Rows come newest first, `ORDER BY occurred_at DESC, event_id DESC`, and a page continues strictly
/// after the last row of the previous one (keyset paging). `occurred_at >= @from AND occurred_at < @to`
/// names the partitions to read, as the table's `requirePartitionFilter` demands.
struct EventsSQL: Sendable {
    let text: String
    let columns: [String]

    init(projectId: String, dataset: String, table: String, columns: [String]) {
        self.columns = columns
        text = """
            SELECT \(columns.map { "`\($0)`" }.joined(separator: ", "))
            FROM `\(projectId).\(dataset).\(table)`
            WHERE occurred_at >= @from AND occurred_at < @to
              AND (@event_type IS NULL OR event_type = @event_type)
              AND (@user_id IS NULL OR user_id = @user_id)
              AND (@after_time IS NULL OR occurred_at < @after_time OR (occurred_at = @after_time AND event_id < @after_id))
            ORDER BY occurred_at DESC, event_id DESC
            LIMIT @limit
            """
    }

    /// One more row than the page holds is asked for: its presence says there is a next page.
    func parameters(for query: EventsQuery) -> [QueryParameter] {
        [
            .timestamp("from", micros: query.from),
            .timestamp("to", micros: query.to),
            .string("event_type", query.eventType),
            .string("user_id", query.userId),
            .timestamp("after_time", micros: query.after?.occurredAt),
            .string("after_id", query.after?.eventId),
            .int64("limit", Int64(query.limit + 1)),
        ]
    }
}
