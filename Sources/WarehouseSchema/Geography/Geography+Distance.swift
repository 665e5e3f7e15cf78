/// ST_DISTANCE on the sphere.
extension Geography {
    /// The shortest great-circle distance in meters between the two point sets: 0 when they
    /// intersect, nil when either is empty.
    ///
    /// Two sets that do not intersect are nearest somewhere on their boundaries, so only points
    /// and edges (polygon rings included) are compared, pair by pair.
    public func distance(to other: Geography) -> Double? {
        guard !isEmpty, !other.isEmpty else { return nil }
        let mine = SphereShape(self)
        let theirs = SphereShape(other)
        if mine.intersects(theirs) { return 0 }
        var nearest = Double.infinity
        for point in mine.points {
            for otherPoint in theirs.points { nearest = min(nearest, point.angle(to: otherPoint)) }
            _ = theirs.anyEdge { start, end in
                nearest = min(nearest, SphericalArc.distance(from: point, start: start, end: end))
                return false
            }
        }
        for otherPoint in theirs.points {
            _ = mine.anyEdge { start, end in
                nearest = min(nearest, SphericalArc.distance(from: otherPoint, start: start, end: end))
                return false
            }
        }
        _ = mine.anyEdge { start, end in
            theirs.anyEdge { otherStart, otherEnd in
                nearest = min(nearest, SphericalArc.distance(start, end, otherStart, otherEnd))
                return false
            }
        }
        return nearest * Self.earthRadius
    }
}
