import Testing
import WarehouseSchema
import WireJSON

/// Records past 32 fields are matched through hash tables; the outcome must be the scan's.
@Suite struct WideRecordTests {
    /// `count` INT64 fields c0, c1, ... with c0 REQUIRED, and a row that exercises each rule: a key
    /// in other case, a repeated key (the first wins), an unknown key, a missing required field.
    static func outcome(fields count: Int, ignoreUnknownValues: Bool = false) -> RowValidator.Outcome {
        var fields = (0..<count).map { TableFieldSchema(name: "c\($0)", type: .integer) }
        fields[0] = TableFieldSchema(name: "c0", type: .integer, mode: .required)
        var members: [(key: String, value: JSONValue)] = [
            ("C1", .int(1)), ("c2", .int(2)), ("c2", .int(99)),
            ("zz", .int(0)), ("c3", .string("x")),
        ]
        members += (4..<count).map { (key: "c\($0)", value: JSONValue.int(Int64($0))) }
        return RowValidator(schema: TableSchema(fields: fields), ignoreUnknownValues: ignoreUnknownValues)
            .validate(JSONObject(members))
    }

    @Test func theNarrowScanReportsEachRule() {
        #expect(Self.errorsOnly(Self.outcome(fields: 20)).map(\.location) == ["zz", "c0", "c3"])
        #expect(Self.errorsOnly(Self.outcome(fields: 20, ignoreUnknownValues: true)).map(\.location) == ["c0", "c3"])
    }

    @Test(arguments: [40, 1_500])
    func wideRecordsGiveTheNarrowScansErrorsInTheSameOrder(fields: Int) {
        #expect(Self.outcome(fields: fields) == Self.outcome(fields: 20))
        #expect(Self.outcome(fields: fields, ignoreUnknownValues: true) == Self.outcome(fields: 20, ignoreUnknownValues: true))
    }

    @Test(arguments: [20, 40, 1_500])
    func wideAndNarrowRecordsConvertTheSameValues(fields: Int) {
        var fieldList = (0..<fields).map { TableFieldSchema(name: "c\($0)", type: .integer) }
        fieldList[0] = TableFieldSchema(name: "c0", type: .integer, mode: .required)
        let row = JSONObject(
            [("c0", .int(7)), ("C1", .int(1)), ("c2", .int(2)), ("c2", .int(99))]
                + (3..<fields).map { (key: "c\($0)", value: JSONValue.int(Int64($0))) })
        let outcome = RowValidator(schema: TableSchema(fields: fieldList)).validate(row)
        #expect(outcome == .valid([.int64(7), .int64(1), .int64(2)] + (3..<fields).map { .int64(Int64($0)) }))
    }

    static func errorsOnly(_ outcome: RowValidator.Outcome) -> [RowError] {
        if case .invalid(let errors) = outcome { errors } else { [] }
    }
}
