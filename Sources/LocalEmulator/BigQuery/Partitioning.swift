import GoogleSQL
import WarehouseSchema

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
