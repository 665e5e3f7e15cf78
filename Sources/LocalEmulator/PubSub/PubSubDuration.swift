/// protobuf `Duration` in its JSON form (`"600s"`, `"1.5s"`), as microseconds.
package enum PubSubDuration {
    package static func parse(_ value: String) -> Int64? {
        guard value.hasSuffix("s") else { return nil }
        let number = value.dropLast()
        guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), let seconds = Double(number),
            seconds.isFinite, seconds >= 0, seconds < 1e12
        else { return nil }
        return Int64((seconds * 1_000_000).rounded())
    }

    /// `"600s"`, or `"1.5s"` when there is a fraction: the shape Google returns.
    static func format(micros: Int64) -> String {
        let seconds = micros / 1_000_000
        var fraction = micros % 1_000_000
        guard fraction != 0 else { return "\(seconds)s" }
        var digits = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(seconds)." + String(repeating: "0", count: digits - text.count) + text + "s"
    }
}
