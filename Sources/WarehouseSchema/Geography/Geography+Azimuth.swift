#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ST_AZIMUTH and ST_ANGLE: directions on the sphere, in radians clockwise from north.
extension Geography {
    /// The initial bearing of the geodesic from `start` to `end`, in [0, 2π); nil when the two are
    /// the same point or antipodal, where no single geodesic leaves `start` towards `end`.
    public static func azimuth(from start: Point, to end: Point) -> Double? {
        let (a, b) = (SphereVector(start), SphereVector(end))
        guard start != end, a.cross(b).length > 1e-15 || a.dot(b) > 0 else { return nil }
        // Bearing from the local north and east directions at `start`, which are well defined
        // from the coordinates even at a pole (where longitude picks the meridian).
        let (lambda1, phi1) = (start.longitude * .pi / 180, start.latitude * .pi / 180)
        let (lambda2, phi2) = (end.longitude * .pi / 180, end.latitude * .pi / 180)
        let deltaLambda = lambda2 - lambda1
        let east = sin(deltaLambda) * cos(phi2)
        let north = cos(phi1) * sin(phi2) - sin(phi1) * cos(phi2) * cos(deltaLambda)
        guard east != 0 || north != 0 else { return nil }
        let bearing = atan2(east, north)
        return bearing < 0 ? bearing + 2 * .pi : bearing
    }

    /// The angle at `vertex` turning clockwise from the geodesic towards `first` to the geodesic
    /// towards `third`, in [0, 2π); nil when either direction is undefined.
    public static func angle(_ first: Point, _ vertex: Point, _ third: Point) -> Double? {
        guard let towardFirst = azimuth(from: vertex, to: first), let towardThird = azimuth(from: vertex, to: third) else { return nil }
        var turn = towardThird - towardFirst
        if turn < 0 { turn += 2 * .pi }
        return turn >= 2 * .pi ? 0 : turn
    }
}
