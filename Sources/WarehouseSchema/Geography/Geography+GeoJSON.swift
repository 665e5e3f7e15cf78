/// ST_ASGEOJSON: `{ "type": "Point", "coordinates": [1, 2] }`, spaced as BigQuery spaces it.
extension Geography {
    /// One geometry per dimension present, points then lines then polygons, in the single or Multi
    /// form; several make a GeometryCollection, and so does nothing (with no geometries).
    public var geoJSON: String {
        var parts: [String] = []
        Self.appendGeometry(points, "Point", to: &parts, Self.appendPosition)
        Self.appendGeometry(lines, "LineString", to: &parts) { line, text in Self.appendPath(line, closed: false, to: &text) }
        Self.appendGeometry(polygons, "Polygon", to: &parts, Self.appendPolygon)
        if parts.count == 1 { return parts[0] }
        return "{ \"type\": \"GeometryCollection\", \"geometries\": [" + parts.joined(separator: ", ") + "] }"
    }

    /// `items` as one geometry of `type` (a single item) or of its Multi form; nothing when empty.
    private static func appendGeometry<Item>(
        _ items: [Item], _ type: String, to parts: inout [String], _ appendItem: (Item, inout String) -> Void
    ) {
        guard let first = items.first else { return }
        var text = ""
        if items.count == 1 { appendItem(first, &text) } else { appendArray(items, to: &text, appendItem) }
        let name = items.count == 1 ? type : "Multi" + type
        parts.append("{ \"type\": \"\(name)\", \"coordinates\": \(text) }")
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
