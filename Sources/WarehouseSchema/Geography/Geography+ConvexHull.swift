/// ST_CONVEXHULL on the sphere.
extension Geography {
    /// The smallest convex geography covering every vertex: a point, a linestring when every
    /// vertex lies on one geodesic, else a polygon. nil when empty.
    ///
    /// Vertices within a hemisphere are projected gnomonically from its centre, which maps
    /// geodesics to straight lines, so the planar hull (monotone chain) is the spherical one. A
    /// geography reaching beyond a hemisphere has the whole globe as its hull, which a stored
    /// GEOGRAPHY cannot hold here: that throws.
    public var convexHull: Geography? {
        get throws(GeographyError) {
            let originals = Array(Set(allVertices))
            guard !originals.isEmpty else { return nil }
            if originals.count == 1 { return Geography(points: originals) }
            let vectors = originals.map(SphereVector.init)
            var sum = SphereVector(x: 0, y: 0, z: 0)
            for vector in vectors { sum = sum + vector }
            let centre = sum.normalized
            guard sum.length > 1e-12, vectors.allSatisfy({ $0.dot(centre) > 1e-9 }) else {
                throw GeographyError("the convex hull of a geography that is not within a hemisphere is the full globe")
            }
            let reference = abs(centre.x) < 0.6 ? SphereVector(x: 1, y: 0, z: 0) : SphereVector(x: 0, y: 1, z: 0)
            let axisU = centre.cross(reference).normalized
            let axisV = centre.cross(axisU)
            let plane = vectors.map { ($0.dot(axisU) / $0.dot(centre), $0.dot(axisV) / $0.dot(centre)) }
            let hull = Self.planarHull(plane)
            if hull.count == 2 {
                // The set's order varies from run to run; the northern end first (as in BigQuery's
                // LINESTRING(2 2, ..., 1 1) example) keeps the answer the same every time.
                let ends = [originals[hull[0]], originals[hull[1]]].sorted { ($0.latitude, $0.longitude) > ($1.latitude, $1.longitude) }
                return Geography(lines: [ends])
            }
            // Start at the southernmost vertex (then westernmost), as BigQuery's example does.
            var ring = hull.map { originals[$0] }
            let first = ring.indices.min { (ring[$0].latitude, ring[$0].longitude) < (ring[$1].latitude, ring[$1].longitude) }!
            ring = Array(ring[first...] + ring[..<first])
            return Geography(polygons: [[ring]])
        }
    }

    /// Indices of the hull's corners counter-clockwise (Andrew's monotone chain), points collinear
    /// within the projection's rounding left out; two indices when all points are on one line.
    private static func planarHull(_ points: [(Double, Double)]) -> [Int] {
        let order = points.indices.sorted { points[$0] < points[$1] }
        func turn(_ o: Int, _ a: Int, _ b: Int) -> Double {
            (points[a].0 - points[o].0) * (points[b].1 - points[o].1) - (points[a].1 - points[o].1) * (points[b].0 - points[o].0)
        }
        var lower: [Int] = []
        for index in order {
            while lower.count >= 2, turn(lower[lower.count - 2], lower[lower.count - 1], index) <= 1e-15 { lower.removeLast() }
            lower.append(index)
        }
        var upper: [Int] = []
        for index in order.reversed() {
            while upper.count >= 2, turn(upper[upper.count - 2], upper[upper.count - 1], index) <= 1e-15 { upper.removeLast() }
            upper.append(index)
        }
        let hull = Array(lower.dropLast() + upper.dropLast())
        return hull.count >= 3 ? hull : [order[0], order[order.count - 1]]
    }
}
