import GRDB
import WarehouseSchema

/// DATE_BUCKET, DATETIME_BUCKET and TIMESTAMP_BUCKET: the lower bound of the bucket of `width` that
/// holds a value, buckets laid out both ways from an origin (1950-01-01 by default). The rules are
/// the reference's: a DATETIME or DATE width is one non-zero part (months, days, or a time), month
/// buckets keep the origin's day (its month's last day when the origin is on one); a TIMESTAMP
/// width has no months and does not mix days with a time; a width is never zero or negative.
enum TimeBuckets {
    enum Kind: Int64 {
        case date = 0
        case datetime = 1
        case timestamp = 2

        var name: String {
            switch self {
            case .date: "DATE_BUCKET"
            case .datetime: "DATETIME_BUCKET"
            case .timestamp: "TIMESTAMP_BUCKET"
            }
        }
    }

    /// 1950-01-01, the default origin, as days since the epoch.
    static let defaultOriginDays = CivilTime.days(year: 1950, month: 1, day: 1)

    static func failure(_ message: String) -> GoogleSQLError { .invalidQuery(message) }

    /// `value` and `origin` in the kind's storage (days, civil micros, epoch micros).
    static func bucket(_ value: Int64, width: Interval, origin: Int64, kind: Kind) throws(GoogleSQLError) -> Int64 {
        guard width.months >= 0, width.days >= 0, width.micros >= 0 else { throw failure("Negative bucket width INTERVAL is not allowed") }
        if kind == .timestamp {
            guard width.months == 0 else { throw failure("Bucket width INTERVAL with non-zero MONTH part is not allowed") }
            guard width.days == 0 || width.micros == 0 else {
                throw failure("Bucket width INTERVAL with mixed DAY and subsecond parts is not allowed")
            }
            guard width.days != 0 || width.micros != 0 else { throw failure("Zero bucket width INTERVAL is not allowed") }
        } else {
            let parts = [width.months, width.days, width.micros].filter { $0 != 0 }.count
            guard parts == 1 else { throw failure("Exactly one non-zero INTERVAL part in bucket width is required") }
            if kind == .date, width.micros != 0 { throw failure("\(kind.name) supports only a bucket width INTERVAL with date parts") }
        }
        // Work in micros of civil time (DATE as its midnight).
        let scale = kind == .date ? CivilTime.microsPerDay : 1
        let input = value * scale
        let start = origin * scale
        let result: Int64
        if width.months > 0 {
            result = monthBucket(input, origin: start, months: width.months)
        } else {
            let size = width.days > 0 ? width.days * CivilTime.microsPerDay : width.micros
            result = start + CivilTime.floorDiv(input - start, size) * size
        }
        let bounds: ClosedRange<Int64> =
            kind == .timestamp
            ? CivilTime.minTimestamp...CivilTime.maxTimestamp
            : CivilTime.days(year: 1, month: 1, day: 1)
                * CivilTime.microsPerDay...(CivilTime.days(year: 10000, month: 1, day: 1) * CivilTime.microsPerDay - 1)
        guard bounds.contains(result) else {
            throw failure("Bucket for the value is outside of the \(kind == .timestamp ? "timestamp" : kind == .date ? "date" : "datetime") range")
        }
        return kind == .date ? CivilTime.floorDiv(result, CivilTime.microsPerDay) : result
    }

    /// Month buckets: whole months from the origin's month, each starting on the origin's day and
    /// time of day (a shorter month's last day when the origin's day is past it).
    private static func monthBucket(_ input: Int64, origin: Int64, months width: Int64) -> Int64 {
        func split(_ micros: Int64) -> (year: Int, month: Int, day: Int, time: Int64) {
            let days = CivilTime.floorDiv(micros, CivilTime.microsPerDay)
            let (year, month, day) = CivilTime.civil(fromDays: days)
            return (year, month, day, micros - days * CivilTime.microsPerDay)
        }
        func lastDay(_ year: Int, _ month: Int) -> Int {
            [31, CivilTime.isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        }
        let a = split(input)
        let o = split(origin)
        let inputMonth = Int64(a.year) * 12 + Int64(a.month - 1)
        let originMonth = Int64(o.year) * 12 + Int64(o.month - 1)
        let rem = (inputMonth - originMonth) % width
        var month = inputMonth - rem
        // Both on their month's last day count as the same day.
        let originOnLastDay = o.day == lastDay(o.year, o.month)
        let inputDay = originOnLastDay && a.day == lastDay(a.year, a.month) ? o.day : a.day
        let inputRest = Int64(inputDay) * CivilTime.microsPerDay + a.time
        let originRest = Int64(o.day) * CivilTime.microsPerDay + o.time
        if rem < 0 || (rem == 0 && inputRest < originRest) { month -= width }
        let year = Int(CivilTime.floorDiv(month, 12))
        let monthOfYear = Int(month - Int64(year) * 12) + 1
        let day = min(o.day, lastDay(year, monthOfYear))
        return CivilTime.days(year: year, month: monthOfYear, day: day) * CivilTime.microsPerDay + o.time
    }

    static let implementations: [String: Library.Implementation] = [
        // (value, width as INTERVAL text, origin, kind): NULL in, NULL out.
        "gsql_time_bucket": Library.strict(4) { a in
            guard let kind = Kind(rawValue: try Library.int(a[3])) else { throw failure("Invalid bucket kind") }
            let width = try Interval.parseCanonical(Library.text(a[1]))
            return try bucket(try Library.int(a[0]), width: width, origin: try Library.int(a[2]), kind: kind).databaseValue
        }
    ]
}
