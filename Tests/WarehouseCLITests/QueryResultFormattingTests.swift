import Testing
import WarehouseClient
import WireJSON

@testable import warehouse

/// 2026-11-22 10:00:00 UTC in microseconds since the epoch.
private let baseMicros: Int64 = 1_795_341_600_000_000

@Suite struct QueryResultFormattingTests {
    static let result = QueryResult(
        jobId: "j",
        schema: TableSchema(fields: [
            TableFieldSchema(name: "name", type: .string), TableFieldSchema(name: "n", type: .integer),
            TableFieldSchema(name: "at", type: .timestamp),
        ]),
        rows: [[.string("ada"), .int64(12), .timestamp(baseMicros)], [.null, .int64(3), .null]],
        totalRows: 2, totalBytesProcessed: nil, cacheHit: false)

    @Test func theTableIsBorderedAndPadded() {
        #expect(
            Self.result.textTable() == """
                +------+----+-------------------------+
                | name | n  | at                      |
                +------+----+-------------------------+
                | ada  | 12 | 2026-11-22 10:00:00 UTC |
                | NULL | 3  | NULL                    |
                +------+----+-------------------------+
                """)
    }

    @Test func jsonRowsAreObjectsWithTypedValues() {
        #expect(
            Self.result.jsonRows.encodedString()
                == #"[{"name":"ada","n":12,"at":"2026-11-22 10:00:00 UTC"},{"name":null,"n":3,"at":null}]"#)
    }
}
