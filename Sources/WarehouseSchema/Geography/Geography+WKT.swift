/// ST_ASTEXT: Well-Known Text in BigQuery's spelling, `POINT(1 2)` with no space before the
/// parenthesis and ", " between items.
extension Geography {
    /// One part per dimension present, points then lines then polygons, each in its single or
    /// MULTI form; several parts make a GEOMETRYCOLLECTION, none `GEOMETRYCOLLECTION EMPTY`.
    public var wkt: String {
        var parts: [String] = []
        if !points.isEmpty {
            var text = points.count == 1 ? "POINT(" : "MULTIPOINT("
            Self.appendList(points, to: &text) { point, text in Self.appendCoordinate(point, to: &text) }
            parts.append(text + ")")
        }
        if !lines.isEmpty {
            var text = lines.count == 1 ? "LINESTRING" : "MULTILINESTRING("
            Self.appendList(lines, to: &text) { line, text in Self.appendPath(line, closed: false, to: &text) }
            parts.append(lines.count == 1 ? text : text + ")")
        }
        if !polygons.isEmpty {
            var text = polygons.count == 1 ? "POLYGON" : "MULTIPOLYGON("
            Self.appendList(polygons, to: &text) { polygon, text in Self.appendPolygon(polygon, to: &text) }
            parts.append(polygons.count == 1 ? text : text + ")")
        }
        switch parts.count {
        case 0: return "GEOMETRYCOLLECTION EMPTY"
        case 1: return parts[0]
        default: return "GEOMETRYCOLLECTION(" + parts.joined(separator: ", ") + ")"
        }
    }

    private static func appendPolygon(_ rings: [[Point]], to text: inout String) {
        text += "("
        appendList(rings, to: &text) { ring, text in appendPath(ring, closed: true, to: &text) }
        text += ")"
    }

    /// `(x y, x y)`; a ring gets its first point again at the end.
    private static func appendPath(_ path: [Point], closed: Bool, to text: inout String) {
        text += "("
        appendList(path, to: &text) { point, text in appendCoordinate(point, to: &text) }
        if closed, let first = path.first {
            text += ", "
            appendCoordinate(first, to: &text)
        }
        text += ")"
    }

    private static func appendList<Item>(_ items: [Item], to text: inout String, _ appendItem: (Item, inout String) -> Void) {
        for (index, item) in items.enumerated() {
            if index > 0 { text += ", " }
            appendItem(item, &text)
        }
    }

    private static func appendCoordinate(_ point: Point, to text: inout String) {
        text += CoordinateText.format(point.longitude)
        text += " "
        text += CoordinateText.format(point.latitude)
    }
}
