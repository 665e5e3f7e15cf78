/// ST_TOUCHES: the two meet, but only on their boundaries.
///
/// The interior of a point is the point, of a linestring all but its two ends (all of it when it
/// is closed), of a polygon all but its rings. Interiors meet when a point, a line's interior
/// vertex, a piece of a line's edge between cuts, a crossing of two line interiors, or the
/// interior side of a ring edge lies in the other's interior.
extension Geography {
    public func touches(_ other: Geography) -> Bool {
        guard intersects(other) else { return false }
        let mine = SphereShape(self)
        let theirs = SphereShape(other)
        return !mine.interiorMeets(theirs) && !theirs.interiorMeets(mine)
    }
}

extension SphereShape {
    /// How far to the left of a ring edge a probe is taken: well above `SphericalArc.tolerance`, far
    /// below any edge anyone draws (about 6 mm).
    private static let probeOffset = 1e-9

    /// Whether a point of the interior of `self` is in the interior of `other`; together with the
    /// same question the other way round, this finds every meeting of the two interiors.
    func interiorMeets(_ other: SphereShape) -> Bool {
        for point in points where other.interiorMembership(point) { return true }
        for line in lines where line.count >= 2 {
            let closed = line[0].angle(to: line[line.count - 1]) <= SphericalArc.tolerance
            for (index, vertex) in line.enumerated() {
                let isEnd = !closed && (index == 0 || index == line.count - 1)
                if !isEnd, other.interiorMembership(vertex) { return true }
            }
            for index in 1..<line.count {
                let (start, end) = (line[index - 1], line[index])
                let meets = !Self.allPieces(start: start, end: end, cutBy: other, lines: true) { middle in
                    !other.interiorMembership(middle)
                }
                if meets { return true }
                // A crossing of two lines is one point, between pieces: test it on its own.
                let crosses = other.anyEdge(rings: false) { otherStart, otherEnd in
                    guard let crossing = SphericalArc.crossing(start, end, otherStart, otherEnd) else { return false }
                    return !isEndOfLine(crossing, line, closed: closed) && other.interiorMembership(crossing)
                }
                if crosses { return true }
            }
        }
        guard !other.polygons.isEmpty else { return false }
        for polygon in polygons {
            for ring in polygon {
                // Exteriors run counter-clockwise and holes clockwise, so the polygon's interior is
                // always on the left of a ring edge: probe just there.
                let meets = Self.anyEdge(ofRing: ring.vertices) { start, end in
                    let left = start.cross(end).normalized
                    return !Self.allPieces(start: start, end: end, cutBy: other, lines: false) { middle in
                        let probe = (middle + Self.probeOffset * left).normalized
                        return other.locateInPolygons(probe) != .inside
                    }
                }
                if meets { return true }
            }
        }
        return false
    }

    private func isEndOfLine(_ point: SphereVector, _ line: [SphereVector], closed: Bool) -> Bool {
        guard !closed else { return false }
        return point.angle(to: line[0]) <= SphericalArc.tolerance || point.angle(to: line[line.count - 1]) <= SphericalArc.tolerance
    }

    /// Whether `point` is in the interior of the shape.
    private func interiorMembership(_ point: SphereVector) -> Bool { membership(of: point).interior }
}
