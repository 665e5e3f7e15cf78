/// ST_LINEINTERPOLATEPOINT, ST_LINELOCATEPOINT and ST_LINESUBSTRING: positions along a linestring
/// as fractions of its great-circle length.
extension Geography {
    /// The linestring's vertices and the angle from its start to each.
    private struct Measured {
        let vertices: [Point]
        let vectors: [SphereVector]
        /// `along[i]`: radians from the start to vertex i.
        let along: [Double]

        init(_ line: [Point]) {
            vertices = line
            vectors = line.map(SphereVector.init)
            var along = [0.0]
            along.reserveCapacity(line.count)
            for index in 1..<max(line.count, 1) { along.append(along[index - 1] + vectors[index - 1].angle(to: vectors[index])) }
            self.along = along
        }

        var total: Double { along[along.count - 1] }

        /// The point at `fraction` of the length and the index of the last vertex before it;
        /// the ends, and any vertex it falls on, keep their coordinates as written.
        func point(at fraction: Double) -> (point: Point, before: Int, isVertex: Bool) {
            if fraction <= 0 { return (vertices[0], 0, true) }
            if fraction >= 1 { return (vertices[vertices.count - 1], vertices.count - 1, true) }
            let target = fraction * total
            var index = 1
            while index < along.count - 1, along[index] < target { index += 1 }
            if along[index] == target { return (vertices[index], index, true) }
            let offset = target - along[index - 1]
            let vector = SphericalArc.point(at: offset, start: vectors[index - 1], end: vectors[index])
            return (vector.point, index - 1, false)
        }
    }

    private static func checkFraction(_ fraction: Double, _ name: String) throws(GeographyError) {
        guard fraction.isFinite, (0...1).contains(fraction) else {
            throw GeographyError("\(name) must be between 0 and 1")
        }
    }

    /// The point `fraction` of the way along a single linestring.
    public static func interpolate(_ line: [Point], fraction: Double) throws(GeographyError) -> Geography {
        try checkFraction(fraction, "the fraction")
        return Geography(points: [Measured(line).point(at: fraction).point])
    }

    /// The fraction of the linestring's length before its point nearest to `point` (the first
    /// such point when several are as near).
    public static func locate(_ point: Point, on line: [Point]) -> Double {
        let measured = Measured(line)
        let target = SphereVector(point)
        var best = (distance: Double.infinity, along: 0.0)
        for index in 1..<line.count {
            let (start, end) = (measured.vectors[index - 1], measured.vectors[index])
            let nearest = SphericalArc.nearestPoint(to: target, start: start, end: end)
            let distance = target.angle(to: nearest)
            if distance < best.distance { best = (distance, measured.along[index - 1] + min(start.angle(to: nearest), start.angle(to: end))) }
        }
        guard measured.total > 0 else { return 0 }
        return min(1, max(0, best.along / measured.total))
    }

    /// The part of the linestring from `start` to `end` (fractions of its length): a linestring,
    /// or a point when the two are equal.
    public static func substring(_ line: [Point], from start: Double, to end: Double) throws(GeographyError) -> Geography {
        try checkFraction(start, "the start fraction")
        try checkFraction(end, "the end fraction")
        guard start <= end else { throw GeographyError("the end fraction must be greater than or equal to the start fraction") }
        let measured = Measured(line)
        let first = measured.point(at: start)
        if start == end { return Geography(points: [first.point]) }
        let last = measured.point(at: end)
        var vertices = [first.point]
        // Whole vertices strictly between the two cut points.
        if first.before + 1 <= last.before {
            vertices += line[(first.before + 1)...last.before]
        }
        if !last.isVertex || vertices.last != last.point { vertices.append(last.point) }
        return Geography(lines: [vertices])
    }
}
