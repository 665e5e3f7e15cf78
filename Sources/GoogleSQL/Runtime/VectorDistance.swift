import GRDB
import WireJSON

/// COSINE_DISTANCE and EUCLIDEAN_DISTANCE over the stored JSON of their vectors: a dense vector is
/// an array of magnitudes indexed by position; a sparse one an array of (dimension, magnitude)
/// records whose missing dimensions have magnitude 0.
enum VectorDistance {
    /// 1 - cos θ. A zero vector has no direction, so it is an error.
    static func cosine(_ first: DatabaseValue, _ second: DatabaseValue, sparse: Bool) throws(GoogleSQLError) -> Double {
        let (a, b) = try pair(first, second, sparse: sparse, "COSINE_DISTANCE")
        var (dot, normA, normB) = (0.0, 0.0, 0.0)
        for (dimension, x) in a {
            normA += x * x
            if let y = b[dimension] { dot += x * y }
        }
        for y in b.values { normB += y * y }
        guard normA != 0, normB != 0 else { throw Library.error("Cannot compute COSINE_DISTANCE against a zero vector") }
        return 1 - dot / (normA.squareRoot() * normB.squareRoot())
    }

    static func euclidean(_ first: DatabaseValue, _ second: DatabaseValue, sparse: Bool) throws(GoogleSQLError) -> Double {
        let (a, b) = try pair(first, second, sparse: sparse, "EUCLIDEAN_DISTANCE")
        var sum = 0.0
        for (dimension, x) in a {
            let difference = x - (b[dimension] ?? 0)
            sum += difference * difference
        }
        for (dimension, y) in b where a[dimension] == nil { sum += y * y }
        return sum.squareRoot()
    }

    /// Both vectors as magnitudes by dimension; two dense vectors must have the same length.
    private static func pair(
        _ first: DatabaseValue, _ second: DatabaseValue, sparse: Bool, _ function: String
    ) throws(GoogleSQLError) -> (
        [JSONValue: Double], [JSONValue: Double]
    ) {
        let a = try magnitudes(first, sparse: sparse, function)
        let b = try magnitudes(second, sparse: sparse, function)
        if !sparse, a.count != b.count {
            throw Library.error("Array arguments to \(function) must have the same length; they have lengths \(a.count) and \(b.count)")
        }
        return (a, b)
    }

    private static func magnitudes(_ value: DatabaseValue, sparse: Bool, _ function: String) throws(GoogleSQLError) -> [JSONValue: Double] {
        guard case .array(let elements) = try? JSONValue(parsing: Library.text(value)) else { throw Library.error("Expected an array value") }
        var result: [JSONValue: Double] = [:]
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            var (dimension, magnitude) = (JSONValue.int(Int64(index)), element)
            if sparse {
                guard case .object(let pair) = element, pair.count == 2 else {
                    throw Library.error("An element of a sparse vector of \(function) cannot be NULL")
                }
                (dimension, magnitude) = (pair.members[0].value, pair.members[1].value)
                guard dimension != .null else { throw Library.error("A dimension of a sparse vector of \(function) cannot be NULL") }
            }
            guard let number = Library.double(element: magnitude) else {
                throw Library.error("A magnitude in a vector of \(function) cannot be NULL")
            }
            guard result.updateValue(number, forKey: dimension) == nil else {
                throw Library.error("A sparse vector of \(function) has dimension \(dimension) more than once")
            }
        }
        return result
    }
}
