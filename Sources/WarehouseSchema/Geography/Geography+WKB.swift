/// ST_ASBINARY: Well-Known Binary, little-endian, in the same single, MULTI or GEOMETRYCOLLECTION
/// form as `wkt` writes.
extension Geography {
    public var wkb: [UInt8] {
        var writer = WKBWriter()
        var parts = 0
        if !points.isEmpty { parts += 1 }
        if !lines.isEmpty { parts += 1 }
        if !polygons.isEmpty { parts += 1 }
        if parts != 1 { writer.header(.collection, count: parts) }
        if !points.isEmpty {
            if points.count > 1 { writer.header(.multiPoint, count: points.count) }
            for point in points {
                writer.header(.point)
                writer.point(point)
            }
        }
        if !lines.isEmpty {
            if lines.count > 1 { writer.header(.multiLine, count: lines.count) }
            for line in lines {
                writer.header(.line)
                writer.path(line, closed: false)
            }
        }
        if !polygons.isEmpty {
            if polygons.count > 1 { writer.header(.multiPolygon, count: polygons.count) }
            for polygon in polygons {
                writer.header(.polygon)
                writer.count(polygon.count)
                for ring in polygon { writer.path(ring, closed: true) }
            }
        }
        return writer.bytes
    }

    /// Well-Known Binary, as ST_GEOGFROMWKB reads it (either byte order).
    public init(wkb: [UInt8]) throws(GeographyError) { self = try WKBReader.read(wkb) }

    /// Hexadecimal WKB, as ST_GEOGFROMWKB reads a STRING; either case.
    public init(wkbHex text: String) throws(GeographyError) {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { throw GeographyError("Invalid WKB hex: an odd number of digits") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.hexValue(digits[index]), let low = Self.hexValue(digits[index + 1]) else {
                throw GeographyError("Invalid WKB hex: a character that is not a hexadecimal digit at position \(index)")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self = try WKBReader.read(bytes)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The WKB geometry type codes of the 2D OGC types.
enum WKBType: UInt32 {
    case point = 1
    case line = 2
    case polygon = 3
    case multiPoint = 4
    case multiLine = 5
    case multiPolygon = 6
    case collection = 7
}

private struct WKBWriter {
    var bytes: [UInt8] = []

    mutating func header(_ type: WKBType, count: Int? = nil) {
        bytes.append(1)
        uint32(type.rawValue)
        if let count { self.count(count) }
    }

    mutating func count(_ count: Int) { uint32(UInt32(truncatingIfNeeded: count)) }

    mutating func path(_ path: [Geography.Point], closed: Bool) {
        count(path.count + (closed && !path.isEmpty ? 1 : 0))
        for point in path { self.point(point) }
        if closed, let first = path.first { point(first) }
    }

    mutating func point(_ point: Geography.Point) {
        double(point.longitude)
        double(point.latitude)
    }

    private mutating func uint32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private mutating func double(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }
}
