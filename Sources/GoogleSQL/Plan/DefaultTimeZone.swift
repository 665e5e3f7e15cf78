import WarehouseSchema

/// `@@time_zone`: the zone BigQuery uses where a query names none, for the civil parts of a
/// TIMESTAMP (DATE(ts), EXTRACT, CAST to STRING or DATE, FORMAT_TIMESTAMP, TIMESTAMP_TRUNC) and for
/// TIMESTAMP text without a zone. In UTC, the default, every site keeps its UTC path; otherwise it
/// takes the path its explicit-zone form takes, with this zone.
extension Resolver {
    /// The default zone's name when it is not UTC; an unknown one is an error naming it.
    func defaultTimeZone() throws(GoogleSQLError) -> String? {
        guard case .string(let name)? = parameters.first(where: { $0.name == GoogleSQLCompiler.timeZoneParameter })?.value,
            name.uppercased() != "UTC"
        else { return nil }
        _ = try TimeZoneRule.named(name)
        return name
    }

    /// The default zone as a STRING argument of the runtime's `_tz` functions, when it is not UTC.
    func defaultTimeZoneArgument(at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression? {
        try defaultTimeZone().map { .constant(.string($0), .string, at: location) }
    }

    /// A TIMESTAMP as its civil time (DATETIME) in the default zone, for the sites that read the
    /// civil parts of a UTC instant; anything else, or any value in UTC, as it is.
    func civilTimeInDefaultZone(_ value: TypedExpression) throws(GoogleSQLError) -> TypedExpression {
        guard value.type == .timestamp, let zone = try defaultTimeZoneArgument(at: value.location) else { return value }
        return call("gsql_civil_from_timestamp", [value, zone], .datetime, at: value.location)
    }

    /// TIMESTAMP text as a constant: a civil time in the default zone when the text names no zone
    /// of its own, else as written. Nil when it is no TIMESTAMP.
    func timestampConstant(_ text: String) throws(GoogleSQLError) -> BigQueryValue? {
        if let zone = try defaultTimeZone(), let (days, time) = CivilTime.parseDateTime(text) {
            let micros = try TimeZoneRule.named(zone).utc(fromCivil: days * CivilTime.microsPerDay + time)
            guard micros >= CivilTime.minTimestamp, micros <= CivilTime.maxTimestamp else { return nil }
            return .timestamp(micros)
        }
        return ValueConversion.convert(.string(text), to: .timestamp) ?? TimestampText.parseWithZoneName(text).map { .timestamp($0) }
    }

    /// CAST between TIMESTAMP and DATE, DATETIME, TIME or STRING in a default zone other than UTC;
    /// nil when the plain cast applies.
    func castInDefaultZone(
        _ value: TypedExpression, from source: FieldType, to target: FieldType, safe: Bool, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression? {
        guard source == .timestamp || target == .timestamp, source != target,
            let zone = try defaultTimeZoneArgument(at: location)
        else { return nil }
        switch (source, target) {
        case (.timestamp, .string):
            return call("gsql_timestamp_string_tz", [value, zone], .string, at: location)
        case (.timestamp, .date), (.timestamp, .datetime), (.timestamp, .time):
            return try castValue(try civilTimeInDefaultZone(value), to: target, safe: safe, at: location)
        case (.date, .timestamp), (.datetime, .timestamp):
            let civil = try castValue(value, to: .datetime, safe: safe, at: location)
            return call("gsql_timestamp_from_civil", [civil, zone], .timestamp, at: location)
        case (.string, .timestamp):
            // Text without a zone becomes the instant's own UTC text first; the cast then reads it.
            let text = call("gsql_text_in_zone", [value, zone, .constant(.bool(safe), .bool, at: location)], .string, at: location)
            return runtimeCast(text, from: source, to: target, safe: safe, at: location)
        default:
            return nil
        }
    }
}
