import Testing

@testable import GoogleSQL

@Suite struct ExactDecimalTests {
    static let numericMax = "99999999999999999999999999999.999999999"
    static let bignumericMax = "578960446186580977117854925043439539266.34992332820282019728792003956564819967"
    static let bignumericMin = "-578960446186580977117854925043439539266.34992332820282019728792003956564819968"

    func numeric(_ text: String) -> ExactDecimal { ExactDecimal(parsing: text, kind: .numeric)! }
    func bignumeric(_ text: String) -> ExactDecimal { ExactDecimal(parsing: text, kind: .bignumeric)! }

    @Test func parsesAnyDecimalSpellingAndFormatsCanonically() {
        let cases = [
            "-0012.3400": "-12.34", "1e3": "1000", "1.5E-3": "0.0015", ".5": "0.5", "5.": "5", "-0": "0",
            "-0.000": "0", " +7 ": "7", "000": "0", Self.numericMax: Self.numericMax,
        ]
        for (text, canonical) in cases {
            #expect(ExactDecimal(parsing: text, kind: .numeric)?.description == canonical, "\(text)")
        }
        for text in ["", "-", ".", "abc", "1..2", "1e", "e5", "1e+", "--1", "1 2", "0x10", "1,5"] {
            #expect(ExactDecimal(parsing: text, kind: .numeric) == nil, "\(text)")
        }
    }

    @Test func parsingRoundsHalfAwayFromZeroUnlessStrict() {
        #expect(numeric("1.0000000005").description == "1.000000001")
        #expect(numeric("-1.0000000005").description == "-1.000000001")
        #expect(numeric("1.00000000049999").description == "1")
        #expect(numeric("0.00000000001").description == "0")
        #expect(ExactDecimal(parsing: "1.0000000001", kind: .numeric, rounding: false) == nil)
        #expect(ExactDecimal(parsing: "1.5000000000000", kind: .numeric, rounding: false)?.description == "1.5")
    }

    @Test func rangesAreBigQuerys() {
        #expect(numeric(Self.numericMax).description == Self.numericMax)
        #expect(ExactDecimal(parsing: "100000000000000000000000000000", kind: .numeric) == nil)
        #expect(ExactDecimal(parsing: "1e400", kind: .bignumeric) == nil)
        #expect(bignumeric(Self.bignumericMax).description == Self.bignumericMax)
        #expect(bignumeric(Self.bignumericMin).description == Self.bignumericMin)
        #expect(ExactDecimal(parsing: "578960446186580977117854925043439539266.34992332820282019728792003956564819968", kind: .bignumeric) == nil)
    }

    @Test func additionOverflowIsAnError() {
        #expect(
            errorMessage { try numeric(Self.numericMax).adding(numeric("0.000000001")) }
                == "numeric overflow: 99999999999999999999999999999.999999999 + 0.000000001")
        #expect(
            errorMessage { try numeric("-" + Self.numericMax).subtracting(numeric("1")) }
                == "numeric overflow: -99999999999999999999999999999.999999999 - 1")
        #expect(errorMessage { try bignumeric(Self.bignumericMin).negated() } == "BIGNUMERIC overflow: -(\(Self.bignumericMin))")
        #expect(errorMessage { try numeric(Self.numericMax).multiplied(by: numeric("1.000000001")) }?.hasPrefix("numeric overflow: ") == true)
        #expect((try? numeric(Self.numericMax).adding(numeric("-0.000000001")))?.description == "99999999999999999999999999999.999999998")
    }

    @Test func divisionRoundsHalfAwayFromZeroToTheScale() throws {
        #expect(try numeric("1").divided(by: numeric("3")).description == "0.333333333")
        #expect(try numeric("2").divided(by: numeric("3")).description == "0.666666667")
        #expect(try numeric("-2").divided(by: numeric("3")).description == "-0.666666667")
        #expect(try numeric("2").divided(by: numeric("-3")).description == "-0.666666667")
        #expect(try bignumeric("1").divided(by: bignumeric("3")).description == "0." + String(repeating: "3", count: 38))
        #expect(try bignumeric("2").divided(by: bignumeric("3")).description == "0." + String(repeating: "6", count: 37) + "7")
        #expect(errorMessage { try numeric("1").divided(by: numeric("0")) } == "division by zero: 1 / 0")
    }

    @Test func multiplicationRoundsHalfAwayFromZero() throws {
        #expect(try numeric("0.000000001").multiplied(by: numeric("0.5")).description == "0.000000001")
        #expect(try numeric("-0.000000001").multiplied(by: numeric("0.5")).description == "-0.000000001")
        #expect(try numeric("0.000000001").multiplied(by: numeric("0.4")).description == "0")
        #expect(
            try numeric("12345678901234567890.123456789").multiplied(by: numeric("1000000000")).description
                == "12345678901234567890123456789")
        let third = try bignumeric("1").divided(by: bignumeric("3"))
        #expect(try third.multiplied(by: bignumeric("3")).description == "0." + String(repeating: "9", count: 38))
    }

    @Test func comparesByExactValueAcrossKinds() {
        #expect(ExactDecimal.compare(numeric("10"), numeric("9.5")) == 1)
        #expect(ExactDecimal.compare(numeric("-1"), numeric("-0.5")) == -1)
        #expect(ExactDecimal.compare(numeric("1.10"), bignumeric("1.1")) == 0)
        #expect(ExactDecimal.compare(numeric("0.000000001"), bignumeric("0.00000000099999999999")) == 1)
    }

    @Test func textCollationOrdersNumbersNotStrings() {
        #expect(DecimalOrdering.compare("10", "9.5") == 1)
        #expect(DecimalOrdering.compare("-1", "-0.5") == -1)
        #expect(DecimalOrdering.compare("-10", "-9.5") == -1)
        #expect(DecimalOrdering.compare("1.10", "1.1") == 0)
        #expect(DecimalOrdering.compare("-0", "0") == 0)
        #expect(DecimalOrdering.compare("007", "7.000") == 0)
        #expect(DecimalOrdering.compare("0.5", "0.49999999") == 1)
        #expect(DecimalOrdering.compare("1e1", "10") == 0)
        #expect(DecimalOrdering.compare("not a number", "1") == 1)
        #expect(DecimalOrdering.compare("1", "not a number") == -1)
    }

    @Test func sortKeysOrderAndEqualAsTheValuesDo() {
        let texts = [
            "-100", "-10", "-9.5", "-1.25", "-1.2", "-1", "-0.5", "-0.05", "-0.00000000000000000000000000000000000001",
            "0", "-0", "0.000", "0.00000000000000000000000000000000000001", "0.05", "0.5", "1", "1.0", "1.10", "1.1",
            "1.2", "1.25", "9.5", "10", "10.05", "100", "1e2", Self.bignumericMax,
        ]
        for a in texts {
            for b in texts {
                let byValue = ExactDecimal.compare(bignumeric(a), bignumeric(b))
                guard let x = DecimalOrdering.sortKey(a), let y = DecimalOrdering.sortKey(b) else {
                    Issue.record("no key for \(a) or \(b)")
                    continue
                }
                let byKey = x == y ? 0 : x.lexicographicallyPrecedes(y) ? -1 : 1
                #expect(byKey == byValue, "\(a) vs \(b)")
                #expect(DecimalOrdering.compare(a, b) == byValue, "\(a) vs \(b)")
            }
        }
        #expect(DecimalOrdering.sortKey("abc") == nil)
    }

    @Test func convertsDoublesExactlyThenRounds() throws {
        // 0.0009765625 is 2^-10, exactly halfway at 9 places: half away from zero, not half to even.
        #expect(try ExactDecimal(0.0009765625, kind: .numeric).description == "0.000976563")
        #expect(try ExactDecimal(-0.0009765625, kind: .numeric).description == "-0.000976563")
        #expect(try ExactDecimal(0.1, kind: .numeric).description == "0.1")
        #expect(try ExactDecimal(0.1, kind: .bignumeric).description == "0.10000000000000000555111512312578270212")
        #expect(try ExactDecimal(1e20, kind: .numeric).description == "100000000000000000000")
        #expect(try ExactDecimal(5e-324, kind: .bignumeric).description == "0")
        #expect(errorMessage { try ExactDecimal(.nan, kind: .numeric) } == "Illegal conversion of non-finite floating point number to numeric: nan")
        #expect(errorMessage { try ExactDecimal(1e30, kind: .numeric) } == "numeric out of range: 1e+30")
    }

    @Test func convertsToInt64RoundingHalfAwayFromZero() throws {
        #expect(try numeric("2.5").int64() == 3)
        #expect(try numeric("-2.5").int64() == -3)
        #expect(try numeric("2.4999").int64() == 2)
        #expect(try numeric("9223372036854775807.4").int64() == .max)
        #expect(try numeric("-9223372036854775808").int64() == .min)
        #expect(throws: GoogleSQLError.invalidQuery("int64 out of range: 9223372036854775807.5")) { try numeric("9223372036854775807.5").int64() }
    }

    @Test func convertsBetweenKinds() throws {
        #expect(try bignumeric("1.00000000050000000000000000000000000001").converted(to: .numeric).description == "1.000000001")
        #expect(try numeric("0.5").converted(to: .bignumeric).description == "0.5")
        #expect(errorMessage { try bignumeric("1e35").converted(to: .numeric) } == "numeric out of range: 100000000000000000000000000000000000")
    }

    @Test func roundsTruncatesFloorsAndCeils() throws {
        #expect(try numeric("2.5").rounded(toPlaces: 0, truncate: false).description == "3")
        #expect(try numeric("-2.5").rounded(toPlaces: 0, truncate: false).description == "-3")
        #expect(try numeric("1.2345").rounded(toPlaces: 2, truncate: false).description == "1.23")
        #expect(try numeric("1.235").rounded(toPlaces: 2, truncate: false).description == "1.24")
        #expect(try numeric("150").rounded(toPlaces: -2, truncate: false).description == "200")
        #expect(try numeric("-1.99").rounded(toPlaces: 0, truncate: true).description == "-1")
        #expect(try numeric("1.5").rounded(toPlaces: .min, truncate: false).description == "0")
        #expect(try numeric("1.5").rounded(toPlaces: .max, truncate: false).description == "1.5")
        #expect(try numeric("-1.5").roundedToInteger(up: false).description == "-2")
        #expect(try numeric("-1.5").roundedToInteger(up: true).description == "-1")
        #expect(try numeric("1.5").roundedToInteger(up: true).description == "2")
        #expect(errorMessage { try numeric(Self.numericMax).rounded(toPlaces: 0, truncate: false) }?.hasPrefix("numeric overflow: ROUND(") == true)
    }

    /// Long division checked by its defining property on pseudo-random operands of 1 to 8 limbs.
    @Test func longDivisionSatisfiesQuotientTimesDivisorPlusRemainder() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func random(limbs: Int) -> UnsignedMagnitude {
            // Some limbs all-ones or zero, where estimate corrections happen.
            UnsignedMagnitude(
                limbs: (0..<limbs).map { _ in
                    switch next() % 4 {
                    case 0: .max
                    case 1: 0
                    default: next()
                    }
                })
        }
        for _ in 0..<3000 {
            let dividend = random(limbs: Int(next() % 8) + 1)
            let divisor = random(limbs: Int(next() % 5) + 1)
            guard !divisor.isZero else { continue }
            let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
            #expect(remainder < divisor)
            #expect(quotient * divisor + remainder == dividend)
        }
        #expect(UnsignedMagnitude.powerOfTen(40).description == "1" + String(repeating: "0", count: 40))
        #expect(((UnsignedMagnitude(1) << 130) >> 129).description == "2")
    }
}
