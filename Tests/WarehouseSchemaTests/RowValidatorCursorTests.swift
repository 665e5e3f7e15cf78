import Testing
import WarehouseSchema
import WireJSON

@Suite("Row validation read from the bytes agrees with validation of the parsed row")
struct RowValidatorCursorTests {
    static let schema = TableSchema(fields: [
        TableFieldSchema(name: "id", type: .string, mode: .required),
        TableFieldSchema(name: "count", type: .integer),
        TableFieldSchema(name: "price", type: .numeric),
        TableFieldSchema(name: "at", type: .timestamp),
        TableFieldSchema(name: "doc", type: .json),
        TableFieldSchema(name: "tags", type: .string, mode: .repeated),
        TableFieldSchema(
            name: "geo", type: .record,
            fields: [
                TableFieldSchema(name: "lat", type: .float, mode: .required),
                TableFieldSchema(name: "names", type: .string, mode: .repeated),
            ]),
    ])

    static let rows = [
        #"{"id":"r1","count":"42","price":"0012.50","at":"2026-01-01 00:00:00.5+01:00","doc":"{\"a\": [1]}","tags":["x"],"geo":{"lat":1,"names":["n"]}}"#,
        #"{"id":"r2"}"#,
        #"{"tags":null,"id":"r3","geo":null,"count":7}"#,
        #"{"id":"r4","doc":{"inline":true}}"#,
        // Each of these leaves the one-pass reading for the reference one.
        #"{"ID":"r5"}"#,
        #"{"id":"r6","id":"again"}"#,
        #"{"id":"r7","extra":1}"#,
        #"{"id":"r8","extra":1,"count":"x","geo":{"lat":"y","other":2}}"#,
        #"{"count":1}"#,
        #"{"id":"r9","tags":["a",null,3]}"#,
        #"{"id":"r10","tags":"a"}"#,
        #"{"id":"r11","count":[1]}"#,
        #"{"id":"r12","count":{"a":1}}"#,
        #"{"id":"r13","geo":{"names":["n"]}}"#,
        #"{"id":"r14","Count":1,"count":2}"#,
        #"{"id":"r15","doc":"{not json"}"#,
        #"{}"#,
        #"{"id":null,"count":1}"#,
        #"{"id":"r16","doc":null,"price":null,"at":1767225600.5,"count":3.0}"#,
        #"{"id":"r17","doc":7,"count":3.5}"#,
        #"{"id":"r18","at":"not a time"}"#,
        #"{"id":"r19","count":-9223372036854775809}"#,
        #"{"id":"r20","count":-9223372036854775808,"price":18446744073709551616.5}"#,
        #"{"id":"r21","price":1e400}"#,
        #"{"id":"r22","price":0.1234567891}"#,
        #"{"id":"r23","geo":{"lat":1e400}}"#,
        #"{"id":"r24","doc":{"big":18446744073709551616}}"#,
        #"{"id":"r25","tags":[1e400,18446744073709551616]}"#,
    ]

    func outcomes(_ text: String, ignoreUnknown: Bool) throws -> (read: RowValidator.Outcome, parsed: RowValidator.Outcome) {
        let validator = RowValidator(schema: Self.schema, ignoreUnknownValues: ignoreUnknown)
        var text = text
        let read = try text.withUTF8 { bytes throws in
            var cursor = JSONCursor(bytes)
            let outcome = try validator.validate(reading: &cursor)
            try cursor.finish()
            return outcome
        }
        let parsed = validator.validate(try JSONValue(parsing: text).objectValue!)
        return (read, parsed)
    }

    @Test(arguments: [false, true])
    func everyRowHasTheSameOutcomeBothWays(ignoreUnknown: Bool) throws {
        var valid = 0
        for row in Self.rows {
            let outcome = try outcomes(row, ignoreUnknown: ignoreUnknown)
            #expect(outcome.read == outcome.parsed, "\(row)")
            if case .valid = outcome.parsed { valid += 1 }
        }
        // The corpus has both kinds, so the comparison covers both readings.
        #expect(valid >= 4)
        #expect(valid < Self.rows.count - 5)
    }

    @Test func theCursorEndsAfterTheRowEitherWay() throws {
        var text = #"[{"id":"a"},{"ID":"b","zzz":1},{"id":"c"}]"#
        let outcomes = try text.withUTF8 { bytes throws -> [RowValidator.Outcome] in
            var cursor = JSONCursor(bytes)
            var outcomes: [RowValidator.Outcome] = []
            try cursor.enterArray()
            while try cursor.nextElement() { outcomes.append(try RowValidator(schema: Self.schema).validate(reading: &cursor)) }
            try cursor.finish()
            return outcomes
        }
        #expect(outcomes.count == 3)
        guard case .invalid(let errors) = outcomes[1] else {
            Issue.record("the second row has an unknown field")
            return
        }
        #expect(errors.map(\.location) == ["zzz"])
        guard case .valid(let values) = outcomes[2] else {
            Issue.record("the third row is valid")
            return
        }
        #expect(values[0] == .string("c"))
    }
}
