extension FromPlanner {
    /// `SELECT * FROM UNNEST(array of STRUCTs)`: the rows are a value table, so `*` is the STRUCT's
    /// fields (then the offset); over other arrays it is the element itself.
    func unnestStar(_ relation: Int, element: SQLType, resolver: Resolver, at location: SourceLocation) throws(GoogleSQLError) -> [StarColumn] {
        let columns = scope.starColumns(of: relation, at: location)
        guard case .record(let fields) = element, let row = columns.first else { return columns }
        var star: [StarColumn] = []
        for field in fields {
            star.append(StarColumn(name: field.name, expression: try resolver.access(field: field.name, of: row.expression, at: location)))
        }
        return star + columns.dropFirst()
    }
}
