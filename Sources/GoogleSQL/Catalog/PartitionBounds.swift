import WarehouseSchema

extension PartitionSpec {
    /// The partition holding a partitioning-column value (in storage micros), as [start, end).
    /// Uses the same truncation as TIMESTAMP_TRUNC, so storage and queries agree on boundaries.
    public func bounds(ofMicros micros: Int64) -> (start: Int64, end: Int64) {
        let unit = granularity.rawValue
        guard let start = try? TimeMath.truncate(micros: micros, unit: unit) else { return (micros, micros + 1) }
        if let size = TimeMath.micros(ofUnit: unit) { return (start, start + size) }
        let startDay = start / CivilTime.microsPerDay
        guard let nextDay = try? TimeMath.addToDate(days: startDay, amount: 1, unit: unit) else { return (start, Int64.max) }
        return (start, nextDay * CivilTime.microsPerDay)
    }

    /// Rows whose partitioning column is NULL live in their own partition, below every real one.
    public static let nullPartition: (start: Int64, end: Int64) = (Int64.min, Int64.min + 1)
}
