/// A `RANGE<DATE>`, `RANGE<DATETIME>` or `RANGE<TIMESTAMP>` value: `[start, end)`, either bound
/// absent when it is UNBOUNDED, and `start < end` when both are present.
///
/// Bounds are held in their element's storage form (`SQLiteStorage`): days since 1970-01-01 for
/// DATE, civil microseconds since 1970-01-01T00:00 for DATETIME, microseconds since the epoch for
/// TIMESTAMP.
public struct RangeValue: Sendable, Hashable {
    public enum Element: Sendable, Hashable {
        case date, datetime, timestamp

        public var fieldType: FieldType {
            switch self {
            case .date: .date
            case .datetime: .datetime
            case .timestamp: .timestamp
            }
        }

        public var rangeType: FieldType {
            switch self {
            case .date: .rangeDate
            case .datetime: .rangeDatetime
            case .timestamp: .rangeTimestamp
            }
        }

        public init?(_ type: FieldType) {
            switch type {
            case .date: self = .date
            case .datetime: self = .datetime
            case .timestamp: self = .timestamp
            default: return nil
            }
        }

        /// The smallest and largest storage value of the element (0001-01-01 to 9999-12-31).
        public var limits: ClosedRange<Int64> {
            switch self {
            case .date: -719_162...2_932_896
            case .datetime, .timestamp: CivilTime.minTimestamp...CivilTime.maxTimestamp
            }
        }

        /// Digits of `value - limits.lowerBound`, fixed so that stored texts compare in value order.
        var storageWidth: Int { self == .date ? 7 : 18 }
    }

    public let element: Element
    public let start: Int64?
    public let end: Int64?

    /// Nil when a bound is outside the element's range or `start >= end`.
    public init?(element: Element, start: Int64?, end: Int64?) {
        if let start, !element.limits.contains(start) { return nil }
        if let end, !element.limits.contains(end) { return nil }
        if let start, let end, start >= end { return nil }
        self.element = element
        self.start = start
        self.end = end
    }

    public var type: FieldType { element.rangeType }
}

// MARK: - Text forms

extension RangeValue {
    public enum ParseError: Error, Sendable, Equatable {
        /// Not `[lower, upper)` with one space after the comma.
        case malformed
        /// A bound that is not UNBOUNDED, NULL or a value of the element type.
        case badBound(String)
        /// `lower >= upper`.
        case emptyRange
    }

    /// The literal form, `[2020-01-01, UNBOUNDED)`: each bound UNBOUNDED, NULL (either case) or a value
    /// of the element type in its text form; exactly one space after the comma, as BigQuery requires.
    /// `timestamp` reads a TIMESTAMP bound (the query engine's reader also takes time zone names).
    public static func parse(
        _ text: String, element: Element, timestamp: (String) -> Int64? = CivilTime.parseTimestamp
    ) throws(ParseError) -> RangeValue {
        let trimmed = text.trimmingSpaces()
        guard trimmed.hasPrefix("["), trimmed.hasSuffix(")"), trimmed.utf8.count >= 3 else { throw .malformed }
        let body = trimmed.dropFirst().dropLast()
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].hasPrefix(" "), !parts[1].dropFirst().hasPrefix(" ") else { throw .malformed }
        let lower = try bound(String(parts[0]), element: element, timestamp: timestamp)
        let upper = try bound(String(parts[1].dropFirst()), element: element, timestamp: timestamp)
        guard let value = RangeValue(element: element, start: lower, end: upper) else { throw .emptyRange }
        return value
    }

    private static func bound(_ text: String, element: Element, timestamp: (String) -> Int64?) throws(ParseError) -> Int64? {
        let upper = text.uppercased()
        if upper == "UNBOUNDED" || upper == "NULL" { return nil }
        let value = element == .timestamp ? parseElement(text, element: element, timestamp: timestamp) : parseElement(text, element: element)
        guard let value else { throw .badBound(text) }
        return value
    }

    /// One bound's text as its storage value, or nil when it is not a valid value of the element type.
    /// `timestamp` reads a TIMESTAMP bound, as in `parse`.
    public static func parseElement(
        _ text: String, element: Element, timestamp: (String) -> Int64? = CivilTime.parseTimestamp
    ) -> Int64? {
        guard !text.isEmpty, text.trimmingSpaces() == text else { return nil }
        switch element {
        case .date: return CivilTime.parseDate(text)
        case .datetime:
            guard let parsed = CivilTime.parseDateTime(text) else { return nil }
            return parsed.days * CivilTime.microsPerDay + parsed.timeMicros
        case .timestamp: return timestamp(text)
        }
    }

    /// `[lower, upper)` with each bound written by `format`, UNBOUNDED where it is absent.
    public func text<Failure: Error>(_ format: (Int64) throws(Failure) -> String) throws(Failure) -> String {
        let lower = try start.map(format) ?? "UNBOUNDED"
        let upper = try end.map(format) ?? "UNBOUNDED"
        return "[" + lower + ", " + upper + ")"
    }

    /// A bound as the REST API writes a cell of the element type: `2020-01-01`, `2020-01-01T10:00:00`,
    /// and for TIMESTAMP microseconds since the epoch (what Google's clients read in a range cell).
    public func cellBound(_ value: Int64) -> String {
        switch element {
        case .date: return CivilTime.formatDate(days: value)
        case .datetime:
            let days = CivilTime.floorDiv(value, CivilTime.microsPerDay)
            return CivilTime.formatDateTime(days: days, timeMicros: value - days * CivilTime.microsPerDay)
        case .timestamp: return String(value)
        }
    }
}

// MARK: - Storage form

extension RangeValue {
    /// The SQLite text of the value, built so that comparing two texts byte by byte orders the ranges
    /// as GoogleSQL does (by start, an UNBOUNDED start first; then by end, an UNBOUNDED end last), and
    /// equal ranges have equal texts: `=`, `<`, ORDER BY, GROUP BY and DISTINCT then work on it as is.
    ///
    /// A start is `0` when UNBOUNDED, else `1` and its offset from the element's minimum in fixed-width
    /// digits; an end is `0` and its offset, or `1` when UNBOUNDED; the two are joined by `:`.
    public var storageText: String {
        let width = element.storageWidth
        let minimum = element.limits.lowerBound
        func digits(_ value: Int64) -> String {
            let text = String(value - minimum)
            return String(repeating: "0", count: width - text.utf8.count) + text
        }
        let lower = start.map { "1" + digits($0) } ?? "0"
        let upper = end.map { "0" + digits($0) } ?? "1"
        return lower + ":" + upper
    }

    /// Reads `storageText` back; nil for any other text.
    public init?(storageText: String, element: Element) {
        let parts = storageText.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let minimum = element.limits.lowerBound
        let width = element.storageWidth
        func bound(_ bytes: Substring.UTF8View.SubSequence, unbounded: UInt8) -> Int64?? {
            guard let marker = bytes.first else { return nil }
            if marker == unbounded { return bytes.count == 1 ? .some(nil) : nil }
            let digits = bytes.dropFirst()
            guard marker == (unbounded == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")), digits.count == width,
                let offset = Int64(Substring(digits))
            else { return nil }
            return .some(offset + minimum)
        }
        guard let lower = bound(parts[0], unbounded: UInt8(ascii: "0")), let upper = bound(parts[1], unbounded: UInt8(ascii: "1"))
        else { return nil }
        self.init(element: element, start: lower, end: upper)
    }
}
