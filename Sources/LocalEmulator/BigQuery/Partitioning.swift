import GoogleSQL
import WarehouseClient

extension PartitionSpec {
    /// The partition holding a partitioning-column value (in storage micros), as [start, end).
    func bounds(ofMicros micros: Int64) -> (start: Int64, end: Int64) {
        switch granularity {
        case .hour:
            let hour: Int64 = 3_600_000_000
            let start = CivilTime.floorDiv(micros, hour) * hour
            return (start, start + hour)
        case .day:
            let start = CivilTime.floorDiv(micros, CivilTime.microsPerDay) * CivilTime.microsPerDay
            return (start, start + CivilTime.microsPerDay)
        case .month, .year:
            let days = CivilTime.floorDiv(micros, CivilTime.microsPerDay)
            let (year, month, _) = CivilTime.civil(fromDays: days)
            let startMonth = granularity == .month ? month : 1
            let start = CivilTime.days(year: year, month: startMonth, day: 1)
            let next = granularity == .month
                ? (startMonth == 12 ? CivilTime.days(year: year + 1, month: 1, day: 1) : CivilTime.days(year: year, month: startMonth + 1, day: 1))
                : CivilTime.days(year: year + 1, month: 1, day: 1)
            return (start * CivilTime.microsPerDay, next * CivilTime.microsPerDay)
        }
    }

    /// Rows whose partitioning column is NULL live in their own partition, below every real one.
    static let nullPartition: (start: Int64, end: Int64) = (Int64.min, Int64.min + 1)

    /// The partition id of a decorator (`20240101`, `2024010113`, `202401`, `2024`), as BigQuery names them.
    func partitionId(start: Int64) -> String {
        let days = CivilTime.floorDiv(start, CivilTime.microsPerDay)
        let (year, month, day) = CivilTime.civil(fromDays: days)
        let hour = Int((start - days * CivilTime.microsPerDay) / 3_600_000_000)
        switch granularity {
        case .hour: return CivilTime.pad(year, 4) + CivilTime.pad(month, 2) + CivilTime.pad(day, 2) + CivilTime.pad(hour, 2)
        case .day: return CivilTime.pad(year, 4) + CivilTime.pad(month, 2) + CivilTime.pad(day, 2)
        case .month: return CivilTime.pad(year, 4) + CivilTime.pad(month, 2)
        case .year: return CivilTime.pad(year, 4)
        }
    }
}

extension BigQueryValue {
    /// The partitioning key of a TIMESTAMP, DATE or DATETIME value, in micros; nil for NULL.
    var partitionMicros: Int64? {
        switch self {
        case .timestamp(let micros): micros
        case .date(let days): days * CivilTime.microsPerDay
        case .datetime(let days, let time): days * CivilTime.microsPerDay + time
        default: nil
        }
    }

    /// Bytes BigQuery counts for a value (the basis of bytes processed and numBytes).
    var logicalBytes: Int64 {
        switch self {
        case .null: 0
        case .string(let text): 2 + Int64(text.utf8.count)
        case .bytes(let bytes): 2 + Int64(bytes.count)
        case .int64, .float64, .timestamp, .date, .datetime, .time: 8
        case .numeric: 16
        case .bignumeric: 32
        case .bool: 1
        case .json(let text): Int64(text.utf8.count)
        case .record(let fields): fields.reduce(0) { $0 + $1.logicalBytes }
        case .array(let elements): elements.reduce(0) { $0 + $1.logicalBytes }
        }
    }
}
