#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A vector of 3-space; points of the sphere are unit vectors.
///
/// All the sphere's geometry is done on unit vectors rather than on angles: great circles are
/// planes through the origin, so crossings, sides and distances become dot and cross products,
/// with no trouble at the poles or the antimeridian.
struct SphereVector {
    var x: Double
    var y: Double
    var z: Double

    init(x: Double, y: Double, z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    init(_ point: Geography.Point) {
        let longitude = point.longitude * .pi / 180
        let latitude = point.latitude * .pi / 180
        let cosLatitude = cos(latitude)
        self.init(x: cosLatitude * cos(longitude), y: cosLatitude * sin(longitude), z: sin(latitude))
    }

    /// The longitude and latitude of the vector's direction; the vector need not be unit length.
    var point: Geography.Point {
        let equatorial = (x * x + y * y).squareRoot()
        let latitude = atan2(z, equatorial) * 180 / .pi
        // At a pole every longitude is the same place, and rounding would pick one at random;
        // 0 is the conventional one.
        let longitude = equatorial <= 1e-15 * abs(z) ? 0 : atan2(y, x) * 180 / .pi
        return Geography.Point(longitude: longitude + 0, latitude: latitude + 0)
    }

    static func + (lhs: SphereVector, rhs: SphereVector) -> SphereVector {
        SphereVector(x: lhs.x + rhs.x, y: lhs.y + rhs.y, z: lhs.z + rhs.z)
    }

    static func - (lhs: SphereVector, rhs: SphereVector) -> SphereVector {
        SphereVector(x: lhs.x - rhs.x, y: lhs.y - rhs.y, z: lhs.z - rhs.z)
    }

    static func * (scale: Double, vector: SphereVector) -> SphereVector {
        SphereVector(x: scale * vector.x, y: scale * vector.y, z: scale * vector.z)
    }

    static prefix func - (vector: SphereVector) -> SphereVector {
        SphereVector(x: -vector.x, y: -vector.y, z: -vector.z)
    }

    func dot(_ other: SphereVector) -> Double { x * other.x + y * other.y + z * other.z }

    func cross(_ other: SphereVector) -> SphereVector {
        SphereVector(x: y * other.z - z * other.y, y: z * other.x - x * other.z, z: x * other.y - y * other.x)
    }

    var length: Double { dot(self).squareRoot() }

    /// The unit vector of the same direction; the zero vector stays zero, and callers that can
    /// meet one (antipodal or repeated points) check `length` first.
    var normalized: SphereVector {
        let length = length
        return length > 0 ? (1 / length) * self : self
    }

    /// The angle between two directions, in radians. atan2 of the cross and dot products keeps
    /// full precision for both tiny and nearly antipodal separations, where acos and asin lose it.
    func angle(to other: SphereVector) -> Double { atan2(cross(other).length, dot(other)) }
}
