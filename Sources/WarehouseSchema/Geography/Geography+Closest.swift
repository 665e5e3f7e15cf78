/// ST_CLOSESTPOINT and ST_MAXDISTANCE on the sphere.
extension Geography {
    /// A point of `self` nearest to `other`; nil when either is empty.
    ///
    /// Where the two meet the answer is a shared point: a vertex of one on the other, or a
    /// crossing of two edges. Otherwise the nearest pair is a vertex of one and a point of an edge
    /// (or a vertex) of the other, so every vertex on either side is tried against the other side.
    public func closestPoint(to other: Geography) -> Geography? {
        guard !isEmpty, !other.isEmpty else { return nil }
        let mine = SphereShape(self)
        let theirs = SphereShape(other)
        var best: (distance: Double, point: SphereVector)?
        func offer(_ distance: Double, _ point: SphereVector) {
            if best == nil || distance < best!.distance { best = (distance, point) }
        }
        // Vertices of self: their own distance to other.
        for vertex in mine.vertices {
            offer(theirs.distance(to: vertex), vertex)
            if best!.distance == 0 { break }
        }
        // Vertices of other: the nearest point of self to each.
        for vertex in theirs.vertices {
            if mine.locateInPolygons(vertex) != .outside {
                offer(0, vertex)
                continue
            }
            if let nearest = mine.nearestPoint(to: vertex) { offer(nearest.distance, nearest.point) }
        }
        // Edges that cross meet at a point of both.
        _ = mine.anyEdge { start, end in
            theirs.anyEdge { otherStart, otherEnd in
                guard let crossing = SphericalArc.crossing(start, end, otherStart, otherEnd) else { return false }
                offer(0, crossing)
                return true
            }
        }
        return best.map { Geography(points: [exactVertex(near: $0.point) ?? $0.point.point]) }
    }

    /// Every point and vertex as written, in the order of `SphereShape.vertices`.
    var allVertices: [Point] {
        var all = points
        for line in lines { all += line }
        for polygon in polygons {
            for ring in polygon { all += ring }
        }
        return all
    }

    /// The vertex `point` is (within rounding), with its coordinates as written: converting a
    /// unit vector back to degrees would turn 1 into 0.9999999999999999.
    func exactVertex(near point: SphereVector) -> Point? {
        allVertices.first { SphereVector($0).angle(to: point) <= 1e-15 }
    }

    /// The greatest distance in meters between a point of `self` and a point of `other`; nil when
    /// either is empty. The farthest point from `a` is the nearest one to its antipode, so the
    /// answer is π less the distance from `self` to the antipodal image of `other`.
    public func maxDistance(to other: Geography) -> Double? {
        guard let nearest = distance(to: other.antipodes) else { return nil }
        return max(0, .pi - nearest / Self.earthRadius) * Self.earthRadius
    }

    /// Every point moved to its antipode; rings keep their vertex order (the smaller region is
    /// still the one they bound).
    var antipodes: Geography {
        func flip(_ point: Point) -> Point {
            Point(longitude: point.longitude > 0 ? point.longitude - 180 : point.longitude + 180, latitude: -point.latitude)
        }
        return Geography(
            points: points.map(flip), lines: lines.map { $0.map(flip) },
            polygons: polygons.map { $0.map { $0.map(flip) } })
    }
}

extension SphereShape {
    /// Points, line vertices and ring vertices.
    var vertices: [SphereVector] {
        var all = points
        for line in lines { all += line }
        for polygon in polygons {
            for ring in polygon { all += ring.vertices }
        }
        return all
    }

    /// The angle from `point` to the nearest point of the shape, polygons' interiors included.
    func distance(to point: SphereVector) -> Double {
        if locateInPolygons(point) != .outside { return 0 }
        return nearestPoint(to: point)?.distance ?? .infinity
    }

    /// The nearest point of the shape's points and edges (not interiors) to `point`.
    func nearestPoint(to point: SphereVector) -> (distance: Double, point: SphereVector)? {
        var best: (distance: Double, point: SphereVector)?
        for candidate in points {
            let distance = point.angle(to: candidate)
            if best == nil || distance < best!.distance { best = (distance, candidate) }
        }
        _ = anyEdge { start, end in
            let nearest = SphericalArc.nearestPoint(to: point, start: start, end: end)
            let distance = point.angle(to: nearest)
            if best == nil || distance < best!.distance { best = (distance, nearest) }
            return false
        }
        return best
    }
}

extension SphericalArc {
    /// The point of the arc from `start` to `end` nearest to `point`: the foot of the perpendicular
    /// when it falls on the arc, else the nearer end.
    static func nearestPoint(to point: SphereVector, start: SphereVector, end: SphereVector) -> SphereVector {
        let nearerEnd = point.angle(to: start) <= point.angle(to: end) ? start : end
        let normal = start.cross(end)
        let normalLength = normal.length
        guard normalLength > 0 else { return nearerEnd }
        let unitNormal = (1 / normalLength) * normal
        let foot = point - point.dot(unitNormal) * unitNormal
        guard foot.length > 1e-15, contains(projected: foot, start: start, end: end, normal: normal) else { return nearerEnd }
        return foot.normalized
    }
}
