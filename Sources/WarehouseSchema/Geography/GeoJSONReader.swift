import WireJSON

/// Reads a GeoJSON geometry (ST_GEOGFROMGEOJSON). Features and FeatureCollections are not
/// geometries and are refused, as BigQuery does.
///
/// Errors name where the problem is as a path such as `geometries[1].coordinates[0][3]`; paths
/// are only built when an error is thrown, so large inputs pay nothing for them.
struct GeoJSONReader {
    private var builder = GeographyBuilder()

    static func read(_ text: String) throws(GeographyError) -> Geography {
        let document: JSONValue
        do throws(JSONParseError) { document = try JSONValue(parsing: text) } catch {
            throw GeographyError("Invalid GeoJSON: \(error.description).")
        }
        var reader = GeoJSONReader()
        try reader.readGeometry(document, path: "", depth: 1)
        return reader.builder.geography
    }

    private mutating func readGeometry(_ value: JSONValue, path: String, depth: Int) throws(GeographyError) {
        guard let object = value.objectValue else { throw Self.failure("a geometry must be a JSON object", at: path) }
        guard let type = object["type"]?.stringValue else { throw Self.failure("the \"type\" member must be a string", at: path) }
        let coordinatesPath = Self.join(path, "coordinates")
        if type == "GeometryCollection" {
            guard depth <= WKTReader.maximumNesting else {
                throw Self.failure("GeometryCollection nested deeper than \(WKTReader.maximumNesting) levels", at: path)
            }
            guard let geometries = object["geometries"]?.arrayValue else {
                throw Self.failure("a GeometryCollection needs a \"geometries\" array", at: path)
            }
            for (index, geometry) in geometries.enumerated() {
                try readGeometry(geometry, path: Self.join(path, "geometries") + "[\(index)]", depth: depth + 1)
            }
            return
        }
        guard ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"].contains(type) else {
            throw Self.failure("unsupported type \"\(type.prefix(40))\"; expected a geometry such as Point or Polygon", at: path)
        }
        guard let coordinates = object["coordinates"]?.arrayValue else {
            throw Self.failure("a \(type) needs a \"coordinates\" array", at: path)
        }
        switch type {
        case "Point":
            // An empty array is the empty point.
            if !coordinates.isEmpty { builder.addPoint(try Self.position(.array(coordinates), at: coordinatesPath)) }
        case "MultiPoint":
            for (index, position) in coordinates.enumerated() {
                builder.addPoint(try Self.position(position, at: coordinatesPath + "[\(index)]"))
            }
        case "LineString":
            try readLine(coordinates, at: coordinatesPath)
        case "MultiLineString":
            for (index, line) in coordinates.enumerated() {
                try readLine(try Self.array(line, at: coordinatesPath + "[\(index)]"), at: coordinatesPath + "[\(index)]")
            }
        case "Polygon":
            try readPolygon(coordinates, at: coordinatesPath)
        default:
            for (index, polygon) in coordinates.enumerated() {
                try readPolygon(try Self.array(polygon, at: coordinatesPath + "[\(index)]"), at: coordinatesPath + "[\(index)]")
            }
        }
    }

    private mutating func readLine(_ positions: [JSONValue], at path: String) throws(GeographyError) {
        let vertices = try Self.positions(positions, at: path)
        do throws(GeographyError) { try builder.addLine(vertices) } catch { throw Self.failure(error.message, at: path) }
    }

    private mutating func readPolygon(_ rings: [JSONValue], at path: String) throws(GeographyError) {
        guard !rings.isEmpty else { return }
        var checked: [[Geography.Point]] = []
        for (index, ring) in rings.enumerated() {
            let ringPath = path + "[\(index)]"
            let vertices = try Self.positions(try Self.array(ring, at: ringPath), at: ringPath)
            do throws(GeographyError) { checked.append(try GeographyBuilder.ring(vertices)) } catch {
                throw Self.failure(error.message, at: ringPath)
            }
        }
        do throws(GeographyError) { try builder.addPolygon(checked) } catch { throw Self.failure(error.message, at: path) }
    }

    private static func positions(_ values: [JSONValue], at path: String) throws(GeographyError) -> [Geography.Point] {
        var points: [Geography.Point] = []
        points.reserveCapacity(values.count)
        for (index, value) in values.enumerated() { points.append(try position(value, at: "\(path)[\(index)]")) }
        return points
    }

    /// `[longitude, latitude]`, or with an altitude, which GeoJSON allows and a GEOGRAPHY ignores.
    private static func position(_ value: JSONValue, at path: @autoclosure () -> String) throws(GeographyError) -> Geography.Point {
        guard let numbers = value.arrayValue, (2...3).contains(numbers.count), numbers.allSatisfy(\.isNumber) else {
            throw failure("a position must be an array of 2 numbers, [longitude, latitude]", at: path())
        }
        guard let longitude = numbers[0].doubleValue, let latitude = numbers[1].doubleValue else {
            throw failure("number out of range", at: path())
        }
        do throws(GeographyError) { return try Geography.checkedPoint(longitude: longitude, latitude: latitude) } catch {
            throw failure(error.message, at: path())
        }
    }

    private static func array(_ value: JSONValue, at path: String) throws(GeographyError) -> [JSONValue] {
        guard let array = value.arrayValue else { throw failure("expected an array", at: path) }
        return array
    }

    private static func join(_ path: String, _ member: String) -> String { path.isEmpty ? member : "\(path).\(member)" }

    private static func failure(_ problem: String, at path: String) -> GeographyError {
        let sentence = problem.hasSuffix(".") ? problem : problem + "."
        return GeographyError("Invalid GeoJSON at \(path.isEmpty ? "the top level" : path): \(sentence)")
    }
}
