import Testing
import WireJSON

/// GoogleSQL's literal coercion where a value is written: a FLOAT64 literal given to a NUMERIC or
/// BIGNUMERIC column in VALUES or SET is read as that type from its digits as written.
@Suite("Literal coercion in DML")
struct LiteralCoercionTests {
    @Test func aFloatLiteralWrittenToADecimalColumnKeepsItsDigits() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let created = try await client.query("CREATE TABLE ds.prices (sku STRING, price NUMERIC, exact BIGNUMERIC)")
            #expect(created.status == 200, "\(created.json)")
            let inserted = try await client.query("INSERT ds.prices (sku, price, exact) VALUES ('a', 9.99, -2.5e3), ('b', +.5, 0.1)")
            #expect(inserted.status == 200, "\(inserted.json)")
            // Not the nearest FLOAT64 (1e28): the literal's own 38 digits.
            let updated = try await client.query("UPDATE ds.prices SET price = 9999999999999999999999999999.999999999 WHERE sku = 'b'")
            #expect(updated.status == 200, "\(updated.json)")
            let merged = try await client.query(
                "MERGE ds.prices t USING (SELECT 'c' AS sku) s ON t.sku = s.sku WHEN NOT MATCHED THEN INSERT (sku, price, exact) VALUES (s.sku, 0.3, 1e-3)"
            )
            #expect(merged.status == 200, "\(merged.json)")
            let rows = ScriptRouteTests.rows(try await client.query("SELECT sku, price, exact FROM ds.prices ORDER BY sku"))
            #expect(rows == [["a", "9.99", "-2500"], ["b", "9999999999999999999999999999.999999999", "0.1"], ["c", "0.3", "0.001"]])
            // An expression of FLOAT64 is still not a NUMERIC value.
            let expression = try await client.query("INSERT ds.prices (price) VALUES (1e-2 - 3)")
            #expect(expression.status == 400)
            #expect(expression.json["error"]?["message"]?.stringValue?.contains("has type FLOAT64 which cannot be inserted") == true)
        }
    }
}
