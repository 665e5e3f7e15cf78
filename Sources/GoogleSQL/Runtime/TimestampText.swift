import Foundation
import WarehouseSchema

/// TIMESTAMP text as GoogleSQL reads it in literals and casts: the forms `CivilTime` reads (a zone
/// written as `Z`, `UTC` or an offset), or a civil time followed by a time zone name, as in
/// `TIMESTAMP '2014-09-27 12:30:00.45 America/Los_Angeles'`.
enum TimestampText {
    static func parse(_ text: String) -> Int64? {
        CivilTime.parseTimestamp(text) ?? parseWithZoneName(text)
    }

    /// `civil time` + space + a tz database name (or `UTC+3` and the like): the instant of that civil
    /// time in that zone. Nil for anything else, and for an instant outside 0001-01-01 to 9999-12-31.
    static func parseWithZoneName(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.lastIndex(of: " ") else { return nil }
        let zoneName = String(trimmed[trimmed.index(after: space)...])
        guard zoneName.first?.isLetter == true, let (days, time) = CivilTime.parseDateTime(String(trimmed[..<space])),
            let rule = try? TimeZoneRule.named(zoneName)
        else { return nil }
        let micros = rule.utc(fromCivil: days * CivilTime.microsPerDay + time)
        guard micros >= CivilTime.minTimestamp, micros <= CivilTime.maxTimestamp else { return nil }
        return micros
    }
}
