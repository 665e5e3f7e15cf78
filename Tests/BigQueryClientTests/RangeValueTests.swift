import Testing
import WarehouseClient
import WireJSON

/// RANGE values through the project's own client: written as `rangeValue` parameters and read back
/// from `[start, end)` cells, each element type, bounded and UNBOUNDED, against the real emulator.
@Suite struct RangeValueTests {
    @Test func rangeParametersGoOutAndRangeCellsComeBackAsTheyWereSent() async throws {
        try await withBigQuery { harness in
            let day = try #require(RangeValue(element: .date, start: 19723, end: nil))
            let moment = try #require(RangeValue(element: .timestamp, start: -1_500_000, end: 1_714_557_600_123_456))
            let civil = try #require(RangeValue(element: .datetime, start: nil, end: 19723 * 86_400_000_000 + 3_600_000_000))
            let parameters = [
                QueryParameter(name: "d", type: .scalar(.rangeDate), value: .range(day)),
                QueryParameter(name: "t", type: .scalar(.rangeTimestamp), value: .range(moment)),
                QueryParameter(name: "c", type: .scalar(.rangeDatetime), value: .range(civil)),
                QueryParameter(name: "n", type: .scalar(.rangeDate), value: .null),
            ]
            let result = try await harness.client.query(
                "SELECT @d AS d, @t AS t, @c AS c, @n AS n, RANGE_START(@d) AS start_day", parameters: parameters)
            #expect(result.rows == [[.range(day), .range(moment), .range(civil), .null, .date(19723)]])
        }
    }
}
