/// Reads Well-Known Text (ST_GEOGFROMTEXT) byte by byte.
///
/// Only GEOMETRYCOLLECTION nests, and its depth is bounded, so recursion stays shallow whatever
/// the input; lists of coordinates, however long, are read in loops.
struct WKTReader {
    /// The deepest GEOMETRYCOLLECTION nesting accepted (the outermost counts as 1).
    static let maximumNesting = 32

    private let bytes: [UInt8]
    private var index = 0
    private var builder = GeographyBuilder()

    private init(_ text: String) { bytes = Array(text.utf8) }

    static func read(_ text: String) throws(GeographyError) -> Geography {
        var reader = WKTReader(text)
        try reader.readGeometry(depth: 1)
        reader.skipSpaces()
        guard reader.index == reader.bytes.count else { throw reader.failure("unexpected text after the geometry") }
        return reader.builder.geography
    }

    private mutating func readGeometry(depth: Int) throws(GeographyError) {
        skipSpaces()
        let start = index
        let keyword = readWord()
        switch keyword {
        case "POINT":
            if try readEmpty() { return }
            try expect(UInt8(ascii: "("))
            builder.addPoint(try readCoordinate())
            try expect(UInt8(ascii: ")"))
        case "LINESTRING":
            if try readEmpty() { return }
            try readLine()
        case "POLYGON":
            if try readEmpty() { return }
            try readPolygon()
        case "MULTIPOINT":
            if try readEmpty() { return }
            try readList { (reader: inout WKTReader) throws(GeographyError) in
                // Both MULTIPOINT(1 2, 3 4) and MULTIPOINT((1 2), (3 4)) are written in the wild.
                if try reader.readEmpty() { return }
                if reader.consume(UInt8(ascii: "(")) {
                    reader.builder.addPoint(try reader.readCoordinate())
                    try reader.expect(UInt8(ascii: ")"))
                } else {
                    reader.builder.addPoint(try reader.readCoordinate())
                }
            }
        case "MULTILINESTRING":
            if try readEmpty() { return }
            try readList { (reader: inout WKTReader) throws(GeographyError) in
                if try reader.readEmpty() { return }
                try reader.readLine()
            }
        case "MULTIPOLYGON":
            if try readEmpty() { return }
            try readList { (reader: inout WKTReader) throws(GeographyError) in
                if try reader.readEmpty() { return }
                try reader.readPolygon()
            }
        case "GEOMETRYCOLLECTION":
            guard depth <= Self.maximumNesting else {
                throw failure("GEOMETRYCOLLECTION nested deeper than \(Self.maximumNesting) levels", at: start)
            }
            if try readEmpty() { return }
            try readList { (reader: inout WKTReader) throws(GeographyError) in try reader.readGeometry(depth: depth + 1) }
        case "":
            throw failure("expected a geometry type such as POINT, LINESTRING or POLYGON", at: start)
        default:
            throw failure("unknown geometry type '\(keyword.prefix(40))'", at: start)
        }
    }

    /// `( item, item, ... )`.
    private mutating func readList(_ readItem: (inout WKTReader) throws(GeographyError) -> Void) throws(GeographyError) {
        try expect(UInt8(ascii: "("))
        repeat { try readItem(&self) } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: ")"))
    }

    private mutating func readLine() throws(GeographyError) {
        skipSpaces()
        let start = index
        let vertices = try readCoordinates()
        do throws(GeographyError) { try builder.addLine(vertices) } catch { throw failure(error.message, at: start) }
    }

    private mutating func readPolygon() throws(GeographyError) {
        skipSpaces()
        let start = index
        var rings: [[Geography.Point]] = []
        try readList { (reader: inout WKTReader) throws(GeographyError) in
            reader.skipSpaces()
            let start = reader.index
            let vertices = try reader.readCoordinates()
            do throws(GeographyError) { rings.append(try GeographyBuilder.ring(vertices)) } catch {
                throw reader.failure(error.message, at: start)
            }
        }
        do throws(GeographyError) { try builder.addPolygon(rings) } catch { throw failure(error.message, at: start) }
    }

    /// `( x y, x y, ... )`.
    private mutating func readCoordinates() throws(GeographyError) -> [Geography.Point] {
        var vertices: [Geography.Point] = []
        try readList { (reader: inout WKTReader) throws(GeographyError) in vertices.append(try reader.readCoordinate()) }
        return vertices
    }

    /// `x y`: longitude then latitude, separated by white space.
    private mutating func readCoordinate() throws(GeographyError) -> Geography.Point {
        skipSpaces()
        let start = index
        let longitude = try readNumber()
        guard index < bytes.count, Self.isSpace(bytes[index]) else { throw failure("expected white space and a latitude") }
        skipSpaces()
        let latitude = try readNumber()
        skipSpaces()
        if index < bytes.count, Self.startsNumber(bytes[index]) || Self.isLetter(bytes[index]) {
            throw failure("only two coordinates (longitude latitude) are supported; Z and M values are not")
        }
        do throws(GeographyError) {
            return try Geography.checkedPoint(longitude: longitude, latitude: latitude)
        } catch {
            throw failure(error.message, at: start)
        }
    }

    /// `[+-] digits [. digits] [e [+-] digits]`, or with the digits only after the point. The
    /// grammar is checked here so that words such as nan or inf, which Double(_:) takes, are not.
    private mutating func readNumber() throws(GeographyError) -> Double {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerDigits = skipDigits()
        var fractionDigits = 0
        if consumeByte(UInt8(ascii: ".")) { fractionDigits = skipDigits() }
        guard integerDigits + fractionDigits > 0 else { throw failure("expected a number", at: start) }
        if consumeByte(UInt8(ascii: "e")) || consumeByte(UInt8(ascii: "E")) {
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw failure("expected the digits of an exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw failure("number out of range", at: start) }
        return value
    }

    private mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    /// An ASCII word, upper-cased: keywords are case-insensitive.
    private mutating func readWord() -> String {
        let start = index
        while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self).uppercased()
    }

    /// Consumes `EMPTY` if it comes next; any other word here is an error (Z, M, ZM included).
    private mutating func readEmpty() throws(GeographyError) -> Bool {
        skipSpaces()
        let start = index
        let word = readWord()
        switch word {
        case "": return false
        case "EMPTY": return true
        case "Z", "M", "ZM": throw failure("Z and M coordinates are not supported", at: start)
        default: throw failure("expected '(' or EMPTY", at: start)
        }
    }

    private mutating func expect(_ byte: UInt8) throws(GeographyError) {
        guard consume(byte) else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
    }

    /// Skips white space, then consumes `byte` if it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        skipSpaces()
        return consumeByte(byte)
    }

    private mutating func consumeByte(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpaces() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    private static func startsNumber(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".")
    }

    /// "Invalid WKT at position N: problem", N counting bytes from 0.
    private func failure(_ problem: String, at position: Int? = nil) -> GeographyError {
        let position = position ?? index
        let found = position < bytes.count ? "" : " (at the end of the text)"
        let sentence = problem.hasSuffix(".") ? problem : problem + "."
        return GeographyError("Invalid WKT at position \(position)\(found): \(sentence)")
    }
}
