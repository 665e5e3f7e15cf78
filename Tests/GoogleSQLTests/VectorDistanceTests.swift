import Testing
import WarehouseSchema

@testable import GoogleSQL

/// The inverse hyperbolic functions, the inverse trigonometric functions at infinity, and
/// COSINE_DISTANCE / EUCLIDEAN_DISTANCE on dense and sparse vectors (mathematical functions page).
@Suite struct VectorDistanceTests {
    let db = try! Fixture.events()

    private func float(_ expression: String) throws -> Double {
        guard case .float64(let number) = try db.value(expression) else { return -12345 }
        return number
    }

    @Test func inverseHyperbolicFunctionsFollowTheirDomains() throws {
        #expect(try float("ACOSH(1)") == 0)
        #expect(abs(try float("ACOSH(2.0)") - 1.3169578969248166) < 1e-15)
        #expect(abs(try float("ASINH(-1)") - -0.881373587019543) < 1e-15)
        #expect(abs(try float("ATANH(0.5)") - 0.5493061443340549) < 1e-15)
        #expect(try float("ACOSH(CAST('inf' AS FLOAT64))") == .infinity)
        #expect(try db.value("IS_NAN(ACOSH(CAST('-inf' AS FLOAT64)))") == .bool(true))
        #expect(try float("ASINH(CAST('-inf' AS FLOAT64))") == -.infinity)
        #expect(try db.value("IS_NAN(ATANH(CAST('inf' AS FLOAT64)))") == .bool(true))
        #expect(db.failure("ACOSH(0.5)")?.contains("out of range") == true)
        #expect(db.failure("ATANH(1.5)")?.contains("out of range") == true)
        #expect(db.failure("ATANH(1)") != nil)
        #expect(try db.value("SAFE.ACOSH(0)") == .null)
        #expect(try db.value("ASINH(NULL)") == .null)
        #expect(db.failure("ACOSH('a')")?.hasPrefix("No matching signature for function ACOSH") == true)
    }

    @Test func inverseTrigonometryOfAnInfinityIsNaN() throws {
        for function in ["ASIN", "ACOS"] {
            #expect(try db.value("IS_NAN(\(function)(CAST('inf' AS FLOAT64)))") == .bool(true))
            #expect(try db.value("IS_NAN(\(function)(CAST('-inf' AS FLOAT64)))") == .bool(true))
            #expect(db.failure("\(function)(1.5)")?.contains("out of range") == true)
        }
    }

    @Test func denseVectorsGiveTheDocumentedDistances() throws {
        #expect(abs(try float("COSINE_DISTANCE([1.0, 2.0], [3.0, 4.0])") - 0.016130089900092459) < 1e-15)
        #expect(abs(try float("COSINE_DISTANCE([2.0, 1.0], [4.0, 3.0])") - 0.016130089900092459) < 1e-15)
        #expect(abs(try float("EUCLIDEAN_DISTANCE([1.0, 2.0], [3.0, 4.0])") - 2.8284271247461903) < 1e-15)
        #expect(try float("EUCLIDEAN_DISTANCE(CAST([] AS ARRAY<FLOAT64>), CAST([] AS ARRAY<FLOAT64>))") == 0)
        #expect(try float("EUCLIDEAN_DISTANCE([0.0, 0.0], [3.0, 4.0])") == 5)
        #expect(try db.value("COSINE_DISTANCE(NULL, [3.0, 4.0])") == .null)
        #expect(try db.value("EUCLIDEAN_DISTANCE([1.0], CAST(NULL AS ARRAY<FLOAT64>))") == .null)
    }

    @Test func sparseVectorsMatchByDimensionInAnyOrder() throws {
        #expect(abs(try float("COSINE_DISTANCE([(1, 1.0), (2, 2.0)], [(2, 4.0), (1, 3.0)])") - 0.016130089900092459) < 1e-15)
        #expect(abs(try float("EUCLIDEAN_DISTANCE([(1, 1.0), (2, 2.0)], [(2, 4.0), (1, 3.0)])") - 2.8284271247461903) < 1e-15)
        // A dimension missing from one vector has magnitude 0 there.
        #expect(try float("EUCLIDEAN_DISTANCE([('a', 3.0)], [('b', 4.0)])") == 5)
        #expect(try float("COSINE_DISTANCE([('a', 3.0)], [('b', 4.0)])") == 1)
        let sparse = "STRUCT<dim INT64, magnitude FLOAT64>"
        #expect(try float("EUCLIDEAN_DISTANCE(ARRAY<\(sparse)>[(5, 1.0)], ARRAY<\(sparse)>[])") == 1)
    }

    @Test func badVectorsAreErrors() throws {
        #expect(db.failure("COSINE_DISTANCE([0.0, 0.0], [3.0, 4.0])")?.contains("zero vector") == true)
        #expect(db.failure("COSINE_DISTANCE([1.0, 2.0], [3.0, 4.0, 5.0])")?.contains("2 and 3") == true)
        #expect(db.failure("EUCLIDEAN_DISTANCE([1.0, NULL], [3.0, 4.0])")?.contains("NULL") == true)
        #expect(db.failure("EUCLIDEAN_DISTANCE([(1, 1.0), (1, 2.0)], [(1, 3.0)])")?.contains("more than once") == true)
        #expect(db.failure("EUCLIDEAN_DISTANCE([(1, 1.0)], [(CAST(NULL AS INT64), 3.0)])")?.contains("NULL") == true)
        #expect(db.failure("EUCLIDEAN_DISTANCE([(1, 1.0)], [(1, CAST(NULL AS FLOAT64))])")?.contains("NULL") == true)
        #expect(try db.value("SAFE.COSINE_DISTANCE([0.0], [1.0])") == .null)
    }

    @Test func vectorsOfOtherTypesHaveNoMatchingSignature() throws {
        for arguments in ["[1, 2], [3, 4]", "[1.0], [(1, 1.0)]", "[(1, 1.0)], [('a', 1.0)]", "[(1, 1)], [(1, 1)]", "'a', 'b'"] {
            #expect(db.failure("EUCLIDEAN_DISTANCE(\(arguments))")?.hasPrefix("No matching signature for function EUCLIDEAN_DISTANCE") == true)
        }
        #expect(db.failure("COSINE_DISTANCE([1.0])")?.contains("COSINE_DISTANCE") == true)
    }
}
