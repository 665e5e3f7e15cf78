#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ST_INTERSECTSBOX: whether a geography meets a longitude/latitude rectangle, whose sides are
/// meridians (geodesics) and parallels (which are not).
extension Geography {
    /// `west`...`east` may cross the antimeridian (west > east, or east beyond 180).
    public func intersectsBox(west: Double, south: Double, east: Double, north: Double) throws(GeographyError) -> Bool {
        let box = try LatLngBox(west: west, south: south, east: east, north: north)
        guard !isEmpty, south <= north else { return false }
        for point in allVertices where box.contains(point) { return true }
        let shape = SphereShape(self)
        let crossesSide = shape.anyEdge { start, end in box.isCrossed(by: start, end) }
        if crossesSide { return true }
        // A box wholly inside a polygon meets no edge and holds no vertex: test one of its points.
        return !polygons.isEmpty && shape.locateInPolygons(SphereVector(box.centre)) != .outside
    }
}

private struct LatLngBox {
    let west: Double
    /// Degrees east of `west` the box spans, in [0, 360].
    let width: Double
    let south: Double
    let north: Double

    /// Latitudes in [-90, 90]; longitudes both in [-180, 180], or one of them there and
    /// east − west in [0, 360], as BigQuery requires.
    init(west: Double, south: Double, east: Double, north: Double) throws(GeographyError) {
        guard [west, south, east, north].allSatisfy(\.isFinite) else { throw GeographyError("the box's bounds must be finite numbers") }
        guard (-90...90).contains(south), (-90...90).contains(north) else {
            throw GeographyError("the box's latitudes must be between -90 and 90 degrees")
        }
        let bothInRange = (-180...180).contains(west) && (-180...180).contains(east)
        let oneInRange = (-180...180).contains(west) || (-180...180).contains(east)
        guard bothInRange || (oneInRange && (0...360).contains(east - west)) else {
            throw GeographyError("the box's longitudes must be between -180 and 180 degrees, or one of them so and east - west between 0 and 360")
        }
        self.west = west
        width = east >= west ? east - west : east - west + 360
        self.south = south
        self.north = north
    }

    var centre: Geography.Point {
        var longitude = west + width / 2
        if longitude > 180 { longitude -= 360 }
        return Geography.Point(longitude: longitude, latitude: (south + north) / 2)
    }

    func containsLongitude(_ longitude: Double) -> Bool {
        var offset = (longitude - west).truncatingRemainder(dividingBy: 360)
        if offset < 0 { offset += 360 }
        return offset <= width || width >= 360
    }

    func contains(_ point: Geography.Point) -> Bool {
        guard south <= point.latitude, point.latitude <= north else { return false }
        // Every longitude is the same place at a pole.
        return abs(point.latitude) == 90 || containsLongitude(point.longitude)
    }

    /// Whether the arc crosses or touches one of the box's four sides.
    func isCrossed(by start: SphereVector, _ end: SphereVector) -> Bool {
        // The meridian sides, each cut in two so that no piece spans half a great circle.
        let middle = (south + north) / 2
        for longitude in [west, west + width] {
            for (low, high) in [(south, middle), (middle, north)] where high > low {
                let a = SphereVector(Geography.Point(longitude: longitude, latitude: low))
                let b = SphereVector(Geography.Point(longitude: longitude, latitude: high))
                if SphericalArc.intersects(start, end, a, b) { return true }
            }
        }
        // The parallel sides: where the arc's great circle meets each circle of latitude.
        for latitude in [south, north] {
            for point in Self.meetings(start, end, latitude: latitude) {
                let location = point.point
                if containsLongitude(location.longitude) { return true }
            }
        }
        return false
    }

    /// The points of the arc on the circle of `latitude`: solutions of n·p = 0 with p.z = sin φ.
    private static func meetings(_ start: SphereVector, _ end: SphereVector, latitude: Double) -> [SphereVector] {
        let normal = start.cross(end)
        let length = normal.length
        guard length > 0 else { return [] }
        let n = (1 / length) * normal
        let height = sin(latitude * .pi / 180)
        let radius = cos(latitude * .pi / 180)
        let planar = (n.x * n.x + n.y * n.y).squareRoot()
        // A great circle along the equator meets no other parallel, and lies on the equator,
        // where the meridian sides already catch it.
        guard planar > 1e-15, radius > 0 else { return [] }
        // n.x·x + n.y·y = −n.z·h with (x, y) = r(cos θ, sin θ): cos(θ − θ₀) = −n.z·h / (r·planar).
        let cosine = -n.z * height / (radius * planar)
        guard abs(cosine) <= 1 else { return [] }
        let base = atan2(n.y, n.x)
        let spread = acos(cosine)
        var found: [SphereVector] = []
        for angle in [base + spread, base - spread] {
            let point = SphereVector(x: radius * cos(angle), y: radius * sin(angle), z: height)
            if SphericalArc.contains(projected: point, start: start, end: end, normal: normal) { found.append(point) }
        }
        return found
    }
}
