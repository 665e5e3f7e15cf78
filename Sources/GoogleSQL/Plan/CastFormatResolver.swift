import WarehouseSchema

/// `CAST(x AS type FORMAT f [AT TIME ZONE tz])`: BYTES to and from STRING in a named encoding, and
/// dates and times to and from STRING with format elements (`YYYY-MM-DD HH24:MI:SS`). The format and
/// the time zone are any STRING expressions, read when the query runs.
extension Resolver {
    mutating func resolveCastFormat(
        _ operand: Expression, to typeName: TypeName, format formatSyntax: Expression, timeZone zoneSyntax: Expression?, safe: Bool,
        at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        guard case .scalar(let name, let parameters) = typeName, parameters == .none, let target = FieldType(apiName: name) else {
            throw fail("Unsupported: CAST ... FORMAT to this type is not supported by the local emulator", location)
        }
        var value = try resolve(operand)
        let format = try resolve(formatSyntax)
        guard format.type == .string || format.type.isNull else {
            throw fail("CAST format must be of type STRING, but was \(format.type.name)", formatSyntax.location)
        }
        let dateTimes: Set<FieldType> = [.date, .datetime, .time, .timestamp]
        if value.type.isNull { value = .constant(.null, target == .string ? .bytes : .string, at: value.location) }
        guard case .scalar(let source) = value.type else { throw fail("Invalid cast from \(value.type.name) to \(target.standardSQLName)", location) }
        switch (source, target) {
        case (.bytes, .string), (.string, .bytes): break
        case (_, .string) where dateTimes.contains(source): break
        case (.string, _) where dateTimes.contains(target): break
        case (.integer, .string), (.float, .string), (.numeric, .string), (.bignumeric, .string):
            throw fail("Unsupported: CAST of \(source.standardSQLName) to STRING with FORMAT is not supported by the local emulator", location)
        default:
            throw fail("Invalid cast from \(source.standardSQLName) to \(target.standardSQLName) with FORMAT", location)
        }
        var zone = try defaultTimeZoneArgument(at: location) ?? TypedExpression.constant(.string("UTC"), .string, at: location)
        if let zoneSyntax {
            guard source == .timestamp || target == .timestamp else {
                throw fail("AT TIME ZONE is only allowed in a CAST from or to TIMESTAMP with FORMAT", zoneSyntax.location)
            }
            zone = try resolve(zoneSyntax)
            guard zone.type == .string || zone.type.isNull else {
                throw fail("AT TIME ZONE must be of type STRING, but was \(zone.type.name)", zoneSyntax.location)
            }
        }
        return call(
            "gsql_cast_format",
            [
                value, text(source.standardSQLName, at: location), text(target.standardSQLName, at: location), format, zone,
                .constant(.int64(context.now), .int64, at: location), .constant(.bool(safe), .bool, at: location),
            ], .scalar(target), at: location)
    }
}
