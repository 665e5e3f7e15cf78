import WarehouseSchema

enum PubSubTime {
    /// RFC 3339 in UTC with a `Z`, as Pub/Sub prints `publishTime` (fraction without trailing zeros).
    static func rfc3339(micros: Int64) -> String {
        let days = CivilTime.floorDiv(micros, CivilTime.microsPerDay)
        return CivilTime.formatDateTime(days: days, timeMicros: micros - days * CivilTime.microsPerDay) + "Z"
    }
}
