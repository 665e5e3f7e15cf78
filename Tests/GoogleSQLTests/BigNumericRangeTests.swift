import Testing
import WarehouseSchema

@testable import GoogleSQL

/// BIGNUMERIC holds 38 fractional digits and up to 39 integer digits: its range is
/// ±5.7896044618658097711785492504343953926634992332820282019728792003956564819967E+38
/// (the negative end one unit further). Literals and CASTs take the whole range, not only 38 integer digits.
@Suite struct BigNumericRangeTests {
    static let largest = "578960446186580977117854925043439539266.34992332820282019728792003956564819967"
    static let smallest = "-578960446186580977117854925043439539266.34992332820282019728792003956564819968"
    static let thirtyNineDigits = "123456789012345678901234567890123456789"

    let db = try! Fixture(tables: [])

    @Test(arguments: [largest, smallest, thirtyNineDigits, "-\(thirtyNineDigits).5"])
    func castFromStringTakesTheWholeRange(_ text: String) throws {
        #expect(try db.column("SELECT CAST('\(text)' AS BIGNUMERIC)") == [.bignumeric(text)])
    }

    @Test(arguments: [largest, smallest, thirtyNineDigits])
    func literalsTakeTheWholeRange(_ text: String) throws {
        #expect(try db.column("SELECT BIGNUMERIC '\(text)'") == [.bignumeric(text)])
    }

    @Test func parametersTakeTheWholeRange() throws {
        #expect(try db.column("SELECT @b", [named("b", .bignumeric, .bignumeric(Self.largest))]) == [.bignumeric(Self.largest)])
    }

    @Test(arguments: [
        "578960446186580977117854925043439539266.34992332820282019728792003956564819968",
        "578960446186580977117854925043439539267", "1000000000000000000000000000000000000000",
    ])
    func valuesPastTheRangeAreRefused(_ text: String) throws {
        #expect(errorMessage { try db.column("SELECT CAST('\(text)' AS BIGNUMERIC)") } != nil)
        #expect(errorMessage { try db.column("SELECT BIGNUMERIC '\(text)'") } != nil)
    }

    @Test func arithmeticReachesTheLargestValue() throws {
        let below = "578960446186580977117854925043439539265.34992332820282019728792003956564819967"
        #expect(try db.column("SELECT BIGNUMERIC '\(below)' + 1") == [.bignumeric(Self.largest)])
    }
}
