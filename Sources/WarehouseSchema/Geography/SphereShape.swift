/// A geography converted once to unit vectors and prepared rings, for the relations and distances
/// that ask many questions of the same shape.
struct SphereShape {
    let points: [SphereVector]
    let lines: [[SphereVector]]
    let polygons: [[SphericalRing]]

    init(_ geography: Geography) {
        points = geography.points.map(SphereVector.init)
        lines = geography.lines.map { $0.map(SphereVector.init) }
        polygons = geography.polygons.map { $0.map(SphericalRing.init) }
    }

    /// Calls `visit` with every edge, lines' first and then rings' (closing edges included),
    /// until it returns true; returns whether it did.
    func anyEdge(lines useLines: Bool = true, rings useRings: Bool = true, _ visit: (SphereVector, SphereVector) -> Bool) -> Bool {
        if useLines {
            for line in lines where line.count >= 2 {
                for index in 1..<line.count where visit(line[index - 1], line[index]) { return true }
            }
        }
        if useRings {
            for polygon in polygons {
                for ring in polygon { if Self.anyEdge(ofRing: ring.vertices, visit) { return true } }
            }
        }
        return false
    }

    static func anyEdge(ofRing vertices: [SphereVector], _ visit: (SphereVector, SphereVector) -> Bool) -> Bool {
        var previous = vertices.count - 1
        for current in 0..<vertices.count {
            if visit(vertices[previous], vertices[current]) { return true }
            previous = current
        }
        return false
    }

    static func locate(_ point: SphereVector, in polygon: [SphericalRing]) -> PointLocation {
        guard let exterior = polygon.first else { return .outside }
        let outer = exterior.locate(point)
        guard outer == .inside else { return outer }
        for hole in polygon.dropFirst() {
            switch hole.locate(point) {
            case .inside: return .outside
            case .boundary: return .boundary
            case .outside: continue
            }
        }
        return .inside
    }

    /// The point's place with respect to the union of the polygons (but polygon `skipping`):
    /// inside one wins over the boundary of another.
    func locateInPolygons(_ point: SphereVector, skipping: Int? = nil) -> PointLocation {
        var location = PointLocation.outside
        for (index, polygon) in polygons.enumerated() where index != skipping {
            switch Self.locate(point, in: polygon) {
            case .inside: return .inside
            case .boundary: location = .boundary
            case .outside: break
            }
        }
        return location
    }

    /// Whether the point belongs to the shape, and whether to its interior (a line's interior
    /// leaves out its two ends, a polygon's its rings).
    func membership(of point: SphereVector) -> (covered: Bool, interior: Bool) {
        var covered = false
        for other in points where point.angle(to: other) <= SphericalArc.tolerance { return (true, true) }
        for line in lines where line.count >= 2 {
            for index in 1..<line.count where SphericalArc.touches(point, start: line[index - 1], end: line[index]) {
                covered = true
                let isEnd = point.angle(to: line[0]) <= SphericalArc.tolerance || point.angle(to: line[line.count - 1]) <= SphericalArc.tolerance
                if !isEnd { return (true, true) }
            }
        }
        switch locateInPolygons(point) {
        case .inside: return (true, true)
        case .boundary: return (true, false)
        case .outside: return (covered, false)
        }
    }

    /// One point inside each piece of the arc from `start` to `end` once it is cut wherever it
    /// meets an edge of `cutter`; `visit` returns false to stop, and then so does this.
    static func allPieces(
        start: SphereVector, end: SphereVector, cutBy cutter: SphereShape, lines useLines: Bool,
        _ visit: (SphereVector) -> Bool
    ) -> Bool {
        let length = start.angle(to: end)
        var cuts: [Double] = [0, length]
        _ = cutter.anyEdge(lines: useLines) { edgeStart, edgeEnd in
            if let crossing = SphericalArc.crossing(start, end, edgeStart, edgeEnd) { cuts.append(start.angle(to: crossing)) }
            // An edge's ends on the arc cut it too: that is where an overlapping edge begins or ends.
            if SphericalArc.touches(edgeStart, start: start, end: end) { cuts.append(start.angle(to: edgeStart)) }
            if SphericalArc.touches(edgeEnd, start: start, end: end) { cuts.append(start.angle(to: edgeEnd)) }
            return false
        }
        cuts.sort()
        for index in 1..<cuts.count where cuts[index] - cuts[index - 1] > SphericalArc.tolerance {
            let middle = SphericalArc.point(at: (cuts[index] + cuts[index - 1]) / 2, start: start, end: end)
            if !visit(middle) { return false }
        }
        return true
    }
}
