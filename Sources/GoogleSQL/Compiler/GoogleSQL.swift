import GRDB
import WarehouseClient
import WireJSON

/// Entry points of the GoogleSQL → SQLite translator.
public enum GoogleSQLCompiler {
    /// Looks a table up; returns nil when it does not exist.
    public typealias Catalog = (TableName) throws -> CatalogTable?

    /// Translates one GoogleSQL statement. User values reach the SQL only as bound arguments.
    public static func compile(_ sql: String, parameters: [QueryParameter], defaultProject: String,
                               defaultDataset: String?, catalog: Catalog) throws -> CompiledQuery {
        throw GoogleSQLError.invalidQuery("The GoogleSQL translator is not built yet")
    }

    /// Parses the REST `queryParameters` array (named or positional) into typed parameters.
    public static func parameters(from json: [JSONValue]) throws -> [QueryParameter] {
        throw GoogleSQLError.invalidQuery("Query parameters are not supported yet")
    }
}

/// Scalar functions the translated SQL calls (TIMESTAMP_TRUNC, EXTRACT, ...), registered on every connection.
public enum SQLiteFunctions {
    public static func register(in db: Database) throws {}
}
