import Foundation

/// Reading the text of a setting (a flag or an environment variable) as a typed value; nil when
/// the text is not one. Durations and sizes are written as people write them: `200ms`, `5m`, `10MiB`.
enum SettingText {
    /// `200ms`, `10s`, `1.5s`, `5m`, `1h`, `1m30s`; units ns, us (µs), ms, s, m, h. A bare number
    /// is refused: `--max-batch-age 200` could mean seconds or milliseconds.
    static func duration(_ text: String) -> Duration? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var total = Duration.zero
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            guard let value = Double(number), value.isFinite, value >= 0, let scale = durationUnits[String(unit)] else { return nil }
            let nanoseconds = value * scale
            guard nanoseconds < 1e18 else { return nil }
            total += .nanoseconds(Int64(nanoseconds.rounded()))
        }
        return total
    }

    private static let durationUnits: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]

    /// The shortest of `duration`'s forms that reads back as the same value: `200ms`, `1m`, `90s`.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        for (unit, scale) in [("h", Int64(3_600_000_000_000)), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000)]
        where nanoseconds != 0 && nanoseconds % scale == 0 {
            return "\(nanoseconds / scale)\(unit)"
        }
        return "\(nanoseconds)ns"
    }

    /// A whole number, with `_` allowed as a digit separator (`10_000`).
    static func integer(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: ""))
    }

    /// Bytes: a whole number, optionally with a unit: B, KB, MB, GB (powers of 1000) or KiB, MiB,
    /// GiB (powers of 1024).
    static func byteCount(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard let value = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let scale = byteUnits[unit.lowercased()] else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }

    private static let byteUnits: [String: Int] = [
        "": 1, "b": 1, "kb": 1000, "mb": 1_000_000, "gb": 1_000_000_000, "kib": 1024, "mib": 1024 * 1024, "gib": 1024 * 1024 * 1024,
    ]

    /// `123` → `123`, `5242880` → `5MiB`: the exact form a person reads fastest.
    static func formatBytes(_ count: Int) -> String {
        for (unit, scale) in [("GiB", 1024 * 1024 * 1024), ("MiB", 1024 * 1024), ("KiB", 1024)] where count != 0 && count % scale == 0 {
            return "\(count / scale)\(unit)"
        }
        return "\(count)"
    }

    static func bool(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: return nil
        }
    }

    /// A comma-separated list; `none` (or nothing) is the empty list.
    static func list(_ text: String) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.lowercased() != "none" else { return [] }
        return trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A name, or nil for `none`.
    static func optionalName(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed.lowercased() == "none" ? nil : trimmed
    }
}
