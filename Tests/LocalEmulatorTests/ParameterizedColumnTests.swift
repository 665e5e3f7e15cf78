import Testing
import WireJSON

/// Columns of parameterized types (STRING(L), BYTES(L), NUMERIC(P, S), BIGNUMERIC(P, S)) through the
/// REST API: the table keeps the parameters, and every way of writing a row (insertAll, INSERT,
/// UPDATE, MERGE) refuses what does not fit and rounds decimals to the column's scale.
@Suite("Parameterized column types")
struct ParameterizedColumnTests {
    static func createAccounts(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client, "ds")
        let created = try await client.post(
            Fixture.tables("ds"),
            [
                "tableReference": ["tableId": "accounts"],
                "schema": [
                    "fields": [
                        ["name": "code", "type": "STRING", "maxLength": "4"],
                        ["name": "balance", "type": "NUMERIC", "precision": "6", "scale": "2"],
                        ["name": "even", "type": "NUMERIC", "precision": "6", "scale": "2", "roundingMode": "ROUND_HALF_EVEN"],
                    ]
                ],
            ])
        precondition(created.status == 200, "\(created.json)")
    }

    static func stored(_ client: EmulatorClient) async throws -> [[String?]] {
        ScriptRouteTests.rows(try await client.query("SELECT code, balance, even FROM ds.accounts ORDER BY code"))
    }

    @Test func theTableKeepsItsParametersAsBigQueryWritesThem() async throws {
        try await withEmulator { client in
            try await Self.createAccounts(client)
            let fields = try await client.get(Fixture.table("ds", "accounts")).json["schema"]?["fields"]?.arrayValue ?? []
            #expect(fields[0]["maxLength"] == "4")
            #expect(fields[1]["precision"] == "6")
            #expect(fields[1]["scale"] == "2")
            #expect(fields[2]["roundingMode"] == "ROUND_HALF_EVEN")
            // A parameter the type cannot have is a 400 naming the field.
            let wrong = try await client.post(
                Fixture.tables("ds"),
                ["tableReference": ["tableId": "wrong"], "schema": ["fields": [["name": "n", "type": "INTEGER", "maxLength": "3"]]]])
            #expect(wrong.status == 400)
            #expect(wrong.json["error"]?["message"]?.stringValue?.contains("Field n has type INTEGER: maxLength") == true)
        }
    }

    @Test func insertAllRefusesWhatDoesNotFitAndRoundsToTheScale() async throws {
        try await withEmulator { client in
            try await Self.createAccounts(client)
            let reply = try await Fixture.insert(
                client,
                [
                    ["code": "abcd", "balance": "10.005", "even": "10.005"],
                    ["code": "abcde", "balance": "1"],
                    ["code": "b", "balance": "9999.995"],
                ], dataset: "ds", table: "accounts", options: ["skipInvalidRows": true])
            let errors = reply.json["insertErrors"]?.arrayValue ?? []
            #expect(errors.map { $0["index"] } == [1, 2])
            #expect(errors.first?["errors"]?[0]?["location"] == "code")
            #expect(errors.first?["errors"]?[0]?["message"] == "Field code: STRING(4) has maximum length 4 but got a value with length 5")
            #expect(try await Self.stored(client) == [["abcd", "10.01", "10"]])
        }
    }

    @Test func dmlWritesAreCheckedAndRoundedLikeStreamedRows() async throws {
        try await withEmulator { client in
            try await Self.createAccounts(client)
            let inserted = try await client.query("INSERT ds.accounts (code, balance, even) VALUES ('a', 1.125, 1.125), ('b', 2, 2.5)")
            #expect(inserted.status == 200, "\(inserted.json)")
            let tooLong = try await client.query("INSERT ds.accounts (code) VALUES ('toolong')")
            #expect(tooLong.status == 400)
            #expect(tooLong.json["error"]?["message"]?.stringValue?.contains("STRING(4) has maximum length 4 but got a value with length 7") == true)
            let outOfRange = try await client.query("UPDATE ds.accounts SET balance = balance * 10000 WHERE code = 'a'")
            #expect(outOfRange.status == 400)
            #expect(outOfRange.json["error"]?["message"]?.stringValue?.contains("NUMERIC(6, 2) has precision 6 and scale 2") == true)
            let updated = try await client.query("UPDATE ds.accounts SET even = even + NUMERIC '0.005' WHERE code = 'b'")
            #expect(updated.status == 200, "\(updated.json)")
            let merged = try await client.query(
                "MERGE ds.accounts t USING (SELECT 'c' AS code, NUMERIC '3.333' AS balance) s ON t.code = s.code WHEN NOT MATCHED THEN INSERT (code, balance) VALUES (s.code, s.balance)"
            )
            #expect(merged.status == 200, "\(merged.json)")
            // 1.125 → 1.13 half away from zero, → 1.12 half to even; 2.505 → 2.5 half to even.
            #expect(try await Self.stored(client) == [["a", "1.13", "1.12"], ["b", "2", "2.5"], ["c", "3.33", nil]])
        }
    }

    @Test func ddlDeclaresParametersThatTheTableThenEnforces() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let created = try await client.query("CREATE TABLE ds.items (sku STRING(3), tags ARRAY<STRING(2)>, price BIGNUMERIC(5, 1))")
            #expect(created.status == 200, "\(created.json)")
            let fields = try await client.get(Fixture.table("ds", "items")).json["schema"]?["fields"]?.arrayValue ?? []
            #expect(fields.map { $0["maxLength"] } == ["3", "2", nil])
            #expect(fields[2]["precision"] == "5")
            #expect(fields[2]["scale"] == "1")
            let added = try await client.query("ALTER TABLE ds.items ADD COLUMN note STRING(1)")
            #expect(added.status == 200, "\(added.json)")
            let refused = try await client.query("INSERT ds.items (sku, tags) VALUES ('abc', ['ok', 'bad'])")
            #expect(refused.status == 400)
            let invalid = try await client.query("CREATE TABLE ds.bad (n NUMERIC(30))")
            #expect(invalid.status == 400)
            #expect(invalid.json["error"]?["message"]?.stringValue?.hasPrefix("In NUMERIC(P), P must be between 1 and 29") == true)
            // A query sees the plain types.
            let read = try await client.query("SELECT CAST(sku AS STRING(3)) AS s, price FROM ds.items")
            #expect(read.json["schema"]?["fields"]?[0]?["maxLength"] == nil)
        }
    }

    @Test func aSchemaUpdateMayWidenAParameterButNotNarrowIt() async throws {
        try await withEmulator { client in
            try await Self.createAccounts(client)
            let path = Fixture.table("ds", "accounts")
            func patch(_ code: JSONValue) async throws -> JSONReply {
                try await client.call(
                    .patch, path,
                    [
                        "schema": [
                            "fields": [
                                code, ["name": "balance", "type": "NUMERIC", "precision": "6", "scale": "2"],
                                ["name": "even", "type": "NUMERIC", "precision": "6", "scale": "2", "roundingMode": "ROUND_HALF_EVEN"],
                            ]
                        ]
                    ])
            }
            let narrowed = try await patch(["name": "code", "type": "STRING", "maxLength": "2"])
            #expect(narrowed.status == 400)
            #expect(narrowed.json["error"]?["message"]?.stringValue?.contains("from STRING(4) to STRING(2)") == true)
            let widened = try await patch(["name": "code", "type": "STRING", "maxLength": "10"])
            #expect(widened.status == 200, "\(widened.json)")
            let accepted = try await Fixture.insert(client, [["code": "abcdefghij"]], dataset: "ds", table: "accounts")
            #expect(accepted.json["insertErrors"] == nil)
        }
    }
}
