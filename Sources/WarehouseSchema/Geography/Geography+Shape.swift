/// ST_GEOMETRYTYPE, ST_DIMENSION, ST_NUMPOINTS, ST_X and ST_Y.
extension Geography {
    /// The name of the WKT form `wkt` writes, with BigQuery's "ST_" prefix.
    public var geometryType: String {
        let kinds = (points.isEmpty ? 0 : 1) + (lines.isEmpty ? 0 : 1) + (polygons.isEmpty ? 0 : 1)
        guard kinds == 1 else { return "ST_GeometryCollection" }
        if !points.isEmpty { return points.count == 1 ? "ST_Point" : "ST_MultiPoint" }
        if !lines.isEmpty { return lines.count == 1 ? "ST_LineString" : "ST_MultiLineString" }
        return polygons.count == 1 ? "ST_Polygon" : "ST_MultiPolygon"
    }

    /// 2 with polygons, else 1 with lines, else 0 with points; -1 when empty.
    public var dimension: Int {
        if !polygons.isEmpty { return 2 }
        if !lines.isEmpty { return 1 }
        return points.isEmpty ? -1 : 0
    }

    /// Every vertex as WKT writes it: each ring counts its closing point.
    public var numPoints: Int {
        var count = points.count
        for line in lines { count += line.count }
        for polygon in polygons {
            for ring in polygon { count += ring.count + 1 }
        }
        return count
    }

    /// The longitude of a geography that is a single point; nil for anything else.
    public var x: Double? { singlePoint?.longitude }

    /// The latitude of a geography that is a single point; nil for anything else.
    public var y: Double? { singlePoint?.latitude }

    private var singlePoint: Point? {
        guard lines.isEmpty, polygons.isEmpty, let first = points.first, points.allSatisfy({ $0 == first }) else { return nil }
        return first
    }
}
