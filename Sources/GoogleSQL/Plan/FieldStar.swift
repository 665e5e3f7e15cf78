/// `SELECT expr.*` (BigQuery's "SELECT expression.*"): one column per field of a STRUCT value, in
/// field order and named after the fields; `EXCEPT` and `REPLACE` apply to them like to a table's.
extension Resolver {
    mutating func fieldStar(_ syntax: Expression, at location: SourceLocation) throws(GoogleSQLError) -> [StarColumn] {
        let value = try resolve(syntax)
        guard case .record(let fields) = value.type else {
            throw fail("Dot-star is not supported for type \(value.type.name)", location)
        }
        var entries: [StarColumn] = []
        for field in fields {
            entries.append(StarColumn(name: field.name, expression: try access(field: field.name, of: value, at: location)))
        }
        return entries
    }
}
