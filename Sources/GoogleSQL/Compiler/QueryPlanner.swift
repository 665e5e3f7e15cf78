import GRDB
import WarehouseSchema

/// Turns a parsed query into one SQLite statement plus its result schema and the tables it reads.
struct QueryPlanner {
    let statement: Query
    let parameters: [QueryParameter]
    let defaultProject: String
    let defaultDataset: String?
    let now: Int64
    var functions: [SQLFunction] = []
    /// The statement's text, for the spelling of names in errors.
    var text = ""

    func plan(
        catalog: @escaping GoogleSQLCompiler.Catalog, routines: @escaping GoogleSQLCompiler.Routines = { _ in nil }
    ) throws(GoogleSQLError) -> CompiledQuery {
        let context = PlanningContext(
            parameters: parameters, defaultProject: defaultProject, defaultDataset: defaultDataset, now: now, catalog: catalog,
            functions: functions, routines: routines)
        context.sourceText = text
        let planned = ValueTables.asTable(
            try QueryExpressionPlanner(context: context).plan(statement, parent: nil), query: statement, context: context)
        var seen = Set<String>()
        for column in planned.columns where !seen.insert(column.name.lowercased()).inserted {
            throw GoogleSQLError.invalidQuery("Duplicate column names in the result are not supported. Found duplicate(s): \(column.name)")
        }
        let schema = TableSchema(fields: planned.columns.map { $0.type.field(named: $0.name) })
        var compiled = CompiledQuery(
            sql: ViewExpansion.statement(planned.sql.sql, reading: context.views), arguments: planned.sql.arguments, schema: schema,
            scans: context.scans)
        compiled.ownSQL = planned.sql.sql
        compiled.views = context.views
        return compiled
    }
}
