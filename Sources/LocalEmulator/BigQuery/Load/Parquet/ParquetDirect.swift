import WarehouseSchema

/// Parquet values read straight into the values BigQuery stores, for a top-level column that is not
/// repeated going to a field without type parameters: a timestamp, date or string is not written as
/// text for the validator to parse back (a quarter of a load's time when it was).
///
/// Each answer must be the value `ParquetJSON` and the validator would make of the same value (the
/// fuzz target `parquet` compares the two). Whatever is not plainly that, nil, goes the JSON way,
/// whose value or error then stands: other pairings of types, a date outside 0001-9999, text that is
/// not UTF-8, a negative unsigned INT64.
enum ParquetDirect {
    /// Whether values of `node` may go straight into `field`.
    static func applies(node: ParquetSchemaNode, field: TableFieldSchema) -> Bool {
        node.isLeaf && node.element.repetition != .repeated && field.mode != .repeated && !field.parameters.constrainsValues
    }

    static func value(_ primitive: ParquetPrimitive, node: ParquetSchemaNode, type: FieldType) -> BigQueryValue? {
        let logical = node.element.logicalType
        switch (type, primitive) {
        case (.boolean, .boolean(let flag)): return .bool(flag)
        case (.float, .float(let number)): return float(Double(number))
        case (.float, .double(let number)): return float(number)
        case (.integer, .int32(let number)):
            switch logical {
            case nil, .integer(_, true)?: return .int64(Int64(number))
            case .integer(_, false)?: return .int64(Int64(UInt32(bitPattern: number)))
            default: return nil
            }
        case (.integer, .int64(let number)):
            switch logical {
            case nil, .integer(_, true)?: return .int64(number)
            case .integer(_, false)? where number >= 0: return .int64(number)
            default: return nil
            }
        case (.date, .int32(let days)) where logical == .date:
            return dates.contains(Int64(days)) ? .date(Int64(days)) : nil
        case (.timestamp, _), (.datetime, _):
            guard let micros = instant(primitive, logical: logical), (CivilTime.minTimestamp...CivilTime.maxTimestamp).contains(micros)
            else { return nil }
            guard type == .datetime else { return .timestamp(micros) }
            let days = CivilTime.floorDiv(micros, CivilTime.microsPerDay)
            return .datetime(days: days, timeMicros: micros - days * CivilTime.microsPerDay)
        case (.time, .int32(let number)): return time(Int64(number), logical: logical)
        case (.time, .int64(let number)): return time(number, logical: logical)
        case (.string, .bytes(let bytes)):
            if case .decimal? = logical { return nil }
            return String(validating: bytes, as: UTF8.self).map { .string($0) }
        case (.bytes, .bytes(let bytes)):
            if case .decimal? = logical { return nil }
            return .bytes(bytes)
        default: return nil
        }
    }

    /// Every NaN (a file may hold any sign and payload) is the one NaN the JSON way makes of "NaN".
    private static func float(_ number: Double) -> BigQueryValue { .float64(number.isNaN ? .nan : number) }

    /// 0001-01-01 to 9999-12-31 in days since the epoch: the dates BigQuery's DATE holds.
    private static let dates = CivilTime.days(year: 1, month: 1, day: 1)...CivilTime.days(year: 9999, month: 12, day: 31)

    /// Microseconds since the epoch of a Parquet timestamp (INT64 of any unit, or legacy INT96).
    private static func instant(_ primitive: ParquetPrimitive, logical: ParquetLogicalType?) -> Int64? {
        switch primitive {
        case .int64(let number):
            guard case .timestamp(_, let unit)? = logical else { return nil }
            return ParquetJSON.micros(number, unit: unit)
        case .int96(let nanos, let julianDay): return ParquetJSON.int96Micros(nanos: nanos, julianDay: julianDay)
        default: return nil
        }
    }

    private static func time(_ value: Int64, logical: ParquetLogicalType?) -> BigQueryValue? {
        guard case .time(_, let unit)? = logical, let micros = ParquetJSON.micros(value, unit: unit), (0..<CivilTime.microsPerDay).contains(micros)
        else { return nil }
        return .time(micros)
    }
}
