import Testing
import WarehouseSchema

@testable import GoogleSQL

/// MOD, SQRT, POW, EXP, LN, LOG10, LOG and the SAFE_ arithmetic of NUMERIC and BIGNUMERIC, in the
/// decimal type. Expected values are the exact results rounded half away from zero to the type's
/// scale (computed apart at 120 digits); the errors are the reference implementation's.
@Suite struct DecimalMathTests {
    let db = try! Fixture.shapes()

    @Test(arguments: [
        ("SQRT(NUMERIC '2')", BigQueryValue.numeric("1.414213562")),
        ("SQRT(NUMERIC '12345678901234567890.123456789')", .numeric("3513641828.820144253")),
        ("SQRT(BIGNUMERIC '3')", .bignumeric("1.73205080756887729352744634150587236694")),
        ("EXP(NUMERIC '1')", .numeric("2.718281828")),
        ("EXP(NUMERIC '-5.5')", .numeric("0.004086771")),
        ("EXP(NUMERIC '66.7')", .numeric("92777345587064306210679568436.968509218")),
        ("EXP(BIGNUMERIC '1')", .bignumeric("2.71828182845904523536028747135266249776")),
        ("LN(NUMERIC '10')", .numeric("2.302585093")),
        ("LN(NUMERIC '0.000000001')", .numeric("-20.723265837")),
        ("LN(BIGNUMERIC '2')", .bignumeric("0.69314718055994530941723212145817656808")),
        ("LOG10(NUMERIC '2')", .numeric("0.301029996")),
        ("LOG10(BIGNUMERIC '1000')", .bignumeric("3")),
        ("LOG(NUMERIC '100', NUMERIC '3')", .numeric("4.191806549")),
        ("LOG(NUMERIC '100')", .numeric("4.605170186")),
        ("POW(NUMERIC '1.5', 0.5)", .numeric("1.224744871")),
        ("POW(NUMERIC '2', 96)", .numeric("79228162514264337593543950336")),
        ("POWER(NUMERIC '1.1', -3)", .numeric("0.751314801")),
        ("POW(BIGNUMERIC '3', 0.25)", .bignumeric("1.31607401295249246081921890179699905516")),
        ("POW(NUMERIC '-1.5', 3)", .numeric("-3.375")),
        ("POW(NUMERIC '0.1', 1000)", .numeric("0")),
        ("MOD(NUMERIC '5.5', 2)", .numeric("1.5")),
        ("MOD(-7, NUMERIC '3')", .numeric("-1")),
        ("MOD(BIGNUMERIC '10', 2.5)", .bignumeric("0")),
        ("SAFE_ADD(NUMERIC '99999999999999999999999999999', 1)", .null),
        ("SAFE_MULTIPLY(NUMERIC '1.1', 1.1)", .numeric("1.21")),
        ("SAFE_SUBTRACT(BIGNUMERIC '1', 0.5)", .bignumeric("0.5")),
        ("SAFE_DIVIDE(NUMERIC '1', 3.0)", .numeric("0.333333333")),
    ])
    func resultsAreTheExactValueRoundedToTheScale(expression: String, expected: BigQueryValue) throws {
        #expect(try db.value(expression) == expected)
    }

    @Test func aFloat64ArgumentMakesTheCallFloat64() throws {
        #expect(try db.value("POW(NUMERIC '2', CAST(0.5 AS FLOAT64))") == .float64(2.0.squareRoot()))
        #expect(try db.value("SAFE_ADD(NUMERIC '1', CAST(0.5 AS FLOAT64))") == .float64(1.5))
        #expect(try db.value("SQRT(CAST(NUMERIC '4' AS FLOAT64))") == .float64(2))
    }

    @Test func undefinedValuesAndOverflowAreErrorsWithTheReferenceWording() throws {
        let cases = [
            ("SQRT(NUMERIC '-1')", "SQRT is undefined for negative value: SQRT(-1)"),
            ("LN(NUMERIC '0')", "LN is undefined for zero or negative value: LN(0)"),
            ("LOG10(BIGNUMERIC '-2')", "LOG10 is undefined for zero or negative value: LOG10(-2)"),
            ("LOG(NUMERIC '2', 1)", "LOG is undefined for zero or negative value, or when base equals 1: LOG(2, 1)"),
            ("POW(NUMERIC '-2', 0.5)", "Negative NUMERIC value cannot be raised to a fractional power: POW(-2, 0.5)"),
            ("POW(NUMERIC '0', -1)", "division by zero: POW(0, -1)"),
            ("POW(NUMERIC '10', 30)", "numeric overflow: POW(10, 30)"),
            ("POW(BIGNUMERIC '10', 39)", "BIGNUMERIC overflow: POW(10, 39)"),
            ("EXP(NUMERIC '100')", "numeric overflow: EXP(100)"),
            ("MOD(NUMERIC '1', 0)", "division by zero: MOD(1, 0)"),
        ]
        for (expression, message) in cases {
            #expect(db.runFailure(expression) == message, "\(expression)")
        }
        // Under SAFE. each of these is NULL instead.
        for (expression, _) in cases {
            #expect(try db.value("SAFE." + expression) == .null, "SAFE.\(expression)")
        }
        #expect(try db.value("SAFE.SQRT(NUMERIC '4')") == .numeric("2"))
        // Far below zero, EXP rounds to zero rather than failing.
        #expect(db.runFailure("EXP(NUMERIC '-99999999999999999999999999999')") == nil)
    }
}
