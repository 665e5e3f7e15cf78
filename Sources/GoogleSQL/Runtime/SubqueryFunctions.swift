import GRDB

/// The iteration column of a recursive UNION DISTINCT: its collation makes every two equal, so the
/// duplicate check SQLite runs on the whole row ignores it.
enum RecursionDepth {
    static let collationName = "gsql_any_depth"
}

/// Runtime checks of expression subqueries.
enum SubqueryFunctions {
    /// Called with a scalar subquery's row count when it exceeds one: fails the query as BigQuery does.
    static let tooManyRowsName = "gsql_scalar_subquery_rows"

    /// Called with a recursive query's iteration for each row the next iteration builds on.
    static let recursionCheckName = "gsql_recursion_depth"
    /// BigQuery's bound on the iterations of a recursive WITH query.
    static let maximumRecursion: Int64 = 500

    /// A FLOAT64 array element as `json_each` yields it, in the storage form of a FLOAT64 column.
    static let floatFromJSONName = "gsql_float_from_json"

    static func register(in db: Database) throws {
        db.add(collation: DatabaseCollation(RecursionDepth.collationName) { _, _ in .orderedSame })
        try ExactTextFunction.register(floatFromJSONName, arity: 1, in: db) { arguments in
            switch arguments[0].storage {
            case .int64(let number): return Double(number).databaseValue
            case .string(let text):
                switch text.lowercased() {
                case "inf", "+inf", "infinity": return Double.infinity.databaseValue
                case "-inf", "-infinity": return (-Double.infinity).databaseValue
                default: return Double.nan.databaseValue
                }
            default: return arguments[0]
            }
        }
        try ExactTextFunction.register(recursionCheckName, arity: 1, in: db) { arguments in
            // INTEGER, or TEXT under a recursive UNION DISTINCT (see `RecursionDepth`).
            let depth: Int64?
            switch arguments[0].storage {
            case .int64(let number): depth = number
            case .string(let text): depth = Int64(text)
            default: depth = nil
            }
            guard let depth, depth + 1 >= maximumRecursion else { return 1.databaseValue }
            throw GoogleSQLError.invalidQuery("Recursive query failed: the recursion reached \(maximumRecursion) iterations")
        }
        try ExactTextFunction.register(tooManyRowsName, arity: 1, in: db) { _ in
            throw GoogleSQLError.invalidQuery("Scalar subquery produced more than one element")
        }
    }
}
