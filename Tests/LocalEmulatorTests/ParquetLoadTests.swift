import Foundation
import Testing
import WireJSON

@testable import LocalEmulator

/// Load jobs of Parquet files, as `load_table_from_dataframe` and `bq load --source_format=PARQUET`
/// send them: files written by pyarrow (`ParquetFixtures`), read into rows by the emulator's reader.
@Suite("Parquet loads")
struct ParquetLoadTests {
    static func job(_ table: String, listInference: Bool = true, _ options: JSONObject = [:]) -> JSONObject {
        var options = options
        options["sourceFormat"] = "PARQUET"
        if listInference { options["parquetOptions"] = ["enableListInference": true] }
        return LoadJobTests.job(table, options)
    }

    static func load(_ client: EmulatorClient, _ job: JSONObject, _ file: [UInt8]) async throws -> JSONReply {
        let reply = try await LoadJobTests.multipart(client, job, bytes: file)
        #expect(reply.status == 200, "\(reply.json)")
        return reply
    }

    static func schema(_ client: EmulatorClient, _ table: String) async throws -> [String] {
        let resource = try await client.get(Fixture.table("ds", table)).json
        return (resource["schema"]?["fields"]?.arrayValue ?? []).map { field in
            let name = field["name"]?.stringValue ?? "?"
            let type = field["type"]?.stringValue ?? "?"
            let mode = field["mode"]?.stringValue ?? "NULLABLE"
            return "\(name) \(type) \(mode)"
        }
    }

    static let allTypesQuery = """
        SELECT id, name, CAST(ok AS STRING), CAST(x AS STRING), CAST(day AS STRING), CAST(ts AS STRING), CAST(dt AS STRING),
               CAST(t AS STRING), CAST(num AS STRING), CAST(big AS STRING), TO_BASE64(b), ARRAY_TO_STRING(tags, ','),
               CAST(rec.a AS STRING), rec.b, ARRAY_LENGTH(recs),
               (SELECT STRING_AGG(IFNULL(CAST(k AS STRING), 'null'), ',') FROM UNNEST(recs))
        FROM ds.t ORDER BY id
        """

    /// The rows pyarrow was given (scripts/parquet_fixtures.py), as the query above prints them.
    static let allTypesRows: [[String?]] = [
        [
            nil, "ü", nil, "nan", "1969-12-31", "1960-01-01 00:00:00+00", nil, nil, nil, "10000000000000000000000000000000000000", "", "", nil,
            "t", "1", "null",
        ],
        [
            "1", "a", "true", "1.5", "2024-01-02", "2024-01-02 03:04:05.678901+00", "2024-01-02 03:04:05", "01:02:03.000004", "-1.5", "-1.5",
            "AP8=", "x,y", "1", "s", "2", "1,2",
        ],
        ["2", nil, "false", nil, nil, nil, nil, nil, "123456789.123456789", nil, nil, "", nil, nil, "0", nil],
    ]

    /// The same rows in each page layout pyarrow writes (named, so that a failure does not print the bytes).
    static let layouts: [String: [UInt8]] = [
        "snappy, dictionary, v1 pages": ParquetFixtures.allTypesSnappy,
        "uncompressed v2 pages": ParquetFixtures.allTypesUncompressedV2,
        "PLAIN values": ParquetFixtures.allTypesPlain,
        "ZSTD pages": ParquetFixtures.allTypesZstd,
        "GZIP pages": ParquetFixtures.allTypesGzip,
    ]

    @Test(arguments: ["snappy, dictionary, v1 pages", "uncompressed v2 pages", "PLAIN values", "ZSTD pages", "GZIP pages"])
    func aParquetFileLoadsEveryTypeAsWritten(_ layout: String) async throws {
        let file = try #require(Self.layouts[layout])
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let reply = try await Self.load(client, Self.job("t"), file)
            #expect(reply.json["status"]?["errorResult"] == nil, "\(layout): \(reply.json)")
            #expect(reply.json["statistics"]?["load"]?["outputRows"] == "3")
            #expect(reply.json["configuration"]?["load"]?["sourceFormat"] == "PARQUET")
            #expect(
                try await Self.schema(client, "t") == [
                    "id INTEGER NULLABLE", "name STRING NULLABLE", "ok BOOLEAN NULLABLE", "x FLOAT NULLABLE", "day DATE NULLABLE",
                    "ts TIMESTAMP NULLABLE", "dt DATETIME NULLABLE", "t TIME NULLABLE", "num NUMERIC NULLABLE", "big BIGNUMERIC NULLABLE",
                    "b BYTES NULLABLE", "tags STRING REPEATED", "rec RECORD NULLABLE", "recs RECORD REPEATED",
                ], "\(layout)")
            #expect(try await LoadJobTests.values(client, Self.allTypesQuery) == Self.allTypesRows, "\(layout)")
        }
    }

    @Test func withoutListInferenceAListIsTheRecordParquetStoresItAs() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await Self.load(client, Self.job("t", listInference: false), ParquetFixtures.allTypesSnappy)
            let fields = try await client.get(Fixture.table("ds", "t")).json["schema"]?["fields"]?.arrayValue ?? []
            let tags = try #require(fields.first { $0["name"] == "tags" })
            #expect(tags["type"] == "RECORD" && tags["mode"] == "NULLABLE", "\(tags)")
            #expect(tags["fields"]?[0]?["name"] == "list" && tags["fields"]?[0]?["mode"] == "REPEATED", "\(tags)")
            #expect(tags["fields"]?[0]?["fields"]?[0]?["name"] == "element", "\(tags)")
            let listed = try await LoadJobTests.values(
                client, "SELECT (SELECT STRING_AGG(element, ',') FROM UNNEST(tags.list)) FROM ds.t WHERE id = 1")
            #expect(listed == [["x,y"]])
        }
    }

    @Test func otherTimeUnitsAndLegacyTypesLoadAsTheirValues() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await Self.load(client, Self.job("units"), ParquetFixtures.otherUnits)
            #expect(
                try await Self.schema(client, "units") == [
                    "ms TIMESTAMP NULLABLE", "ns TIMESTAMP NULLABLE", "tms TIME NULLABLE", "u32 INTEGER NULLABLE", "i8 INTEGER NULLABLE",
                    "f32 FLOAT NULLABLE", "small NUMERIC NULLABLE", "req INTEGER REQUIRED",
                ])
            #expect(
                try await LoadJobTests.values(
                    client,
                    "SELECT CAST(ms AS STRING), CAST(ns AS STRING), CAST(tms AS STRING), u32, i8, CAST(f32 AS STRING), CAST(small AS STRING), req FROM ds.units"
                ) == [
                    [
                        "2024-01-02 03:04:05.678+00", "1969-12-31 23:59:59.999999+00", "23:59:59.999", "4000000000", "-5", "0.25", "-12.34",
                        "7",
                    ]
                ])
            _ = try await Self.load(client, Self.job("legacy"), ParquetFixtures.legacyTimestamps)
            #expect(try await Self.schema(client, "legacy") == ["at TIMESTAMP NULLABLE"])
            #expect(try await LoadJobTests.values(client, "SELECT CAST(`at` AS STRING) FROM ds.legacy") == [["2001-02-03 04:05:06.000007+00"]])
        }
    }

    @Test func aParquetFileAppendsToATableByColumnName() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let table: JSONValue = [
                "tableReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": "rows"],
                "schema": ["fields": [["name": "extra", "type": "DATE"], ["name": "S", "type": "STRING"], ["name": "n", "type": "INTEGER"]]],
            ]
            #expect(try await client.post("/bigquery/v2/projects/\(Fixture.project)/datasets/ds/tables", table).status == 200)
            let reply = try await Self.load(client, Self.job("rows"), ParquetFixtures.manyRowGroups)
            #expect(reply.json["status"]?["errorResult"] == nil, "\(reply.json)")
            #expect(
                try await LoadJobTests.values(client, "SELECT COUNT(*), SUM(n), COUNT(DISTINCT S), COUNTIF(extra IS NULL) FROM ds.rows") == [
                    ["300", "44850", "7", "300"]
                ])
            #expect(try await Self.schema(client, "rows") == ["extra DATE NULLABLE", "S STRING NULLABLE", "n INTEGER NULLABLE"])
            // A column whose values the table's type cannot hold makes every row bad: the job fails and adds nothing.
            let other: JSONValue = [
                "tableReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": "dates"],
                "schema": ["fields": [["name": "n", "type": "DATE"], ["name": "s", "type": "STRING"]]],
            ]
            #expect(try await client.post("/bigquery/v2/projects/\(Fixture.project)/datasets/ds/tables", other).status == 200)
            let failed = try await Self.load(client, Self.job("dates"), ParquetFixtures.manyRowGroups)
            let error = failed.json["status"]?["errorResult"]?["message"]?.stringValue ?? ""
            #expect(error.contains("Parquet table encountered too many errors"), "\(failed.json)")
            #expect(failed.json["status"]?["errors"]?[1]?["message"]?.stringValue?.contains("row 0") == true, "\(failed.json)")
            #expect(try await LoadJobTests.values(client, "SELECT COUNT(*) FROM ds.dates") == [["0"]])
            // A column the table does not have is an error of each row, unless ignoreUnknownValues drops it.
            let narrow: JSONValue = [
                "tableReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": "narrow"],
                "schema": ["fields": [["name": "n", "type": "INTEGER"]]],
            ]
            #expect(try await client.post("/bigquery/v2/projects/\(Fixture.project)/datasets/ds/tables", narrow).status == 200)
            let unknown = try await Self.load(client, Self.job("narrow"), ParquetFixtures.manyRowGroups)
            #expect(unknown.json["status"]?["errors"]?[1]?["message"]?.stringValue?.contains("no such field: s") == true, "\(unknown.json)")
            let ignored = try await Self.load(client, Self.job("narrow", ["ignoreUnknownValues": true]), ParquetFixtures.manyRowGroups)
            #expect(ignored.json["status"]?["errorResult"] == nil, "\(ignored.json)")
            #expect(try await LoadJobTests.values(client, "SELECT COUNT(*), SUM(n) FROM ds.narrow") == [["300", "44850"]])
        }
    }

    /// A file in the DELTA and BYTE_STREAM_SPLIT encodings loads the same table as its PLAIN twin.
    @Test func deltaEncodedFilesLoadAsTheirPlainTwin() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            for (table, file) in [("delta", ParquetFixtures.deltaEncoded), ("plain", ParquetFixtures.deltaPlain)] {
                let reply = try await Self.load(client, Self.job(table), file)
                #expect(reply.json["status"]?["errorResult"] == nil, "\(table): \(reply.json)")
                #expect(reply.json["statistics"]?["load"]?["outputRows"] == "600")
            }
            let rows = "SELECT TO_JSON_STRING(t) AS row FROM ds.%@ AS t ORDER BY row"
            let delta = try await LoadJobTests.values(client, rows.replacingOccurrences(of: "%@", with: "delta"))
            #expect(delta.count == 600)
            #expect(delta == (try await LoadJobTests.values(client, rows.replacingOccurrences(of: "%@", with: "plain"))))
        }
    }

    @Test func unreadableParquetFilesFailTheJobWithTheReason() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let file = ParquetFixtures.allTypesSnappy
            let cases: [(String, [UInt8], String)] = [
                ("brotli", ParquetFixtures.allTypesBrotli, "BROTLI"),
                ("not parquet", Array("id,name\n1,a\n".utf8), "not Parquet"),
                ("truncated", Array(file.prefix(file.count / 2)) + Array(file.suffix(4)), "Parquet file"),
                ("footer length past the file", Array(file.dropLast(8)) + [0xFF, 0xFF, 0xFF, 0x7F] + Array("PAR1".utf8), "footer length"),
            ]
            for (name, bytes, expected) in cases {
                let reply = try await Self.load(client, Self.job("bad_\(name.replacingOccurrences(of: " ", with: "_"))"), bytes)
                let message = reply.json["status"]?["errorResult"]?["message"]?.stringValue ?? ""
                #expect(message.contains(expected), "\(name): \(reply.json)")
            }
            #expect(try await client.get(Fixture.table("ds", "bad_brotli")).status == 404)
            // Every byte of a real file changed in turn: each load is a finished job (rows or a reason), never a 500.
            for position in stride(from: 4, to: file.count - 8, by: 3) {
                var corrupted = file
                corrupted[position] ^= 0x5A
                let reply = try await LoadJobTests.multipart(client, Self.job("corrupt"), bytes: corrupted)
                #expect(reply.status == 200, "byte \(position): \(reply.json)")
                #expect(reply.json["status"]?["state"] == "DONE", "byte \(position): \(reply.json)")
            }
        }
    }
}
