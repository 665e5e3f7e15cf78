/// A view as one query reads it. BigQuery resolves a view's names each time the view is read, so
/// the emulator translates the view's query again for every query that reads it, against the tables
/// and views as they are then: the view takes their current columns and types.
///
/// The translations become WITH queries at the head of the reading statement, each named as the
/// view's storage (`bqv_…`), which is the name the reading query's translation uses. They are flat,
/// each view once however often it is read: a chain of views costs SQLite's parser no depth.
public struct ViewExpansion: Sendable, Hashable {
    /// One view's translation, as a WITH query.
    public struct Definition: Sendable, Hashable {
        public var sqlName: String
        /// The view's column names, in the order of the translation's result columns.
        public var columns: [String]
        /// A SELECT with its values written in: the WITH clause it goes into has no bound arguments.
        public var sql: String

        public init(sqlName: String, columns: [String], sql: String) {
            self.sqlName = sqlName
            self.columns = columns
            self.sql = sql
        }
    }

    /// The definitions of the views this one reads, each once and each after those it reads; this
    /// view's own last.
    public var definitions: [Definition]
    /// The tables under the view as its query scans them: BigQuery bills a query of a view for them.
    public var scans: [TableScan]

    public init(definitions: [Definition], scans: [TableScan]) {
        self.definitions = definitions
        self.scans = scans
    }

    /// `statement` (a SELECT, possibly with a WITH clause of its own) with the views it reads defined
    /// at its head. SQLite allows one WITH clause per statement, so they join its clause when it has one.
    static func statement(_ statement: String, reading views: [Definition]) -> String {
        guard !views.isEmpty else { return statement }
        let clause = views.map { view in
            // A volatile view is computed once per statement, not copied into each read (`SQLFragment.appendDerivedTable`).
            let materialized = SQLFragment(view.sql).isVolatile ? "MATERIALIZED " : ""
            return SQLiteStorage.quote(view.sqlName) + "(" + view.columns.map(SQLiteStorage.quote).joined(separator: ", ") + ") AS "
                + materialized + "(" + view.sql + ")"
        }.joined(separator: ", ")
        for keyword in ["WITH RECURSIVE ", "WITH "] where statement.hasPrefix(keyword) {
            return keyword + clause + ", " + statement.dropFirst(keyword.count)
        }
        return "WITH " + clause + " " + statement
    }
}
