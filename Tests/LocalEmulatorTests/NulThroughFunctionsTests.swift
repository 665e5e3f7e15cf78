import Foundation
import Testing
import WireJSON

/// A NUL inside a STRING or JSON value survives every function the query translator registers on
/// SQLite (they read their arguments and return their results with explicit lengths). The values come
/// from a table column, so SQLite calls the function per row rather than the translator folding it.
@Suite("NUL through SQL functions")
struct NulThroughFunctionsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let family: String
        let sql: String
        let expected: JSONValue
        var testDescription: String { family }
    }

    static let nul = "\u{0}"

    static let cases: [Case] = [
        Case(family: "case mapping", sql: "SELECT UPPER(s) FROM analytics.texts", expected: .string("AB\(nul)CD")),
        Case(family: "case mapping (lower)", sql: "SELECT LOWER(UPPER(s)) FROM analytics.texts", expected: .string("ab\(nul)cd")),
        Case(family: "prefix and suffix", sql: "SELECT ENDS_WITH(s, 'cd') FROM analytics.texts", expected: "true"),
        Case(family: "LIKE", sql: "SELECT s LIKE '%cd' FROM analytics.texts", expected: "true"),
        Case(family: "JSON_VALUE", sql: "SELECT JSON_VALUE(j, '$.k') FROM analytics.texts", expected: .string("ab\(nul)cd")),
        Case(family: "JSON_QUERY", sql: "SELECT JSON_QUERY(j, '$.k') FROM analytics.texts", expected: "\"ab\\u0000cd\""),
        Case(family: "REGEXP_CONTAINS", sql: "SELECT REGEXP_CONTAINS(s, r'cd$') FROM analytics.texts", expected: "true"),
        Case(family: "REGEXP_EXTRACT", sql: "SELECT REGEXP_EXTRACT(s, r'b.*') FROM analytics.texts", expected: .string("b\(nul)cd")),
        Case(family: "REGEXP_REPLACE", sql: "SELECT REGEXP_REPLACE(s, r'a', 'x') FROM analytics.texts", expected: .string("xb\(nul)cd")),
        Case(family: "REGEXP_EXTRACT_ALL", sql: "SELECT ARRAY_LENGTH(REGEXP_EXTRACT_ALL(s, r'.')) FROM analytics.texts", expected: "5"),
        Case(family: "LENGTH", sql: "SELECT LENGTH(s) FROM analytics.texts", expected: "5"),
        Case(family: "SUBSTR", sql: "SELECT SUBSTR(s, 2) FROM analytics.texts", expected: .string("b\(nul)cd")),
        Case(family: "TRIM", sql: "SELECT TRIM(CONCAT(' ', s, ' ')) FROM analytics.texts", expected: .string("ab\(nul)cd")),
        Case(family: "STRING_AGG", sql: "SELECT STRING_AGG(s, '-' ORDER BY s) FROM analytics.texts", expected: .string("ab\(nul)cd")),
        Case(family: "ARRAY_AGG", sql: "SELECT ARRAY_AGG(s)[OFFSET(0)] FROM analytics.texts", expected: .string("ab\(nul)cd")),
        Case(family: "REVERSE", sql: "SELECT REVERSE(s) FROM analytics.texts", expected: .string("dc\(nul)ba")),
        Case(
            family: "FORMAT_DATE", sql: "SELECT FORMAT_DATE(CONCAT(s, '%Y'), DATE '2024-03-01') FROM analytics.texts",
            expected: .string("ab\(nul)cd2024")),
        Case(
            family: "CAST to BYTES", sql: "SELECT CAST(s AS BYTES) FROM analytics.texts",
            expected: .string(Data("ab\(nul)cd".utf8).base64EncodedString())),
    ]

    @Test(arguments: cases)
    func textWithNulRoundTrips(_ testCase: Case) async throws {
        try await withEmulator { client in
            try await NulInTextTests.createTextsTable(client)
            let row: JSONValue = ["s": .string(NulInTextTests.text), "j": ["k": .string(NulInTextTests.text)]]
            let inserted = try await Fixture.insert(client, [row], table: "texts")
            #expect(inserted.status == 200 && inserted.json["insertErrors"] == nil, "\(inserted.json)")
            let reply = try await NulInTextTests.query(client, testCase.sql)
            #expect(reply.status == 200, "\(reply.json)")
            #expect(reply.json["rows"]?[0]?["f"]?[0]?["v"] == testCase.expected, "\(reply.json)")
        }
    }
}
