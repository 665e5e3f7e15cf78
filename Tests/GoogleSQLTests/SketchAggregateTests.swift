import Foundation
import Testing
import WarehouseSchema

@testable import GoogleSQL

/// HLL_COUNT sketches: the emulator's are exact fingerprint sets in its own bytes, so counts are the
/// exact distinct counts and a sketch survives storage and merging.
@Suite struct HLLCountTests {
    let db = try! Fixture.shapes()

    @Test func sketchesCountDistinctValuesAndMergeAcrossGroups() throws {
        let sketches = "SELECT k, HLL_COUNT.INIT(v) AS s FROM UNNEST([STRUCT('a' AS k, 1 AS v), ('a', 1), ('a', 2), ('b', 2), ('b', 3)]) GROUP BY k"
        #expect(
            try db.rows("SELECT k, HLL_COUNT.EXTRACT(s) FROM (\(sketches)) ORDER BY k") == [[.string("a"), .int64(2)], [.string("b"), .int64(2)]])
        #expect(try db.column("SELECT HLL_COUNT.MERGE(s) FROM (\(sketches))") == [.int64(3)])
        #expect(try db.column("SELECT HLL_COUNT.EXTRACT(HLL_COUNT.MERGE_PARTIAL(s)) FROM (\(sketches))") == [.int64(3)])
    }

    @Test func equalDecimalsCountOnceWhateverTheirSpelling() throws {
        #expect(
            try db.column("SELECT HLL_COUNT.EXTRACT(HLL_COUNT.INIT(n)) FROM UNNEST([NUMERIC '1.0', NUMERIC '1', NUMERIC '2']) AS n") == [.int64(2)])
    }

    @Test func aSketchRoundTripsItsBytesAndMergesAtTheLowerPrecision() throws {
        var sketch = HLLSketch(inputType: .string, precision: 15)
        for text in ["x", "y", "x"] { try sketch.add(text.databaseValue) }
        let decoded = try HLLSketch(decoding: sketch.encoded)
        #expect(decoded == sketch)
        #expect(decoded.fingerprints.count == 2)
        var other = HLLSketch(inputType: .string, precision: 12)
        try other.add("z".databaseValue)
        try sketch.merge(other)
        #expect(sketch.precision == 12 && sketch.fingerprints.count == 3)
    }

    @Test func nullsAndForeignOrMismatchedSketchesAreHandled() throws {
        #expect(try db.rows("SELECT HLL_COUNT.EXTRACT(NULL), HLL_COUNT.MERGE(CAST(NULL AS BYTES))") == [[.int64(0), .int64(0)]])
        #expect(try db.column("SELECT HLL_COUNT.INIT(x) FROM UNNEST(CAST([] AS ARRAY<INT64>)) AS x") == [.null])
        #expect(db.runFailure("HLL_COUNT.EXTRACT(b'not a sketch')")?.hasPrefix("Invalid HLL_COUNT sketch") == true)
        let mixed = "(SELECT HLL_COUNT.MERGE(s) FROM (SELECT HLL_COUNT.INIT(1) AS s UNION ALL SELECT HLL_COUNT.INIT('a')))"
        #expect(db.runFailure(mixed)?.hasPrefix("Cannot merge HLL_COUNT sketches of different input types: INT64 and STRING") == true)
        #expect(db.runFailure("(SELECT HLL_COUNT.INIT(1, 25))")?.hasPrefix("HLL_COUNT.INIT precision must be between 10 and 24") == true)
        #expect(db.failure("HLL_COUNT.INIT(1.5)")?.hasPrefix("No matching signature for aggregate function HLL_COUNT.INIT") == true)
    }
}

/// APPROX_TOP_SUM: exact sums per value in the weight's type, the greatest first.
@Suite struct TopSumTests {
    let db = try! Fixture.shapes()

    @Test func sumsRankValuesAndKeepTheWeightsType() throws {
        let rows = "UNNEST([STRUCT('a' AS x, NUMERIC '1.5' AS w), ('a', 2.25), ('b', 0.1), ('c', NULL)])"
        let sql = "SELECT APPROX_TOP_SUM(x, w, 3) AS top FROM \(rows)"
        #expect(try db.compile(sql).schema.fields[0].fields.map(\.type) == [.string, .numeric])
        let top = try db.column(sql)
        #expect(
            top == [
                .array([
                    .record([.string("a"), .numeric("3.75")]), .record([.string("b"), .numeric("0.1")]), .record([.string("c"), .null]),
                ])
            ])
    }

    @Test func badWeightsAndCountsAreRefused() throws {
        #expect(
            db.runFailure("(SELECT APPROX_TOP_SUM(x, CAST('nan' AS FLOAT64), 1) FROM UNNEST(['a']) AS x)")?.hasPrefix(
                "APPROX_TOP_SUM requires weights") == true)
        #expect(db.runFailure("(SELECT APPROX_TOP_SUM(x, 9223372036854775807, 1) FROM UNNEST(['a', 'a']) AS x)")?.hasPrefix("int64 overflow") == true)
        #expect(db.failure("(SELECT APPROX_TOP_SUM(x, 1, -1) FROM UNNEST(['a']) AS x)")?.contains("must not be negative") == true)
        #expect(db.failure("(SELECT APPROX_TOP_SUM(x, 'w', 1) FROM UNNEST(['a']) AS x)")?.hasPrefix("No matching signature") == true)
    }
}
