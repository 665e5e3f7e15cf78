import GRDB
import WarehouseSchema

@testable import GoogleSQL

extension Fixture {
    /// The value of one expression selected without a table.
    func value(_ expression: String, _ parameters: [QueryParameter] = []) throws -> BigQueryValue {
        try column("SELECT " + expression, parameters).first ?? .null
    }

    /// The message of the error compiling or running `SELECT expression` fails with, or nil.
    func failure(_ expression: String) -> String? {
        errorMessage { try self.value(expression) }
    }

    /// Like `failure`, with an error SQLite raises while it runs the query (a function's) as its message.
    func runFailure(_ expression: String) -> String? {
        do {
            _ = try rows("SELECT " + expression)
            return nil
        } catch let error as DatabaseError {
            return error.message
        } catch {
            return errorMessage { throw error }
        }
    }
}
