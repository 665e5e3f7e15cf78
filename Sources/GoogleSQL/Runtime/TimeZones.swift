import Foundation
import Synchronization
import WarehouseSchema

/// GoogleSQL time zone arguments: a tz database name (`America/Los_Angeles`, `UTC`) or a fixed
/// offset (`+08`, `-5:30`, `UTC+3`), from the host's tz database.
struct TimeZoneRule: Sendable {
    let name: String
    private let zone: TimeZone

    static let utc = TimeZoneRule(name: "UTC", zone: TimeZone(secondsFromGMT: 0)!)

    private static let cache = Mutex<[String: TimeZoneRule]>([:])

    static func named(_ text: String) throws(GoogleSQLError) -> TimeZoneRule {
        if let known = cache.withLock({ $0[text] }) { return known }
        guard let rule = parse(text) else {
            // Cut short: the name may be anything a request sent.
            throw GoogleSQLError.invalidQuery("Invalid time zone: \(text.count > 100 ? text.prefix(100) + "..." : text)")
        }
        cache.withLock { cache in
            if cache.count > 1_000 { cache.removeAll() }
            cache[text] = rule
        }
        return rule
    }

    private static func parse(_ text: String) -> TimeZoneRule? {
        var offsetText = Substring(text)
        if text.uppercased().hasPrefix("UTC"), text.count > 3 { offsetText = offsetText.dropFirst(3) }
        if let sign = offsetText.first, sign == "+" || sign == "-" {
            let parts = offsetText.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let hours = Int(parts[0]), parts[0].count <= 2, hours <= 14 else { return nil }
            var minutes = 0
            if parts.count == 2 {
                guard parts[1].count == 2, let value = Int(parts[1]), value < 60 else { return nil }
                minutes = value
            }
            let seconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
            return TimeZone(secondsFromGMT: seconds).map { TimeZoneRule(name: text, zone: $0) }
        }
        if text.uppercased() == "UTC" || text == "Z" { return utc }
        guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || "/_-+".contains($0) }),
            let zone = TimeZone(identifier: text)
        else { return nil }
        return TimeZoneRule(name: text, zone: zone)
    }

    /// Seconds east of UTC at an instant (microseconds since the epoch).
    func offsetSeconds(atUTC micros: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(CivilTime.floorDiv(micros, 1_000_000)))))
    }

    /// The civil time (microseconds since 1970-01-01T00:00 local) of an instant.
    func civil(fromUTC micros: Int64) -> Int64 { micros + offsetSeconds(atUTC: micros) * 1_000_000 }

    /// The instant of a civil time. In a gap (clocks moved forward) the earlier offset applies; in an
    /// overlap (clocks moved back) the earlier instant.
    func utc(fromCivil local: Int64) -> Int64 {
        let before = offsetSeconds(atUTC: local - 86_400_000_000)
        let after = offsetSeconds(atUTC: local + 86_400_000_000)
        let candidates = [before, after].map { local - $0 * 1_000_000 }
        for candidate in candidates.sorted() where civil(fromUTC: candidate) == local { return candidate }
        return local - before * 1_000_000
    }

    /// `+HH:MM` (`separator` ":") or `+HHMM`.
    func offsetText(atUTC micros: Int64, separator: String) -> String {
        let seconds = offsetSeconds(atUTC: micros)
        let magnitude = abs(seconds)
        return (seconds < 0 ? "-" : "+") + CivilTime.pad(Int(magnitude / 3600), 2) + separator + CivilTime.pad(Int(magnitude / 60 % 60), 2)
    }
}
