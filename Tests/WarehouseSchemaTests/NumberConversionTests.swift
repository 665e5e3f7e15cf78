import Testing
import WarehouseSchema
import WireJSON

/// JSON numbers become cells by their decimal value as written, never through a Double's rounding.
@Suite("JSON numbers converted to BigQuery types")
struct NumberConversionTests {
    static func converted(_ literal: String, to type: FieldType) throws -> BigQueryValue? {
        ValueConversion.convert(try JSONValue(parsing: literal), to: type)
    }

    @Test func int64TakesExactlyTheIntegersInItsRange() throws {
        #expect(try Self.converted("-9223372036854775808", to: .integer) == .int64(.min))
        #expect(try Self.converted("9223372036854775807.0", to: .integer) == .int64(.max))
        #expect(try Self.converted("1e18", to: .integer) == .int64(1_000_000_000_000_000_000))
        // Its Double is 2^60 + 24; the number as written is what is stored.
        #expect(try Self.converted("1.152921504606847e18", to: .integer) == .int64(1_152_921_504_606_847_000))
        #expect(try Self.converted("3.0", to: .integer) == .int64(3))
        for outside in [
            "-9223372036854775809", "9223372036854775808", "-9.223372036854776e18",
            "-9223372036854775809.0", "1e19", "1.5", "1e400", "\"-9223372036854775809\"",
        ] {
            #expect(try Self.converted(outside, to: .integer) == nil, "\(outside)")
        }
    }

    @Test func numericKeepsEveryDigitWithinItsLimits() throws {
        #expect(try Self.converted("18446744073709551616", to: .numeric) == .numeric("18446744073709551616"))
        #expect(
            try Self.converted("99999999999999999999999999999.999999999", to: .numeric)
                == .numeric("99999999999999999999999999999.999999999"))
        #expect(try Self.converted("1.5e-8", to: .numeric) == .numeric("0.000000015"))
        #expect(try Self.converted("0.1", to: .numeric) == .numeric("0.1"))
        #expect(try Self.converted("100000000000000000000000000000", to: .numeric) == nil)
        #expect(try Self.converted("0.1234567891", to: .numeric) == nil)
    }

    @Test func bignumericTakesItsWholeRangeAndNoMore() throws {
        let highest = "578960446186580977117854925043439539266.34992332820282019728792003956564819967"
        let lowest = "-578960446186580977117854925043439539266.34992332820282019728792003956564819968"
        #expect(try Self.converted(highest, to: .bignumeric) == .bignumeric(highest))
        #expect(try Self.converted(lowest, to: .bignumeric) == .bignumeric(lowest))
        #expect(try Self.converted("\"\(highest)\"", to: .bignumeric) == .bignumeric(highest))
        #expect(
            try Self.converted("100000000000000000000000000000000000000", to: .bignumeric)
                == .bignumeric("100000000000000000000000000000000000000"))
        #expect(
            try Self.converted("0.12345678901234567890123456789012345678", to: .bignumeric)
                == .bignumeric("0.12345678901234567890123456789012345678"))
        for outside in [
            "578960446186580977117854925043439539266.34992332820282019728792003956564819968",
            "-578960446186580977117854925043439539266.34992332820282019728792003956564819969",
            "600000000000000000000000000000000000000", "1000000000000000000000000000000000000000",
            "0.123456789012345678901234567890123456789",
        ] {
            #expect(try Self.converted(outside, to: .bignumeric) == nil, "\(outside)")
        }
    }

    @Test func stringKeepsANumberADoubleCannotHold() throws {
        #expect(try Self.converted("1e400", to: .string) == .string("1e400"))
        #expect(try Self.converted("18446744073709551616", to: .string) == .string("18446744073709551616"))
        #expect(try Self.converted("1.5", to: .string) == .string("1.5"))
    }

    @Test func float64RefusesANumberBeyondItsRangeAndTakesNonFiniteStrings() throws {
        #expect(try Self.converted("1e400", to: .float) == nil)
        #expect(try Self.converted("-1e400", to: .float) == nil)
        #expect(try Self.converted("0.12345678901234567890", to: .float) == .float64(0.12345678901234568))
        #expect(try Self.converted("\"Infinity\"", to: .float) == .float64(.infinity))
        #expect(try Self.converted("\"-Infinity\"", to: .float) == .float64(-.infinity))
        guard case .float64(let nan)? = try Self.converted("\"NaN\"", to: .float) else {
            Issue.record("NaN refused")
            return
        }
        #expect(nan.isNaN)
    }
}
