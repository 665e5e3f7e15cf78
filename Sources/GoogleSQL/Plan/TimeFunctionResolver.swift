import WarehouseSchema

/// Date/time functions of the library: PARSE_*, time zone arguments, LAST_DAY, TIME_*, the
/// DATETIME/TIME constructors.
extension Resolver {
    private mutating func zoneArgument(_ syntax: Expression, of name: String) throws(GoogleSQLError) -> TypedExpression {
        let zone = try resolve(syntax)
        guard zone.type == .string || zone.type.isNull else {
            throw fail("No matching signature for function \(name): the time zone must be a STRING, not \(zone.type.name)", syntax.location)
        }
        return zone
    }

    /// A TIMESTAMP argument; a string literal converts to one.
    private mutating func timestampArgument(
        _ syntax: Expression, of name: String, at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        var value = try resolve(syntax)
        if value.isStringLiteral { value = try coerceLiteral(value, to: .timestamp) }
        guard value.type == .timestamp || value.type.isNull else { throw functionSignatureError(name, [value], at: location) }
        return value
    }

    mutating func resolveTimeFunction(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression?
    {
        switch (name, syntax.count) {
        case ("DATE_BUCKET", _), ("DATETIME_BUCKET", _), ("TIMESTAMP_BUCKET", _):
            return try resolveTimeBucket(name, syntax, at: location)
        case ("PARSE_DATE", _), ("PARSE_DATETIME", _), ("PARSE_TIME", _), ("PARSE_TIMESTAMP", _):
            try expectCount(name, syntax, name == "PARSE_TIMESTAMP" ? 2...3 : 2...2, at: location)
            let arguments = try resolveArguments(syntax)
            guard arguments.allSatisfy({ $0.type == .string || $0.type.isNull }) else { throw functionSignatureError(name, arguments, at: location) }
            let kind = String(name.dropFirst("PARSE_".count))
            let type: SQLType = kind == "DATE" ? .date : kind == "TIME" ? .time : kind == "DATETIME" ? .datetime : .timestamp
            // PARSE_TIMESTAMP reads text without a zone in the default one.
            var zone = Array(arguments.dropFirst(2))
            if zone.isEmpty, kind == "TIMESTAMP", let defaultZone = try defaultTimeZoneArgument(at: location) { zone = [defaultZone] }
            return call("gsql_parse_time", [arguments[0], arguments[1], text(kind, at: location)] + zone, type, at: location)
        case ("FORMAT_TIMESTAMP", 3):
            let format = try resolve(syntax[0])
            let value = try timestampArgument(syntax[1], of: name, at: location)
            let zone = try zoneArgument(syntax[2], of: name)
            guard format.type == .string || format.type.isNull else { throw functionSignatureError(name, [format, value, zone], at: location) }
            return call("gsql_format_timestamp_tz", [format, value, zone], .string, at: location)
        case ("TIMESTAMP", 2):
            var value = try resolve(syntax[0])
            let zone = try zoneArgument(syntax[1], of: name)
            if value.isStringLiteral { value = try coerceLiteral(value, to: .datetime) }
            switch value.type {
            case .string, .date: value = try castValue(value, to: .datetime, safe: false, at: location)
            case .datetime, .null: break
            default: throw functionSignatureError(name, [value, zone], at: location)
            }
            return call("gsql_timestamp_from_civil", [value, zone], .timestamp, at: location)
        case ("STRING", 2):
            let value = try timestampArgument(syntax[0], of: name, at: location)
            return call("gsql_timestamp_string_tz", [value, try zoneArgument(syntax[1], of: name)], .string, at: location)
        case ("DATETIME", 2):
            let first = try resolve(syntax[0])
            if first.type == .date {
                var time = try resolve(syntax[1])
                if time.isStringLiteral { time = try coerceLiteral(time, to: .time) }
                guard time.type == .time || time.type.isNull else { throw functionSignatureError(name, [first, time], at: location) }
                return call("gsql_datetime_from_date_time", [first, time], .datetime, at: location)
            }
            let value = try timestampArgument(syntax[0], of: name, at: location)
            return call("gsql_civil_from_timestamp", [value, try zoneArgument(syntax[1], of: name)], .datetime, at: location)
        case ("DATETIME", 6):
            let arguments = try resolveArguments(syntax)
            guard arguments.allSatisfy({ $0.type == .int64 || $0.type.isNull }) else { throw functionSignatureError(name, arguments, at: location) }
            let date = call("gsql_date_from_parts", Array(arguments[0..<3]), .date, at: location)
            let time = call("gsql_time_from_parts", Array(arguments[3..<6]), .time, at: location)
            return call("gsql_datetime_from_date_time", [date, time], .datetime, at: location)
        case ("DATE", 2):
            let value = try timestampArgument(syntax[0], of: name, at: location)
            let civil = call("gsql_civil_from_timestamp", [value, try zoneArgument(syntax[1], of: name)], .datetime, at: location)
            return call("gsql_date_from_micros", [civil], .date, at: location)
        case ("TIME", _):
            try expectCount(name, syntax, 1...3, at: location)
            if syntax.count == 3 {
                let arguments = try resolveArguments(syntax)
                guard arguments.allSatisfy({ $0.type == .int64 || $0.type.isNull }) else {
                    throw functionSignatureError(name, arguments, at: location)
                }
                return call("gsql_time_from_parts", arguments, .time, at: location)
            }
            if syntax.count == 2 {
                let value = try timestampArgument(syntax[0], of: name, at: location)
                let civil = call("gsql_civil_from_timestamp", [value, try zoneArgument(syntax[1], of: name)], .datetime, at: location)
                return try castValue(civil, to: .time, safe: false, at: location)
            }
            let value = try resolve(syntax[0])
            if value.isStringLiteral { return try coerceLiteral(value, to: .time) }
            guard [.timestamp, .datetime, .time, .null].contains(value.type) else { throw functionSignatureError(name, [value], at: location) }
            return try castValue(value, to: .time, safe: false, at: location)
        case ("TIMESTAMP_TRUNC", _), ("DATETIME_TRUNC", _), ("DATE_TRUNC", _):
            return try resolveTrunc(name, syntax, at: location)
        case ("LAST_DAY", _):
            try expectCount(name, syntax, 1...2, at: location)
            var value = try resolve(syntax[0])
            if value.isStringLiteral { value = try coerceLiteral(value, to: .date) }
            if value.type == .datetime { value = call("gsql_date_from_micros", [value], .date, at: value.location) }
            guard value.type == .date || value.type.isNull else { throw functionSignatureError(name, [value], at: location) }
            let unit = syntax.count == 2 ? try datePart(syntax[1], allowed: Self.dateUnits) : "MONTH"
            guard unit != "DAY" else { throw fail("LAST_DAY does not support the DAY date part", syntax[1].location) }
            return call("gsql_last_day", [value, text(unit, at: location)], .date, at: location)
        case ("TIME_ADD", _), ("TIME_SUB", _):
            try expectCount(name, syntax, 2...2, at: location)
            var value = try resolve(syntax[0])
            if value.isStringLiteral { value = try coerceLiteral(value, to: .time) }
            guard case .interval(let amountSyntax, let unit) = syntax[1].kind else {
                throw fail("Expected INTERVAL expression as the second argument of \(name)", syntax[1].location)
            }
            var amount = try resolve(amountSyntax)
            guard value.type == .time || value.type.isNull, amount.type == .int64 || amount.type.isNull,
                let size = TimeMath.micros(ofUnit: unit), unit != "DAY"
            else { throw functionSignatureError(name, [value, amount], at: location) }
            if name == "TIME_SUB" { amount = TypedExpression(node: .negate(amount), type: .int64, location: amount.location) }
            return call("gsql_time_add", [value, amount, int(size, at: location)], .time, at: location)
        case ("TIME_DIFF", _), ("TIME_TRUNC", _):
            try expectCount(name, syntax, name == "TIME_DIFF" ? 3...3 : 2...2, at: location)
            var values: [TypedExpression] = []
            for argument in syntax.dropLast() {
                var value = try resolve(argument)
                if value.isStringLiteral { value = try coerceLiteral(value, to: .time) }
                guard value.type == .time || value.type.isNull else { throw functionSignatureError(name, [value], at: location) }
                values.append(value)
            }
            let unit = try datePart(syntax[syntax.count - 1], allowed: Self.microUnits.subtracting(["DAY"]))
            if name == "TIME_TRUNC" { return call("gsql_timestamp_trunc", values + [text(unit, at: location)], .time, at: location) }
            return call("gsql_datetime_diff", values + [text(unit, at: location)], .int64, at: location)
        case ("CURRENT_DATE", 1), ("CURRENT_DATETIME", 1), ("CURRENT_TIME", 1):
            let civil = call(
                "gsql_civil_from_timestamp", [.constant(.timestamp(now), .timestamp, at: location), try zoneArgument(syntax[0], of: name)], .datetime,
                at: location)
            if name == "CURRENT_DATETIME" { return civil }
            if name == "CURRENT_TIME" { return try castValue(civil, to: .time, safe: false, at: location) }
            return call("gsql_date_from_micros", [civil], .date, at: location)
        default:
            return nil
        }
    }

    /// DATE_TRUNC, DATETIME_TRUNC and TIMESTAMP_TRUNC: each truncates a DATE (DATE_TRUNC only), a
    /// DATETIME or a TIMESTAMP and answers the type it was given; a TIMESTAMP's boundaries are those
    /// of the zone given, or of the default one. A string literal is read as the name's own type.
    @inline(never)
    private mutating func resolveTrunc(_ name: String, _ syntax: [Expression], at location: SourceLocation) throws(GoogleSQLError) -> TypedExpression
    {
        try expectCount(name, syntax, 2...3, at: location)
        var value = try resolve(syntax[0])
        if value.isStringLiteral {
            value = try coerceLiteral(value, to: name == "DATE_TRUNC" ? .date : name == "DATETIME_TRUNC" ? .datetime : .timestamp)
        }
        if value.type.isNull {
            value = .constant(.null, name == "DATE_TRUNC" ? .date : name == "DATETIME_TRUNC" ? .datetime : .timestamp, at: value.location)
        }
        switch value.type {
        case .date where name == "DATE_TRUNC" && syntax.count == 2:
            let unit = try datePart(syntax[1], allowed: Self.dateUnits)
            return call("gsql_date_trunc", [value, text(unit, at: location)], .date, at: location)
        case .datetime where syntax.count == 2:
            let unit = try datePart(syntax[1], allowed: Self.truncUnits)
            return call("gsql_timestamp_trunc", [value, text(unit, at: location)], .datetime, at: location)
        case .timestamp:
            let unit = try datePart(syntax[1], allowed: Self.truncUnits)
            if let zone = syntax.count == 3 ? try zoneArgument(syntax[2], of: name) : try defaultTimeZoneArgument(at: location) {
                return call("gsql_timestamp_trunc_tz", [value, text(unit, at: location), zone], .timestamp, at: location)
            }
            return call("gsql_timestamp_trunc", [value, text(unit, at: location)], .timestamp, at: location)
        default:
            throw functionSignatureError(name, [value], at: location)
        }
    }

    /// DATE_BUCKET, DATETIME_BUCKET, TIMESTAMP_BUCKET (`TimeBuckets`). Kept out of
    /// `resolveTimeFunction`, whose frame every nested call on the way to a time function pays for:
    /// a larger one made the deepest expressions the parser allows overflow the fuzz build's stack.
    @inline(never)
    private mutating func resolveTimeBucket(
        _ name: String, _ syntax: [Expression], at location: SourceLocation
    ) throws(GoogleSQLError) -> TypedExpression {
        try expectCount(name, syntax, 2...3, at: location)
        let kind: TimeBuckets.Kind = name == "DATE_BUCKET" ? .date : name == "DATETIME_BUCKET" ? .datetime : .timestamp
        let type: SQLType = kind == .date ? .date : kind == .datetime ? .datetime : .timestamp
        var arguments = try resolveArguments(syntax)
        for index in [0, 2] where index < arguments.count && arguments[index].isStringLiteral {
            guard case .scalar(let scalar) = type else { break }
            arguments[index] = try coerceLiteral(arguments[index], to: scalar)
        }
        if kind == .datetime, arguments[0].type == .date { arguments[0] = try castValue(arguments[0], to: .datetime, safe: false, at: location) }
        guard arguments[0].type == type || arguments[0].type.isNull, arguments[1].type == .interval || arguments[1].type.isNull,
            arguments.count < 3 || arguments[2].type == type || arguments[2].type.isNull
        else { throw functionSignatureError(name, arguments, at: location) }
        if arguments.count == 2 {
            let days = TimeBuckets.defaultOriginDays
            let origin: BigQueryValue =
                kind == .date ? .date(days) : kind == .datetime ? .datetime(days: days, timeMicros: 0) : .timestamp(days * CivilTime.microsPerDay)
            arguments.append(.constant(origin, type, at: location))
        }
        return call("gsql_time_bucket", arguments + [.constant(.int64(kind.rawValue), .int64, at: location)], type, at: location)
    }
}
