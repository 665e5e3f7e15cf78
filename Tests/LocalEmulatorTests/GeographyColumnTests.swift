import Testing
import WireJSON

@testable import LocalEmulator

/// GEOGRAPHY columns over REST: tables.insert takes the type, insertAll takes WKT or GeoJSON and
/// stores the canonical WKT, and queries read and return it.
@Suite("GEOGRAPHY columns")
struct GeographyColumnTests {
    @Test func tablesInsertAndInsertAllTakeWKTAndGeoJSON() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let created = try await client.post(
                Fixture.tables("ds"),
                [
                    "tableReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": "places"],
                    "schema": ["fields": [["name": "id", "type": "INTEGER"], ["name": "location", "type": "GEOGRAPHY"]]],
                ])
            #expect(created.status == 200, "\(created.json)")
            let reply = try await Fixture.insert(
                client,
                [
                    ["id": 1, "location": "point ( 1   2 )"],
                    ["id": 2, "location": #"{"type": "Point", "coordinates": [3.5, -4]}"#],
                    ["id": 3, "location": "POINT(1)"],
                    ["id": 4, "location": 12],
                ], dataset: "ds", table: "places", options: ["skipInvalidRows": true])
            let errors = reply.json["insertErrors"]?.arrayValue ?? []
            #expect(errors.map { $0["index"] } == [2, 3])
            #expect(errors.first?["errors"]?[0]?["message"] == "Invalid GEOGRAPHY value: POINT(1)")
            let read = try await client.query("SELECT id, location, ST_X(location) FROM ds.places ORDER BY id")
            #expect(read.json["schema"]?["fields"]?[1]?["type"] == "GEOGRAPHY")
            #expect(ScriptRouteTests.rows(read) == [["1", "POINT(1 2)", "1"], ["2", "POINT(3.5 -4)", "3.5"]])
        }
    }

    @Test func ddlAndDMLWriteGeographyAndItIsNeitherOrderedNorGrouped() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            #expect(try await client.query("CREATE TABLE ds.g (name STRING, shape GEOGRAPHY) CLUSTER BY name").status == 200)
            let inserted = try await client.query("INSERT ds.g VALUES ('a', ST_GEOGFROMTEXT('LINESTRING(0 0, 0 1)')), ('b', NULL)")
            #expect(inserted.status == 200, "\(inserted.json)")
            let length = try await client.query("SELECT name, ROUND(ST_LENGTH(shape)) FROM ds.g WHERE shape IS NOT NULL")
            #expect(ScriptRouteTests.rows(length) == [["a", "111195"]])
            for (sql, message) in [
                ("SELECT shape FROM ds.g ORDER BY shape", "ORDER BY does not support expressions of type GEOGRAPHY"),
                ("SELECT COUNT(*) FROM ds.g GROUP BY shape", "Grouping by expressions of type GEOGRAPHY is not allowed"),
                ("SELECT DISTINCT shape FROM ds.g", "Column shape of type GEOGRAPHY cannot be used in SELECT DISTINCT"),
                ("SELECT CAST(shape AS STRING) FROM ds.g", "Invalid cast from GEOGRAPHY to STRING"),
                ("SELECT ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1))')", "ST_GEOGFROMTEXT: "),
            ] {
                let reply = try await client.query(sql)
                #expect(reply.status == 400, "\(sql)")
                #expect(reply.errorMessage?.hasPrefix(message) == true, "\(sql): \(reply.errorMessage ?? "")")
            }
        }
    }
}
