/// Reads Well-Known Binary (ST_GEOGFROMWKB) into a normalised Geography.
///
/// Every count is checked against the bytes left before anything is reserved, so a forged count
/// cannot allocate more than the input could describe; only GEOMETRYCOLLECTION nests, to the
/// depth the WKT reader allows.
struct WKBReader {
    private let bytes: [UInt8]
    private var index = 0
    private var builder = GeographyBuilder()

    static func read(_ bytes: [UInt8]) throws(GeographyError) -> Geography {
        var reader = WKBReader(bytes: bytes)
        try reader.readGeometry(depth: 1)
        guard reader.index == bytes.count else { throw reader.failure("unexpected bytes after the geometry") }
        return reader.builder.geography
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func readGeometry(depth: Int) throws(GeographyError) {
        let start = index
        let littleEndian = try readByteOrder()
        let code = try readUInt32(littleEndian)
        // EWKB flags (Z, M, SRID) and ISO Z/M codes (1001 and up) describe 3D or measured data.
        guard code & 0xE000_0000 == 0, code < 1000 else { throw failure("Z and M coordinates and SRIDs are not supported", at: start) }
        guard let type = WKBType(rawValue: code) else { throw failure("unknown geometry type \(code)", at: start) }
        switch type {
        case .point:
            if let point = try readPoint(littleEndian, allowEmpty: true) { builder.addPoint(point) }
        case .line:
            try readLine(littleEndian)
        case .polygon:
            try readPolygon(littleEndian)
        case .multiPoint, .multiLine, .multiPolygon, .collection:
            if type == .collection, depth > WKTReader.maximumNesting {
                throw failure("GEOMETRYCOLLECTION nested deeper than \(WKTReader.maximumNesting) levels", at: start)
            }
            // Each member is at least a header: a byte order and a type.
            let count = try readCount(littleEndian, minimumSize: 5)
            for _ in 0..<count {
                let memberStart = index
                if type == .collection {
                    try readGeometry(depth: depth + 1)
                    continue
                }
                let memberLittleEndian = try readByteOrder()
                let memberCode = try readUInt32(memberLittleEndian)
                let expected: WKBType = type == .multiPoint ? .point : type == .multiLine ? .line : .polygon
                guard memberCode == expected.rawValue else {
                    throw failure("a member of a MULTI geometry must be of type \(expected.rawValue), found \(memberCode)", at: memberStart)
                }
                switch expected {
                case .point:
                    if let point = try readPoint(memberLittleEndian, allowEmpty: true) { builder.addPoint(point) }
                case .line: try readLine(memberLittleEndian)
                default: try readPolygon(memberLittleEndian)
                }
            }
        }
    }

    private mutating func readLine(_ littleEndian: Bool) throws(GeographyError) {
        let start = index
        let vertices = try readPoints(littleEndian)
        // LINESTRING EMPTY has no points.
        guard !vertices.isEmpty else { return }
        do throws(GeographyError) { try builder.addLine(vertices) } catch { throw failure(error.message, at: start) }
    }

    private mutating func readPolygon(_ littleEndian: Bool) throws(GeographyError) {
        let start = index
        let count = try readCount(littleEndian, minimumSize: 4)
        var rings: [[Geography.Point]] = []
        for _ in 0..<count {
            let ringStart = index
            let vertices = try readPoints(littleEndian)
            do throws(GeographyError) { rings.append(try GeographyBuilder.ring(vertices)) } catch {
                throw failure(error.message, at: ringStart)
            }
        }
        guard !rings.isEmpty else { return }
        do throws(GeographyError) { try builder.addPolygon(rings) } catch { throw failure(error.message, at: start) }
    }

    private mutating func readPoints(_ littleEndian: Bool) throws(GeographyError) -> [Geography.Point] {
        let count = try readCount(littleEndian, minimumSize: 16)
        var points: [Geography.Point] = []
        points.reserveCapacity(count)
        for _ in 0..<count {
            guard let point = try readPoint(littleEndian, allowEmpty: false) else { continue }
            points.append(point)
        }
        return points
    }

    /// A coordinate pair; both NaN is POINT EMPTY, which only a lone point may be.
    private mutating func readPoint(_ littleEndian: Bool, allowEmpty: Bool) throws(GeographyError) -> Geography.Point? {
        let start = index
        let longitude = Double(bitPattern: try readUInt64(littleEndian))
        let latitude = Double(bitPattern: try readUInt64(littleEndian))
        if longitude.isNaN, latitude.isNaN, allowEmpty { return nil }
        do throws(GeographyError) {
            return try Geography.checkedPoint(longitude: longitude, latitude: latitude)
        } catch {
            throw failure(error.message, at: start)
        }
    }

    /// A count of items of at least `minimumSize` bytes each, which the bytes left must be able to hold.
    private mutating func readCount(_ littleEndian: Bool, minimumSize: Int) throws(GeographyError) -> Int {
        let start = index
        let count = Int(try readUInt32(littleEndian))
        guard count <= (bytes.count - index) / minimumSize else {
            throw failure("a count of \(count) items is more than the remaining \(bytes.count - index) bytes can hold", at: start)
        }
        return count
    }

    private mutating func readByteOrder() throws(GeographyError) -> Bool {
        guard index < bytes.count else { throw failure("expected a byte order") }
        let order = bytes[index]
        guard order <= 1 else { throw failure("the byte order must be 0 or 1, found \(order)") }
        index += 1
        return order == 1
    }

    private mutating func readUInt32(_ littleEndian: Bool) throws(GeographyError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readInteger(size: 4, littleEndian))
    }

    private mutating func readUInt64(_ littleEndian: Bool) throws(GeographyError) -> UInt64 {
        try readInteger(size: 8, littleEndian)
    }

    private mutating func readInteger(size: Int, _ littleEndian: Bool) throws(GeographyError) -> UInt64 {
        guard bytes.count - index >= size else { throw failure("the data ends too soon") }
        var value: UInt64 = 0
        for offset in 0..<size {
            let byte = UInt64(bytes[index + (littleEndian ? size - 1 - offset : offset)])
            value = value << 8 | byte
        }
        index += size
        return value
    }

    private func failure(_ problem: String, at position: Int? = nil) -> GeographyError {
        let sentence = problem.hasSuffix(".") ? problem : problem + "."
        return GeographyError("Invalid WKB at byte \(position ?? index): \(sentence)")
    }
}
