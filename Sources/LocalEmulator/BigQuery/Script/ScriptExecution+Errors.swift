import GRDB
import GoogleSQL
import WarehouseSchema

/// Errors, exception handlers, RAISE, RETURN and transactions, with BigQuery's rules: each statement
/// is atomic and what earlier statements did stays when a later one fails, unless a transaction is
/// open; a transaction is rolled back when an error ends the script or the script ends inside it.
extension ScriptExecution {
    /// A failure of one statement of a block, with that statement (the innermost that failed).
    struct StatementFailure: Error {
        let underlying: any Error
        let statementText: String?
        let location: SourceLocation?
    }

    /// RETURN: unwinds to the end of the script, which then succeeds.
    struct Return: Error {}

    /// The savepoint around each statement, and the one a BigQuery transaction holds.
    private static let statementSavepoint = "script_statement"
    private static let transactionSavepoint = "script_transaction"

    /// Whether an exception handler catches this error: what a statement's evaluation raised (the
    /// compiler's errors, RAISE, SQLite's evaluation errors), not the query time limit, a full disk,
    /// a loop's LEAVE or ITERATE, or RETURN.
    static func isCatchable(_ error: any Error) -> Bool {
        switch error {
        case is StatementFailure, is GoogleSQLError: true
        case let error as DatabaseError: error.resultCode == .SQLITE_ERROR
        default: false
        }
    }

    /// The error a failure surfaces as, without the statement it came from.
    static func underlying(_ error: any Error) -> any Error {
        (error as? StatementFailure)?.underlying ?? error
    }

    /// A statement's changes are kept whole or not at all.
    func atomically<T>(_ body: () throws -> T) throws -> T {
        try db.execute(sql: "SAVEPOINT \(Self.statementSavepoint)")
        do {
            let value = try body()
            try db.execute(sql: "RELEASE \(Self.statementSavepoint)")
            return value
        } catch {
            try? db.execute(sql: "ROLLBACK TO \(Self.statementSavepoint)")
            try? db.execute(sql: "RELEASE \(Self.statementSavepoint)")
            throw error
        }
    }

    func runSourced(_ statement: ScriptStatement, text: String, location: SourceLocation) throws -> QueryResult {
        do {
            return try run(statement)
        } catch let failure as StatementFailure {
            throw failure
        } catch  where Self.isCatchable(error) {
            // A query statement is compiled as written, so its error's location moves by where it starts.
            var underlying = error
            if case .query = statement, let sqlError = error as? GoogleSQLError { underlying = sqlError.relocated(to: location) }
            throw StatementFailure(underlying: underlying, statementText: text, location: location)
        }
    }

    func runExceptionBlock(_ body: [ScriptStatement], handler: [ScriptStatement]) throws -> QueryResult {
        do {
            return try runAll(body)
        } catch  where Self.isCatchable(error) {
            handledFailures.append(error as? StatementFailure ?? StatementFailure(underlying: error, statementText: nil, location: nil))
            defer { handledFailures.removeLast() }
            return try runAll(handler)
        }
    }

    func raise(_ message: String?) throws -> Never {
        guard let message else {
            guard let handled = handledFailures.last else {
                throw GoogleSQLError.invalidQuery("RAISE without USING MESSAGE is allowed only inside an exception handler")
            }
            throw handled.underlying
        }
        let (_, rows) = try query("SELECT CAST((\(message)) AS STRING)")
        guard case .string(let text) = rows.first?.first ?? .null else {
            throw GoogleSQLError.invalidQuery("RAISE USING MESSAGE needs a message that is not NULL")
        }
        throw GoogleSQLError.invalidQuery(text)
    }

    func transaction(_ control: TransactionControl) throws {
        switch control {
        case .begin:
            guard !transactionOpen else { throw GoogleSQLError.invalidQuery("Transaction is already in progress; transactions cannot be nested") }
            try db.execute(sql: "SAVEPOINT \(Self.transactionSavepoint)")
            transactionOpen = true
        case .commit, .rollback:
            guard transactionOpen else {
                throw GoogleSQLError.invalidQuery("\(control == .commit ? "COMMIT" : "ROLLBACK") TRANSACTION has no transaction in progress")
            }
            if control == .rollback { try db.execute(sql: "ROLLBACK TO \(Self.transactionSavepoint)") }
            try db.execute(sql: "RELEASE \(Self.transactionSavepoint)")
            transactionOpen = false
        }
    }

    /// At the end of the script, whether it succeeded or failed: an open transaction is rolled back.
    func rollBackOpenTransaction() throws {
        guard transactionOpen else { return }
        try transaction(.rollback)
    }

    /// BigQuery refuses DDL on permanent tables, views and schemas inside a transaction.
    func checkAllowedInTransaction(_ statement: ScriptStatement) throws {
        guard transactionOpen else { return }
        switch statement {
        case .createSchema, .dropSchema, .alterSchema:
            throw GoogleSQLError.invalidQuery(
                "\(statement.statementType.replacingOccurrences(of: "_", with: " ")) is not supported inside a transaction")
        default: break
        }
        let refused: String? =
            switch statement {
            case .createTable(let create) where !create.temporary: "CREATE TABLE"
            case .createView: "CREATE VIEW"
            case .createFunction(let create) where create.target != nil: "CREATE FUNCTION"
            case .dropFunction(let name, _) where name.dataset != nil: "DROP FUNCTION"
            case .createProcedure: "CREATE PROCEDURE"
            case .dropProcedure: "DROP PROCEDURE"
            case .drop(let name, let isView, _) where isView || name.dataset != nil || temporaryTables[name.table.lowercased()] == nil:
                isView ? "DROP VIEW" : "DROP TABLE"
            case .alterTable(let alter) where alter.name.dataset != nil || temporaryTables[alter.name.table.lowercased()] == nil:
                "ALTER TABLE"
            default: nil
            }
        if let refused {
            throw GoogleSQLError.invalidQuery(
                "\(refused) on a permanent \(refused.hasSuffix("FUNCTION") ? "function" : refused.hasSuffix("PROCEDURE") ? "procedure" : "table or view") is not supported inside a transaction"
            )
        }
    }

    // MARK: - System variables

    /// The common system variables (`SystemVariables`), `@@row_count` and `@@error` (inside a handler).
    var systemVariables: [QueryParameter] {
        var variables = SystemVariables.common(defaultProject: defaultProject, defaultDataset: defaultDataset, timeZone: timeZone)
        variables.append(QueryParameter(name: "@@row_count", type: .scalar(.integer), value: rowCount.map { .int64($0) } ?? .null))
        if let failure = handledFailures.last { variables.append(Self.errorVariable(failure)) }
        return variables
    }

    private static func errorVariable(_ failure: StatementFailure) -> QueryParameter {
        let frame: ParameterType = .structure([
            ("line", .scalar(.integer)), ("column", .scalar(.integer)), ("filename", .scalar(.string)), ("location", .scalar(.string)),
        ])
        let type: ParameterType = .structure([
            ("message", .scalar(.string)), ("stack_trace", .array(frame)), ("statement_text", .scalar(.string)),
            ("formatted_stack_trace", .scalar(.string)),
        ])
        let stack: [BigQueryValue] =
            failure.location.map { [.record([.int64(Int64($0.line)), .int64(Int64($0.column)), .null, .null])] } ?? []
        let value: BigQueryValue = .record([
            .string(message(of: failure.underlying)), .array(stack), failure.statementText.map { .string($0) } ?? .null,
            .string(failure.location.map { "At [\($0.line):\($0.column)]" } ?? ""),
        ])
        return QueryParameter(name: "@@error", type: type, value: value)
    }

    /// The message the job would fail with.
    static func message(of error: any Error) -> String {
        switch error {
        case let error as GoogleSQLError: error.message
        case let error as DatabaseError: error.message ?? "Query failed"
        default: "\(error)"
        }
    }
}
