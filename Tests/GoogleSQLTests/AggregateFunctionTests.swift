import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Aggregates over the events fixture (amounts 1.5, 2.5, 4.0, 10.0 and NULL; users 1, 1, 2, 3, NULL),
/// with expected values worked out from BigQuery's documented definitions.
@Suite struct AggregateFunctionTests {
    let db = try! Fixture.events()

    func one(_ sql: String) throws -> BigQueryValue { try db.column(sql).first ?? .null }

    func close(_ value: BigQueryValue, _ expected: Double) -> Bool {
        guard case .float64(let number) = value else { return false }
        return abs(number - expected) <= 1e-12 * max(1, abs(expected))
    }

    @Test func arrayAggWithModifiers() throws {
        #expect(
            try one("SELECT ARRAY_AGG(event_id ORDER BY event_id DESC) FROM events") == .array(["e5", "e4", "e3", "e2", "e1"].map { .string($0) }))
        #expect(try one("SELECT ARRAY_AGG(event_id ORDER BY occurred_at LIMIT 2) FROM events") == .array([.string("e1"), .string("e2")]))
        #expect(try one("SELECT ARRAY_AGG(DISTINCT user_id IGNORE NULLS ORDER BY user_id) FROM events") == .array([.int64(1), .int64(2), .int64(3)]))
        #expect(
            try one("SELECT ARRAY_AGG(user_id IGNORE NULLS ORDER BY amount DESC) FROM events")
                == .array([.int64(3), .int64(2), .int64(1), .int64(1)]))
        #expect(errorMessage { try db.column("SELECT ARRAY_AGG(user_id) FROM events") } != nil)
    }

    @Test func stringAggWithModifiers() throws {
        #expect(try one("SELECT STRING_AGG(event_type, ' & ' ORDER BY event_id) FROM events") == .string("click & view & click & purchase"))
        #expect(try one("SELECT STRING_AGG(DISTINCT event_type, ',' ORDER BY event_type) FROM events") == .string("click,purchase,view"))
        #expect(try one("SELECT STRING_AGG(event_type ORDER BY event_id LIMIT 2) FROM events") == .string("click,view"))
    }

    @Test func statisticalAggregates() throws {
        // amounts 1.5, 2.5, 4.0, 10.0: mean 4.5, squared deviations 9 + 4 + 0.25 + 30.25 = 43.5.
        #expect(close(try one("SELECT VAR_POP(amount) FROM events"), 43.5 / 4))
        #expect(close(try one("SELECT VAR_SAMP(amount) FROM events"), 14.5))
        #expect(close(try one("SELECT VARIANCE(amount) FROM events"), 14.5))
        #expect(close(try one("SELECT STDDEV_POP(amount) FROM events"), (43.5 / 4).squareRoot()))
        #expect(close(try one("SELECT STDDEV(amount) FROM events"), 14.5.squareRoot()))
        #expect(try one("SELECT STDDEV_SAMP(amount) FROM events WHERE event_id = 'e1'") == .null)
        #expect(close(try one("SELECT STDDEV_POP(amount) FROM events WHERE event_id = 'e1'"), 0))
        // (user, amount): (1, 1.5) (1, 2.5) (2, 4.0) (3, 10.0).
        #expect(close(try one("SELECT COVAR_POP(user_id, user_id) FROM events"), 0.6875))
        #expect(close(try one("SELECT COVAR_SAMP(user_id, user_id) FROM events"), 2.75 / 3))
        #expect(close(try one("SELECT CORR(user_id, user_id * 2) FROM events"), 1))
    }

    @Test func bitAndApproximateAggregates() throws {
        #expect(try one("SELECT BIT_OR(user_id) FROM events") == .int64(3))
        #expect(try one("SELECT BIT_AND(user_id) FROM events") == .int64(0))
        #expect(try one("SELECT BIT_XOR(user_id) FROM events") == .int64(1))
        #expect(try one("SELECT BIT_XOR(DISTINCT user_id) FROM events") == .int64(0))
        #expect(try one("SELECT APPROX_COUNT_DISTINCT(user_id) FROM events") == .int64(3))
        #expect(try one("SELECT APPROX_COUNT_DISTINCT(amount) FROM events") == .int64(4))
        #expect(try one("SELECT APPROX_QUANTILES(user_id, 2) FROM events") == .array([.int64(1), .int64(1), .int64(3)]))
        #expect(try one("SELECT APPROX_QUANTILES(DISTINCT user_id, 2) FROM events") == .array([.int64(1), .int64(2), .int64(3)]))
        #expect(try one("SELECT APPROX_QUANTILES(user_id, 2 RESPECT NULLS) FROM events") == .array([.null, .int64(1), .int64(3)]))
    }

    @Test func modifiersOnOtherFunctionsAreRefused() {
        #expect(errorMessage { try db.column("SELECT SUM(user_id ORDER BY user_id) FROM events") } != nil)
        #expect(errorMessage { try db.column("SELECT UPPER(event_id LIMIT 1) FROM events") } != nil)
    }
}

extension AggregateFunctionTests {
    static func topCount(_ pairs: [(BigQueryValue, Int64)]) -> BigQueryValue {
        .array(pairs.map { .record([$0.0, .int64($0.1)]) })
    }

    @Test func approxTopCountCountsNullsToo() throws {
        // event_type: click, view, click, purchase, NULL.
        #expect(try one("SELECT APPROX_TOP_COUNT(event_type, 2) FROM events") == Self.topCount([(.string("click"), 2), (.null, 1)]))
        #expect(try one("SELECT APPROX_TOP_COUNT(user_id, 1) FROM events") == Self.topCount([(.int64(1), 2)]))
        let query = try db.compile("SELECT APPROX_TOP_COUNT(event_type, 2) AS top FROM events")
        #expect(query.schema.fields.first?.fields.map(\.name) == ["value", "count"])
    }

    @Test func arrayConcatAggInOrder() throws {
        #expect(
            try one("SELECT ARRAY_CONCAT_AGG(tags ORDER BY event_id DESC) FROM events")
                == .array([.string("c"), .string("b"), .string("a"), .string("b")]))
        #expect(try one("SELECT ARRAY_CONCAT_AGG(tags ORDER BY event_id LIMIT 1) FROM events") == .array([.string("a"), .string("b")]))
    }
}

/// MAX_BY and MIN_BY (aggregate functions page, the fruits example).
extension AggregateFunctionTests {
    private static let fruits = """
        WITH fruits AS (SELECT 'apple' AS fruit, 3.55 AS price UNION ALL SELECT 'banana', 2.10 UNION ALL SELECT 'pear', 4.30
          UNION ALL SELECT 'fig', NULL)
        """

    @Test func maxByAndMinByGiveTheValueOfTheExtremeRow() throws {
        #expect(try db.column("\(Self.fruits) SELECT MAX_BY(fruit, price) FROM fruits") == [.string("pear")])
        #expect(try db.column("\(Self.fruits) SELECT MIN_BY(fruit, price) FROM fruits") == [.string("banana")])
        #expect(try db.column("\(Self.fruits) SELECT MAX_BY(price, fruit) FROM fruits") == [.float64(4.30)])
    }

    @Test func maxBySkipsNullKeysAndIsNullWithoutRows() throws {
        #expect(try db.column("\(Self.fruits) SELECT MAX_BY(fruit, price) FROM fruits WHERE price IS NULL") == [.null])
        #expect(try db.column("\(Self.fruits) SELECT MIN_BY(fruit, price) FROM fruits WHERE FALSE") == [.null])
        #expect(try db.column("SELECT MAX_BY(x, -x) FROM UNNEST([1, 2, 3]) AS x") == [.int64(1)])
    }
}
