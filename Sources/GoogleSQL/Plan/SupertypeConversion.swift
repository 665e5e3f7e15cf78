/// Values that meet in one result (array literal elements, CASE/IF/COALESCE branches, set operation
/// columns) take their supertype (`SQLType.common`). A STRUCT's stored form is a JSON object keyed by
/// field name, so a STRUCT whose field names or types differ from the supertype's is rebuilt under
/// the supertype's names and types; otherwise the JSON keys of the branches would disagree.
extension Resolver {
    /// `values` as `type`, their supertype: STRUCTs rebuilt field by field, numbers as `convertedNumbers`.
    func convertedToSupertype(_ values: [TypedExpression], _ type: SQLType) throws(GoogleSQLError) -> [TypedExpression] {
        guard case .record = type else { return convertedNumbers(values, to: type) }
        var converted: [TypedExpression] = []
        for value in values {
            converted.append(value.type == type || value.type.isNull ? value : try coerce(value, to: type, at: value.location))
        }
        return converted
    }
}
