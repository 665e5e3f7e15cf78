import Testing
import WarehouseSchema
import WireJSON

/// Parameterized column types in a table schema: `maxLength`, `precision`, `scale` and `roundingMode`
/// as the REST `TableFieldSchema` carries them, and what a row written to such a column must fit.
@Suite struct TypeParametersTests {
    static let schema = try! TableSchema(json: [
        "fields": [
            ["name": "code", "type": "STRING", "maxLength": "5"],
            ["name": "blob", "type": "BYTES", "maxLength": 3],
            ["name": "price", "type": "NUMERIC", "precision": "5", "scale": "2"],
            ["name": "even", "type": "NUMERIC", "precision": "5", "scale": "2", "roundingMode": "ROUND_HALF_EVEN"],
            ["name": "whole", "type": "BIGNUMERIC", "precision": "3"],
            ["name": "tags", "type": "STRING", "mode": "REPEATED", "maxLength": "2"],
            ["name": "item", "type": "RECORD", "fields": [["name": "sku", "type": "STRING", "maxLength": "4"]]],
        ]
    ])

    func outcome(_ row: String) throws -> (parsed: RowValidator.Outcome, read: RowValidator.Outcome) {
        let validator = RowValidator(schema: Self.schema)
        var text = row
        let read = try text.withUTF8 { bytes throws in
            var cursor = JSONCursor(bytes)
            return try validator.validate(reading: &cursor)
        }
        return (validator.validate(try JSONValue(parsing: row).objectValue!), read)
    }

    func values(_ row: String) throws -> [BigQueryValue] {
        let (parsed, read) = try outcome(row)
        #expect(parsed == read, "one-pass reading and parsed object disagree for \(row)")
        guard case .valid(let values) = parsed else {
            Issue.record("\(row) should be valid: \(parsed)")
            return []
        }
        return values
    }

    func errors(_ row: String) throws -> [RowError] {
        let (parsed, read) = try outcome(row)
        #expect(parsed == read, "one-pass reading and parsed object disagree for \(row)")
        guard case .invalid(let errors) = parsed else {
            Issue.record("\(row) should be invalid")
            return []
        }
        return errors
    }

    @Test func theRESTMembersRoundTripAsBigQueryWritesThem() throws {
        let json = Self.schema.json.encodedString()
        #expect(json.contains(#""maxLength":"5""#))
        #expect(json.contains(#""maxLength":"3""#))
        #expect(json.contains(#""precision":"5","scale":"2","roundingMode":"ROUND_HALF_EVEN""#))
        #expect(try TableSchema(json: try JSONValue(parsing: json)) == Self.schema)
        #expect(Self.schema.fields[6].fields[0].parameters == TypeParameters(maxLength: 4))
        // A plain field writes none of them.
        #expect(TableFieldSchema(name: "s", type: .string).json.encodedString() == #"{"name":"s","type":"STRING","mode":"NULLABLE"}"#)
    }

    @Test func parametersThatDoNotSuitTheTypeAreRefused() {
        let cases: [(JSONValue, String)] = [
            (["name": "n", "type": "INTEGER", "maxLength": "5"], "Field n has type INTEGER: maxLength is only allowed for STRING and BYTES"),
            (["name": "s", "type": "STRING", "precision": "5"], "Field s has type STRING: precision, scale and roundingMode are only allowed"),
            (["name": "s", "type": "STRING", "roundingMode": "ROUND_HALF_EVEN"], "Field s has type STRING: precision, scale and roundingMode"),
            (["name": "s", "type": "STRING", "maxLength": "0"], "Field s: STRING length must be greater than 0"),
            (["name": "s", "type": "STRING", "maxLength": "ten"], "Invalid value for maxLength: ten is not a valid value"),
            (["name": "n", "type": "NUMERIC", "scale": "2"], "Field n: a scale requires a precision"),
            (["name": "n", "type": "NUMERIC", "precision": "30"], "Field n: In NUMERIC(P), P must be between 1 and 29"),
            (["name": "n", "type": "NUMERIC", "precision": "12", "scale": "10"], "Field n: In NUMERIC(P, S), S must be between 0 and 9"),
            (["name": "n", "type": "BIGNUMERIC", "precision": "2", "scale": "3"], "Field n: In BIGNUMERIC(P, 3), P must be between 3 and 41"),
            (["name": "n", "type": "NUMERIC", "roundingMode": "ROUND_UP"], "Invalid value for roundingMode: ROUND_UP is not a valid value"),
            (["name": "n", "type": "NUMERIC", "roundingMode": 5], "Invalid value for roundingMode: 5 is not a valid value"),
        ]
        for (field, message) in cases {
            do {
                _ = try TableFieldSchema(json: field)
                Issue.record("\(field.encodedString()) was accepted")
            } catch {
                #expect(error.message.hasPrefix(message), "\(error.message)")
            }
        }
        // A rounding mode alone is allowed on a decimal, as is an unspecified one anywhere.
        #expect((try? TableFieldSchema(json: ["name": "n", "type": "NUMERIC", "roundingMode": "ROUND_HALF_EVEN"])) != nil)
        #expect((try? TableFieldSchema(json: ["name": "s", "type": "STRING", "roundingMode": "ROUNDING_MODE_UNSPECIFIED"])) != nil)
    }

    @Test func lengthsCountCharactersForStringsAndBytesForBytes() throws {
        // Five characters in six bytes of UTF-8 fit STRING(5); three bytes fit BYTES(3).
        let fits = try values(#"{"code": "héllo", "blob": "AAEC"}"#)
        #expect(fits[0] == .string("héllo"))
        #expect(fits[1] == .bytes([0, 1, 2]))
        let refused = try errors(#"{"code": "héllo!", "blob": "AAECAw=="}"#)
        #expect(refused.map(\.location) == ["code", "blob"])
        #expect(refused[0].message == "Field code: STRING(5) has maximum length 5 but got a value with length 6")
        #expect(refused[1].message == "Field blob: BYTES(3) has maximum length 3 but got a value with length 4")
    }

    @Test func decimalsAreRoundedToTheScaleThenCheckedAgainstThePrecision() throws {
        let rounded = try values(#"{"price": "1.005", "even": "1.005", "whole": 12.5}"#)
        #expect(rounded[2] == .numeric("1.01"))
        #expect(rounded[3] == .numeric("1"))
        #expect(rounded[4] == .bignumeric("13"))
        let negative = try values(#"{"price": -1.005, "even": "1.015", "whole": "-999.4"}"#)
        #expect(negative[2] == .numeric("-1.01"))
        #expect(negative[3] == .numeric("1.02"))
        #expect(negative[4] == .bignumeric("-999"))
        // 999.995 rounds to 1000.00: four whole digits where NUMERIC(5, 2) has three.
        let refused = try errors(#"{"price": "999.995", "whole": 1000}"#)
        #expect(
            refused.map(\.message) == [
                "Field price: NUMERIC(5, 2) has precision 5 and scale 2 but got a value that is not in range of [-999.99, 999.99]",
                "Field whole: BIGNUMERIC(3) has precision 3 and scale 0 but got a value that is not in range of [-999, 999]",
            ])
        #expect(try values(#"{"even": "999.994"}"#)[3] == .numeric("999.99"))
    }

    @Test func elementsAndSubfieldsAreCheckedWhereTheyAre() throws {
        let refused = try errors(#"{"tags": ["ok", "too long"], "item": {"sku": "abcde"}}"#)
        #expect(refused.map(\.location) == ["tags[1]", "item.sku"])
        #expect(try values(#"{"tags": ["ab", "c"], "item": {"sku": "abcd"}}"#)[5] == .array([.string("ab"), .string("c")]))
    }

    @Test func aColumnMayOnlyWidenInASchemaUpdate() {
        let length = TypeParameters(maxLength: 10)
        #expect(length.widens(to: TypeParameters(maxLength: 20)))
        #expect(length.widens(to: .none))
        #expect(!length.widens(to: TypeParameters(maxLength: 5)))
        #expect(!TypeParameters.none.widens(to: length))
        let decimal = TypeParameters(precision: 5, scale: 2)
        #expect(decimal.widens(to: TypeParameters(precision: 7, scale: 3)))
        #expect(decimal.widens(to: .none))
        #expect(!decimal.widens(to: TypeParameters(precision: 5, scale: 3)))
        #expect(!decimal.widens(to: TypeParameters(precision: 6, scale: 1)))
        #expect(!TypeParameters.none.widens(to: decimal))
    }
}
