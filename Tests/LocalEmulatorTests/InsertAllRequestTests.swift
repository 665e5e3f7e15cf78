import Testing
import WarehouseSchema
import WireJSON

@testable import LocalEmulator

@Suite("insertAll bodies read from the bytes as from the parsed body")
struct InsertAllRequestTests {
    static let schema = TableSchema(fields: [
        TableFieldSchema(name: "id", type: .string, mode: .required),
        TableFieldSchema(name: "n", type: .integer),
    ])

    static func read(_ text: String) -> InsertAllRequest? {
        var text = text
        return text.withUTF8 { bytes in InsertAllRequest.reading(bytes, schema: schema) }
    }

    static func reference(_ text: String) throws -> InsertAllRequest {
        try InsertAllRequest(body: try JSONValue(parsing: text).objectValue!, schema: schema)
    }

    static func same(_ lhs: InsertAllRequest, _ rhs: InsertAllRequest) -> Bool {
        lhs.skipInvalidRows == rhs.skipInvalidRows && lhs.rows.count == rhs.rows.count
            && zip(lhs.rows, rhs.rows).allSatisfy { $0.insertId == $1.insertId && $0.outcome == $1.outcome }
    }

    @Test(arguments: [
        #"{"rows":[{"insertId":"a","json":{"id":"1","n":2}},{"json":{"n":"x"}}]}"#,
        #"{"kind":"bigquery#tableDataInsertAllRequest","rows":[{"json":{"id":"1","extra":true},"insertId":"b"}],"skipInvalidRows":true,"ignoreUnknownValues":true}"#,
        #"{"ignoreUnknownValues":false,"rows":[{"insertId":"7","json":{"ID":"1"}}],"traceId":"t","templateSuffix":""}"#,
        #"{"rows":[{"json":{"id":"1"},"other":[1,{"x":null}]}]}"#,
        #"{"ignoreUnknownValues":true,"rows":[{"json":{"id":"1","zz":1}},{"json":{"zz":1}}]}"#,
    ])
    func plainBodiesAreReadInOnePassWithTheReferenceOutcome(body: String) throws {
        let read = try #require(Self.read(body))
        #expect(Self.same(read, try Self.reference(body)))
    }

    @Test(arguments: [
        #"{"rows":[{"json":{"id":"1"}}],"rows":[]}"#,
        #"{"rows":[{"json":{"id":"1"}},5]}"#,
        #"{"rows":[{"insertId":"a"}]}"#,
        #"{"rows":[{"json":{"id":"1"},"json":{"id":"2"}}]}"#,
        #"{"rows":[{"json":"text"}]}"#,
        #"{"rows":{}}"#,
        #"{"rows":[]}"#,
        #"{"skipInvalidRows":true}"#,
        #"{"rows":[{"json":{"id":"1"}}],"skipInvalidRows":true,"skipInvalidRows":false}"#,
        #"{"rows":[{"json":{"id":"1"}}]"#,
        #"{"rows":[{"json":{"id":"1",}}]}"#,
        #"[]"#,
        // Found by the insertall fuzzer: a wrong-typed insertId before a fault that stops the body parsing.
        // The fast reading answered with the type error, the reference with the parse error.
        #"{"rows":[{"insertId":{"rowss":"a"}}],"template_x"}"#,
    ])
    func unusualBodiesAreLeftToTheReferenceReading(body: String) throws {
        #expect(Self.read(body) == nil)
    }

    @Test func aWrongTypedInsertIdOrFlagIsLeftToTheReferenceWhichRefusesIt() throws {
        for body in [#"{"rows":[{"insertId":7,"json":{"id":"1"}}]}"#, #"{"rows":[{"json":{"id":"1"}}],"skipInvalidRows":"x"}"#] {
            #expect(Self.read(body) == nil)
            #expect(throws: GoogleAPIError.self) { try Self.reference(body) }
        }
    }

    @Test func aTemplateSuffixIsLeftToTheReferenceReading() throws {
        #expect(Self.read(#"{"rows":[{"json":{"id":"1"}}],"templateSuffix":"_x"}"#) == nil)
    }
}
