/// ST_NUMGEOMETRIES, ST_DUMP, ST_DUMPPOINTS, ST_BOUNDARY, ST_EXTERIORRING, ST_INTERIORRINGS,
/// ST_ISCLOSED and ST_ISRING: a geography taken apart into its simple parts.
extension Geography {
    /// Points, linestrings and polygons, each counted once.
    public var numGeometries: Int { points.count + lines.count + polygons.count }

    /// One simple geography per part, points then lines then polygons as `wkt` writes them;
    /// `dimension` (0, 1 or 2) keeps only parts of that dimension, nil or -1 keeps all.
    public func dump(dimension: Int? = nil) -> [Geography] {
        var parts: [Geography] = []
        if dimension == nil || dimension == 0 { parts += points.map { Geography(points: [$0]) } }
        if dimension == nil || dimension == 1 { parts += lines.map { Geography(lines: [$0]) } }
        if dimension == nil || dimension == 2 { parts += polygons.map { Geography(polygons: [$0]) } }
        return parts
    }

    /// Every point and vertex as a point, in `wkt` order; a ring's vertices once each (its closing
    /// point is not a vertex of its own).
    public var dumpPoints: [Geography] {
        var result = points.map { Geography(points: [$0]) }
        for line in lines { result += line.map { Geography(points: [$0]) } }
        for polygon in polygons {
            for ring in polygon { result += ring.map { Geography(points: [$0]) } }
        }
        return result
    }

    /// A polygon ring as the closed linestring ST_EXTERIORRING and ST_BOUNDARY return.
    static func closedLine(_ ring: [Point]) -> [Point] { ring + ring.prefix(1) }

    /// The union of the parts' boundaries: a linestring's two ends (none when it is closed), every
    /// ring of a polygon as a closed linestring, and nothing for a point.
    public var boundary: Geography {
        var result = Geography()
        for line in lines where line.first != line.last {
            result.points += [line[0], line[line.count - 1]]
        }
        for polygon in polygons {
            for (index, ring) in polygon.enumerated() {
                // Holes are stored clockwise; as lines they run as ST_INTERIORRINGS writes them.
                result.lines.append(Self.closedLine(index == 0 ? ring : ring.reversed()))
            }
        }
        return result
    }

    /// The single polygon's exterior ring, or nil when the geography is not a single polygon.
    public var exteriorRing: Geography? {
        guard points.isEmpty, lines.isEmpty, polygons.count == 1 else { return nil }
        return Geography(lines: [Self.closedLine(polygons[0][0])])
    }

    /// The single polygon's holes as closed linestrings, or nil when it is not a single polygon.
    /// Holes are stored clockwise and come back reversed, as BigQuery's own examples show.
    public var interiorRings: [Geography]? {
        guard points.isEmpty, lines.isEmpty, polygons.count == 1 else { return nil }
        return polygons[0].dropFirst().map { Geography(lines: [Self.closedLine($0.reversed())]) }
    }

    /// Not empty, and every part without a boundary: points, and linestrings that end where they
    /// start. A polygon's boundary is its rings, so only the full globe (never stored) would be.
    public var isClosed: Bool {
        guard !isEmpty, polygons.isEmpty else { return false }
        return lines.allSatisfy { $0.first == $0.last }
    }

    /// A single linestring that is closed and simple. `isSimpleLine` compares every pair of edges,
    /// so callers bound its work.
    public var isRing: Bool {
        guard points.isEmpty, polygons.isEmpty, lines.count == 1, isClosed else { return false }
        return Self.isSimpleLine(lines[0].map(SphereVector.init))
    }

    /// No two edges meet except neighbours at their shared vertex, and the last edge with the first
    /// where a closed line joins up.
    static func isSimpleLine(_ vertices: [SphereVector]) -> Bool {
        let edgeCount = vertices.count - 1
        guard edgeCount >= 1 else { return true }
        let closed = edgeCount >= 2 && vertices[0].angle(to: vertices[edgeCount]) <= SphericalArc.tolerance
        for first in 0..<edgeCount {
            let (a0, a1) = (vertices[first], vertices[first + 1])
            for second in (first + 1)..<edgeCount {
                let (b0, b1) = (vertices[second], vertices[second + 1])
                if second == first + 1 {
                    // Neighbours share a1 == b0; they may not run back over each other.
                    if SphericalArc.touches(b1, start: a0, end: a1) || SphericalArc.touches(a0, start: b0, end: b1) { return false }
                    continue
                }
                if closed, first == 0, second == edgeCount - 1 {
                    if SphericalArc.touches(b0, start: a0, end: a1) || SphericalArc.touches(a1, start: b0, end: b1) { return false }
                    continue
                }
                if SphericalArc.intersects(a0, a1, b0, b1) { return false }
            }
        }
        return true
    }
}
