#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Coordinates as BigQuery writes them in WKT and GeoJSON: to 15 significant digits (see
/// `Geography.Point`), whole numbers without ".0", others in
/// the shortest decimal that reads back as the same Double, and never in exponent notation.
enum CoordinateText {
    /// `value` rounded to 15 significant decimal digits, through C's correctly rounded
    /// formatting and parsing (scaling by a power of ten would round twice).
    static func significant(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value + 0 }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            let written = withVaList([value]) { vsnprintf(buffer.baseAddress, 40, "%.15g", $0) }
            guard written > 0, written < 40 else { return value }
            return strtod(buffer.baseAddress!, nil) + 0
        }
    }

    static func format(_ value: Double) -> String {
        // Zero of either sign is "0": the two zeros are one place.
        if value == 0 { return "0" }
        // Every whole Double below 2^63 converts exactly; Double's own text would add ".0".
        if value.rounded() == value, abs(value) < 9.2e18 { return String(Int64(value)) }
        let shortest = value.description
        guard let exponentMark = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return shortest }
        return expanded(mantissa: shortest[..<exponentMark], exponent: Int(shortest[shortest.index(after: exponentMark)...]) ?? 0)
    }

    /// "1.25e-07" as "0.000000125", "1e+16" as "10000000000000000".
    private static func expanded(mantissa: Substring, exponent: Int) -> String {
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? mantissa.dropFirst() : mantissa
        let digits = unsigned.filter { $0 != "." }
        // Where the decimal point falls among `digits` once the exponent is applied.
        let point = (unsigned.firstIndex(of: ".").map { unsigned.distance(from: unsigned.startIndex, to: $0) } ?? unsigned.count) + exponent
        var text = negative ? "-" : ""
        if point <= 0 {
            text += "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            text += digits + String(repeating: "0", count: point - digits.count)
        } else {
            text += digits.prefix(point) + "." + digits.dropFirst(point)
        }
        return text
    }
}
