/// ST_ASGEOJSON: `{ "type": "Point", "coordinates": [1, 2] }`, spaced as BigQuery spaces it.
extension Geography {
    /// One geometry per dimension present, points then lines then polygons, in the single or Multi
    /// form; several make a GeometryCollection, and so does nothing (with no geometries).
    public var geoJSON: String {
        var parts: [String] = []
        if !points.isEmpty {
            var text = ""
            if points.count == 1 {
                Self.appendPosition(points[0], to: &text)
            } else {
                Self.appendArray(points, to: &text, Self.appendPosition)
            }
            parts.append(Self.object(type: points.count == 1 ? "Point" : "MultiPoint", coordinates: text))
        }
        if !lines.isEmpty {
            var text = ""
            if lines.count == 1 {
                Self.appendPath(lines[0], closed: false, to: &text)
            } else {
                Self.appendArray(lines, to: &text) { line, text in Self.appendPath(line, closed: false, to: &text) }
            }
            parts.append(Self.object(type: lines.count == 1 ? "LineString" : "MultiLineString", coordinates: text))
        }
        if !polygons.isEmpty {
            var text = ""
            if polygons.count == 1 {
                Self.appendPolygon(polygons[0], to: &text)
            } else {
                Self.appendArray(polygons, to: &text, Self.appendPolygon)
            }
            parts.append(Self.object(type: polygons.count == 1 ? "Polygon" : "MultiPolygon", coordinates: text))
        }
        if parts.count == 1 { return parts[0] }
        return "{ \"type\": \"GeometryCollection\", \"geometries\": [" + parts.joined(separator: ", ") + "] }"
    }

    private static func object(type: String, coordinates: String) -> String {
        "{ \"type\": \"\(type)\", \"coordinates\": \(coordinates) }"
    }

    private static func appendPolygon(_ rings: [[Point]], to text: inout String) {
        appendArray(rings, to: &text) { ring, text in appendPath(ring, closed: true, to: &text) }
    }

    /// `[[x, y], [x, y]]`; a ring gets its first position again at the end, as GeoJSON requires.
    private static func appendPath(_ path: [Point], closed: Bool, to text: inout String) {
        text += "["
        for (index, point) in path.enumerated() {
            if index > 0 { text += ", " }
            appendPosition(point, to: &text)
        }
        if closed, let first = path.first {
            text += ", "
            appendPosition(first, to: &text)
        }
        text += "]"
    }

    private static func appendArray<Item>(_ items: [Item], to text: inout String, _ appendItem: (Item, inout String) -> Void) {
        text += "["
        for (index, item) in items.enumerated() {
            if index > 0 { text += ", " }
            appendItem(item, &text)
        }
        text += "]"
    }

    private static func appendPosition(_ point: Point, to text: inout String) {
        text += "["
        text += CoordinateText.format(point.longitude)
        text += ", "
        text += CoordinateText.format(point.latitude)
        text += "]"
    }
}
