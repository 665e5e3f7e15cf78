#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Questions about minor great-circle arcs (geodesic edges), the only edges a GEOGRAPHY has.
enum SphericalArc {
    /// Points this close, in radians, to a vertex or an edge are taken to lie on it. About 6 µm on
    /// the Earth: far finer than any coordinate anyone writes, but coarser than the rounding of the
    /// trigonometry, so a vertex shared by two shapes or a point on a shared edge still touches.
    static let tolerance = 1e-12

    /// Whether `point`, a point of the arc's great circle (or its projection onto it; any length),
    /// lies between the arc's ends. `normal` is `start × end`, of any positive length.
    static func contains(projected point: SphereVector, start: SphereVector, end: SphereVector, normal: SphereVector) -> Bool {
        start.cross(point).dot(normal) >= 0 && point.cross(end).dot(normal) >= 0
    }

    /// The angle from `point` to the nearest point of the arc from `start` to `end`.
    static func distance(from point: SphereVector, start: SphereVector, end: SphereVector) -> Double {
        let normal = start.cross(end)
        let normalLength = normal.length
        let nearerEnd = min(point.angle(to: start), point.angle(to: end))
        guard normalLength > 0 else { return nearerEnd }
        let unitNormal = (1 / normalLength) * normal
        let height = point.dot(unitNormal)
        // The foot of the perpendicular to the great circle; if it falls on the arc the
        // cross-track angle is the distance, otherwise the nearer end is.
        let foot = point - height * unitNormal
        let footLength = foot.length
        guard footLength > 0, contains(projected: foot, start: start, end: end, normal: normal) else { return nearerEnd }
        return atan2(abs(height), footLength)
    }

    /// Whether `point` is within `tolerance` of the arc; first a cheap test against its great
    /// circle, since most edges of a large ring are nowhere near.
    static func touches(_ point: SphereVector, start: SphereVector, end: SphereVector) -> Bool {
        let normal = start.cross(end)
        let height = point.dot(normal)
        if height * height > tolerance * tolerance * normal.dot(normal) { return false }
        return distance(from: point, start: start, end: end) <= tolerance
    }

    /// The single point where two arcs cross, or nil when they do not cross or lie on the same
    /// great circle (touching and overlapping arcs are found through `touches` on their ends).
    static func crossing(_ a0: SphereVector, _ a1: SphereVector, _ b0: SphereVector, _ b1: SphereVector) -> SphereVector? {
        let normalA = a0.cross(a1).normalized
        let normalB = b0.cross(b1).normalized
        let direction = normalA.cross(normalB)
        // The two great circles meet at ±direction; parallel planes mean one circle.
        guard direction.length > 1e-15 else { return nil }
        let candidate = direction.normalized
        // The circles meet at two antipodal points; at most one can be on both minor arcs.
        if contains(projected: candidate, start: a0, end: a1, normal: normalA),
            contains(projected: candidate, start: b0, end: b1, normal: normalB)
        {
            return candidate
        }
        let opposite = -candidate
        if contains(projected: opposite, start: a0, end: a1, normal: normalA),
            contains(projected: opposite, start: b0, end: b1, normal: normalB)
        {
            return opposite
        }
        return nil
    }

    /// Whether two arcs share at least one point.
    static func intersects(_ a0: SphereVector, _ a1: SphereVector, _ b0: SphereVector, _ b1: SphereVector) -> Bool {
        touches(a0, start: b0, end: b1) || touches(a1, start: b0, end: b1) || touches(b0, start: a0, end: a1)
            || touches(b1, start: a0, end: a1) || crossing(a0, a1, b0, b1) != nil
    }

    /// The shortest angle between two arcs that do not intersect: it is always reached at an end
    /// of one of them.
    static func distance(_ a0: SphereVector, _ a1: SphereVector, _ b0: SphereVector, _ b1: SphereVector) -> Double {
        min(
            distance(from: a0, start: b0, end: b1), distance(from: a1, start: b0, end: b1),
            distance(from: b0, start: a0, end: a1), distance(from: b1, start: a0, end: a1))
    }

    /// The point `angle` radians from `start` along the arc towards `end`.
    static func point(at angle: Double, start: SphereVector, end: SphereVector) -> SphereVector {
        let towardEnd = start.cross(end).normalized.cross(start)
        return cos(angle) * start + sin(angle) * towardEnd
    }
}
