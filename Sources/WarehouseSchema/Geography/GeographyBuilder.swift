/// Gathers what a WKT or GeoJSON reader finds into a Geography, normalised as BigQuery stores it:
/// repeated points appear once, a vertex repeated in a row once, a linestring that never moves
/// is its point, and every polygon's exterior runs counter-clockwise with its holes clockwise.
struct GeographyBuilder {
    private(set) var geography = Geography()
    private var seenPoints: Set<Geography.Point> = []

    mutating func addPoint(_ point: Geography.Point) {
        if seenPoints.insert(point).inserted { geography.points.append(point) }
    }

    mutating func addLine(_ vertices: [Geography.Point]) throws(GeographyError) {
        guard vertices.count >= 2 else {
            throw GeographyError("a linestring needs at least 2 points, found \(vertices.count)")
        }
        let distinct = Self.withoutRepeats(vertices)
        if distinct.count == 1 {
            addPoint(distinct[0])
            return
        }
        try Self.checkEdges(distinct, closed: false)
        geography.lines.append(distinct)
    }

    /// The most hole-vertex and exterior-edge pairs a polygon is checked with; past it only each
    /// hole's first vertex is (a hole written outside is still caught, one crossing a bend is not).
    static let maximumHoleCheckPairs = 20_000_000

    /// Rings as `ring(_:)` returned them, exterior first. Each hole must lie within the exterior:
    /// every vertex inside it (or on it) and no edge crossing it, as BigQuery requires.
    mutating func addPolygon(_ rings: [[Geography.Point]]) throws(GeographyError) {
        if rings.count > 1 {
            let exterior = SphericalRing(rings[0])
            let shell = rings[0].map(SphereVector.init)
            for (index, hole) in rings.enumerated().dropFirst() {
                let thorough = hole.count.multipliedReportingOverflow(by: shell.count)
                let checked = !thorough.overflow && thorough.partialValue <= Self.maximumHoleCheckPairs ? hole[...] : hole.prefix(1)
                for vertex in checked where exterior.locate(SphereVector(vertex)) == .outside {
                    throw GeographyError("hole \(index) of the polygon is outside its exterior ring")
                }
                guard checked.count == hole.count else { continue }
                if Self.crosses(hole.map(SphereVector.init), shell) {
                    throw GeographyError("hole \(index) of the polygon crosses its exterior ring")
                }
            }
        }
        var oriented: [[Geography.Point]] = []
        oriented.reserveCapacity(rings.count)
        for (index, ring) in rings.enumerated() {
            let counterClockwise = SphericalRing.isCounterClockwise(ring.map(SphereVector.init))
            // BigQuery turns a ring by reversing its open vertex list, so POLYGON((0 0, 0 2, 2 2,
            // 2 0, 0 0)) is written back as POLYGON((2 0, 2 2, 0 2, 0 0, 2 0)).
            let wantsCounterClockwise = index == 0
            oriented.append(counterClockwise == wantsCounterClockwise ? ring : ring.reversed())
        }
        geography.polygons.append(oriented)
    }

    /// Whether an edge of one closed ring crosses an edge of the other away from their vertices
    /// (rings may touch at a vertex).
    static func crosses(_ ring: [SphereVector], _ other: [SphereVector]) -> Bool {
        for index in ring.indices {
            let (a0, a1) = (ring[index], ring[(index + 1) % ring.count])
            for otherIndex in other.indices {
                let (b0, b1) = (other[otherIndex], other[(otherIndex + 1) % other.count])
                guard let point = SphericalArc.crossing(a0, a1, b0, b1) else { continue }
                let atVertex = [a0, a1, b0, b1].contains { point.angle(to: $0) <= SphericalArc.tolerance }
                if !atVertex { return true }
            }
        }
        return false
    }

    /// A ring as written, with its closing point, checked and returned without that point.
    static func ring(_ vertices: [Geography.Point]) throws(GeographyError) -> [Geography.Point] {
        guard vertices.count >= 4 else {
            throw GeographyError("a polygon ring needs at least 4 points (the first repeated last), found \(vertices.count)")
        }
        guard vertices[0] == vertices[vertices.count - 1] else {
            throw GeographyError(
                "polygon ring is not closed: its first point (\(vertices[0].text)) differs from its last (\(vertices[vertices.count - 1].text))")
        }
        var distinct = withoutRepeats(vertices)
        if distinct.count > 1 { distinct.removeLast() }
        guard distinct.count >= 3 else { throw GeographyError("a polygon ring needs at least 3 distinct vertices") }
        // A ring passing a vertex twice touches itself, which BigQuery refuses too; it also has no
        // one orientation, so it could not be written back as read.
        var seen: Set<Geography.Point> = []
        seen.reserveCapacity(distinct.count)
        for vertex in distinct where !seen.insert(vertex).inserted {
            throw GeographyError("a polygon ring passes its vertex (\(vertex.text)) more than once")
        }
        try checkEdges(distinct, closed: true)
        try checkTurns(distinct)
        try checkCrossings(distinct)
        return distinct
    }

    /// Edges of one ring crossing each other (a bow tie) leave it without an inside, which
    /// BigQuery refuses.
    private static func checkCrossings(_ vertices: [Geography.Point]) throws(GeographyError) {
        guard let crossing = RingCrossings.first(in: vertices.map(SphereVector.init)) else { return }
        let edge = { (start: Int) in "(\(vertices[start].text)) to (\(vertices[(start + 1) % vertices.count].text))" }
        throw GeographyError("a polygon ring crosses itself: the edge from \(edge(crossing.first)) crosses the edge from \(edge(crossing.second))")
    }

    /// A ring that turns back along the edge it came by (1 1, 1 0, 1 2) overlaps itself and may
    /// enclose nothing, so it has no orientation to keep; refused as a self-touching ring is.
    private static func checkTurns(_ vertices: [Geography.Point]) throws(GeographyError) {
        let sphere = vertices.map(SphereVector.init)
        for index in sphere.indices {
            let vertex = sphere[index]
            let previous = sphere[(index + sphere.count - 1) % sphere.count]
            let next = sphere[(index + 1) % sphere.count]
            // The planes through the vertex and each neighbour: the same plane, facing the same
            // way, means both neighbours lie in one direction from the vertex.
            let back = vertex.cross(previous).normalized
            let ahead = vertex.cross(next).normalized
            if back.angle(to: ahead) <= SphericalArc.tolerance {
                throw GeographyError("a polygon ring turns back along its own edge at (\(vertices[index].text))")
            }
        }
    }

    private static func withoutRepeats(_ vertices: [Geography.Point]) -> [Geography.Point] {
        var kept: [Geography.Point] = []
        kept.reserveCapacity(vertices.count)
        for vertex in vertices where vertex != kept.last { kept.append(vertex) }
        return kept
    }

    /// Two antipodal vertices in a row have no single shortest path between them, so no edge.
    private static func checkEdges(_ vertices: [Geography.Point], closed: Bool) throws(GeographyError) {
        guard vertices.count >= 2 else { return }
        var previous = closed ? vertices.count - 1 : 0
        for current in (closed ? 0 : 1)..<vertices.count {
            let start = SphereVector(vertices[previous])
            let end = SphereVector(vertices[current])
            if start.angle(to: end) > .pi - SphericalArc.tolerance {
                throw GeographyError(
                    "the edge from (\(vertices[previous].text)) to (\(vertices[current].text)) joins antipodal points")
            }
            previous = current
        }
    }
}
