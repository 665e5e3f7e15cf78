/// ST_INTERSECTS, ST_COVERS, ST_CONTAINS and ST_EQUALS on point sets of the sphere.
///
/// An empty geography intersects, covers and is contained in nothing, as in BigQuery, where these
/// functions are FALSE when either side is empty; two empty geographies are equal.
extension Geography {
    public func intersects(_ other: Geography) -> Bool {
        guard !isEmpty, !other.isEmpty else { return false }
        return SphereShape(self).intersects(SphereShape(other))
    }

    /// No point of `other` is outside `self`; the boundary counts as inside.
    public func covers(_ other: Geography) -> Bool {
        guard !isEmpty, !other.isEmpty, canCover(other) else { return false }
        return SphereShape(self).coverage(of: SphereShape(other)).covers
    }

    /// `self` covers `other` and their interiors meet, so a polygon does not contain a point of
    /// its own boundary, nor a line its end points.
    public func contains(_ other: Geography) -> Bool {
        guard !isEmpty, !other.isEmpty, canCover(other) else { return false }
        let coverage = SphereShape(self).coverage(of: SphereShape(other))
        return coverage.covers && coverage.interiorsMeet
    }

    /// The same point set, however it is written: vertex order, repeated points and split edges
    /// do not matter.
    public func equals(_ other: Geography) -> Bool {
        if isEmpty || other.isEmpty { return isEmpty && other.isEmpty }
        guard canCover(other), other.canCover(self) else { return false }
        let mine = SphereShape(self)
        let theirs = SphereShape(other)
        return mine.coverage(of: theirs).covers && theirs.coverage(of: mine).covers
    }

    /// Points cannot cover a line's length, nor lines an area: a cheap early answer.
    private func canCover(_ other: Geography) -> Bool {
        if !other.polygons.isEmpty && polygons.isEmpty { return false }
        if !other.lines.isEmpty && lines.isEmpty && polygons.isEmpty { return false }
        return true
    }
}

extension SphereShape {
    func intersects(_ other: SphereShape) -> Bool {
        for point in points where other.membership(of: point).covered { return true }
        for point in other.points where membership(of: point).covered { return true }
        let edgesMeet = anyEdge { start, end in
            other.anyEdge { otherStart, otherEnd in SphericalArc.intersects(start, end, otherStart, otherEnd) }
        }
        if edgesMeet { return true }
        // With no edges meeting, a line or a ring lies wholly inside or wholly outside the other's
        // polygons, so one vertex of each tells.
        return hasVertexInside(other) || other.hasVertexInside(self)
    }

    private func hasVertexInside(_ other: SphereShape) -> Bool {
        guard !other.polygons.isEmpty else { return false }
        for line in lines where !line.isEmpty && other.locateInPolygons(line[0]) != .outside { return true }
        for polygon in polygons {
            for ring in polygon where !ring.vertices.isEmpty && other.locateInPolygons(ring.vertices[0]) != .outside { return true }
        }
        return false
    }

    /// Whether every point of `other` belongs to `self`, and whether some point of other's interior
    /// is in self's interior.
    ///
    /// Each edge of `other` is cut wherever it meets an edge of `self`; between two cuts a piece is
    /// wholly in or wholly out, so its middle decides it. A polygon of `other` is covered when its
    /// rings are and no boundary of `self`'s polygons (a hole, a gap between two polygons) passes
    /// through its interior.
    func coverage(of other: SphereShape) -> (covers: Bool, interiorsMeet: Bool) {
        var interiorsMeet = false
        for point in other.points {
            let membership = membership(of: point)
            if !membership.covered { return (false, false) }
            if membership.interior { interiorsMeet = true }
        }
        for line in other.lines {
            for vertex in line where !membership(of: vertex).covered { return (false, false) }
            guard line.count >= 2 else { continue }
            for index in 1..<line.count {
                let allCovered = Self.allPieces(start: line[index - 1], end: line[index], cutBy: self, lines: true) { middle in
                    let membership = membership(of: middle)
                    if membership.interior { interiorsMeet = true }
                    return membership.covered
                }
                if !allCovered { return (false, false) }
            }
        }
        guard !other.polygons.isEmpty else { return (true, interiorsMeet) }
        for polygon in other.polygons {
            for ring in polygon {
                for vertex in ring.vertices where locateInPolygons(vertex) == .outside { return (false, false) }
                let ringCovered = !Self.anyEdge(ofRing: ring.vertices) { start, end in
                    !Self.allPieces(start: start, end: end, cutBy: self, lines: false) { middle in
                        locateInPolygons(middle) != .outside
                    }
                }
                if !ringCovered { return (false, false) }
            }
        }
        for (index, polygon) in polygons.enumerated() {
            for ring in polygon {
                let boundaryInside = Self.anyEdge(ofRing: ring.vertices) { start, end in
                    !Self.allPieces(start: start, end: end, cutBy: other, lines: false) { middle in
                        !(other.locateInPolygons(middle) == .inside && locateInPolygons(middle, skipping: index) == .outside)
                    }
                }
                if boundaryInside { return (false, false) }
            }
        }
        // A covered polygon's interior is open, so it meets the interior of what covers it.
        return (true, true)
    }
}
