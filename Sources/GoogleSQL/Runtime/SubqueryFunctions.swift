import GRDB

/// Runtime checks of expression subqueries.
enum SubqueryFunctions {
    /// Called with a scalar subquery's row count when it exceeds one: fails the query as BigQuery does.
    static let tooManyRowsName = "gsql_scalar_subquery_rows"

    /// Called with a recursive query's iteration for each row the next iteration builds on.
    static let recursionCheckName = "gsql_recursion_depth"
    /// BigQuery's bound on the iterations of a recursive WITH query.
    static let maximumRecursion: Int64 = 500

    static func register(in db: Database) throws {
        try ExactTextFunction.register(recursionCheckName, arity: 1, in: db) { arguments in
            guard case .int64(let depth) = arguments[0].storage, depth + 1 >= maximumRecursion else { return 1.databaseValue }
            throw GoogleSQLError.invalidQuery("Recursive query failed: the recursion reached \(maximumRecursion) iterations")
        }
        try ExactTextFunction.register(tooManyRowsName, arity: 1, in: db) { _ in
            throw GoogleSQLError.invalidQuery("Scalar subquery produced more than one element")
        }
    }
}
