import Foundation
import GRDB
import WarehouseSchema

/// `gsql_cast_format(value, source type, target type, format, zone, now, safe)`: CAST ... FORMAT.
/// NULL when the value, the format or the time zone is NULL; with `safe` (SAFE_CAST) NULL also when
/// the format or the value is invalid, as GoogleSQL's reference implementation answers.
enum CastFormatFunctions {
    static let implementations: [String: Library.Implementation] = [
        "gsql_cast_format": (
            7,
            { a in
                if a[0].isNull || a[3].isNull || a[4].isNull { return .null }
                do {
                    return try cast(a)
                } catch {
                    if (try? Library.int(a[6])) == 1 { return .null }
                    throw error
                }
            }
        )
    ]

    private static func cast(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let source = Library.text(a[1])
        let target = Library.text(a[2])
        let format = Library.text(a[3])
        switch (source, target) {
        case ("BYTES", "STRING"): return try BytesTextFormat.text(of: Library.bytes(a[0]), format: format).databaseValue
        case ("STRING", "BYTES"):
            return Data(try BytesTextFormat.bytes(of: Library.text(a[0]), format: format)).databaseValue
        case (_, "STRING"):
            guard let kind = DateTimeCastFormat.Kind(rawValue: source) else { break }
            let value = try Library.int(a[0])
            switch kind {
            case .date: return try DateTimeCastFormat.format(format, kind: kind, days: value, timeOfDay: 0).databaseValue
            case .time: return try DateTimeCastFormat.format(format, kind: kind, days: nil, timeOfDay: value).databaseValue
            case .datetime:
                let days = CivilTime.floorDiv(value, CivilTime.microsPerDay)
                return try DateTimeCastFormat.format(format, kind: kind, days: days, timeOfDay: value - days * CivilTime.microsPerDay)
                    .databaseValue
            case .timestamp:
                let zone = try TimeZoneRule.named(Library.text(a[4]))
                let offset = zone.offsetSeconds(atUTC: value)
                let civil = value + offset * 1_000_000
                let days = CivilTime.floorDiv(civil, CivilTime.microsPerDay)
                return try DateTimeCastFormat.format(
                    format, kind: kind, days: days, timeOfDay: civil - days * CivilTime.microsPerDay, offsetSeconds: offset
                ).databaseValue
            }
        case ("STRING", _):
            guard let kind = DateTimeCastFormat.Kind(rawValue: target) else { break }
            let zone = try TimeZoneRule.named(Library.text(a[4]))
            let now = try Library.int(a[5])
            let today = CivilTime.floorDiv(zone.civil(fromUTC: now), CivilTime.microsPerDay)
            return try DateTimeCastFormat.parse(Library.text(a[0]), format: format, kind: kind, nowDays: today, zone: zone).databaseValue
        default: break
        }
        throw GoogleSQLError.invalidQuery("Invalid cast from \(source) to \(target) with FORMAT")
    }
}
