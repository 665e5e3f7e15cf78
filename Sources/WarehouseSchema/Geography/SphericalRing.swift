#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a point lies with respect to a ring, a polygon or a set of polygons.
enum PointLocation {
    case outside
    case boundary
    case inside
}

/// A polygon ring (no repeated closing vertex) made ready for many point-in-ring questions.
///
/// A ring bounds two regions of the sphere; as in BigQuery's default, the ring's region is the
/// smaller one. Inside-ness is decided exactly for geodesic edges by a gnomonic projection centred
/// on the ring: it maps great circles to straight lines, so an even-odd test in the plane is exact.
/// It is only defined on the hemisphere around its centre, which a ring smaller than a hemisphere
/// fits in.
struct SphericalRing {
    let vertices: [SphereVector]
    private let centre: SphereVector
    private let axisU: SphereVector
    private let axisV: SphereVector
    private let planeX: [Double]
    private let planeY: [Double]

    init(_ ring: [Geography.Point]) {
        self.init(vertices: ring.map(SphereVector.init))
    }

    init(vertices: [SphereVector]) {
        self.vertices = vertices
        var sum = SphereVector(x: 0, y: 0, z: 0)
        for vertex in vertices { sum = sum + vertex }
        let centre = sum.length > 1e-12 ? sum.normalized : (vertices.first ?? SphereVector(x: 0, y: 0, z: 1))
        // Any axis not close to the centre gives a basis of the tangent plane.
        let reference = abs(centre.x) < 0.6 ? SphereVector(x: 1, y: 0, z: 0) : SphereVector(x: 0, y: 1, z: 0)
        let axisU = centre.cross(reference).normalized
        let axisV = centre.cross(axisU)
        self.centre = centre
        self.axisU = axisU
        self.axisV = axisV
        var planeX: [Double] = []
        var planeY: [Double] = []
        planeX.reserveCapacity(vertices.count)
        planeY.reserveCapacity(vertices.count)
        for vertex in vertices {
            // A vertex on or beyond the horizon cannot be projected; clamping keeps the numbers
            // finite for rings that break the smaller-than-a-hemisphere assumption.
            let height = max(vertex.dot(centre), 1e-12)
            planeX.append(vertex.dot(axisU) / height)
            planeY.append(vertex.dot(axisV) / height)
        }
        self.planeX = planeX
        self.planeY = planeY
    }

    func locate(_ point: SphereVector) -> PointLocation {
        if isOnBoundary(point) { return .boundary }
        let height = point.dot(centre)
        // The far hemisphere is outside any ring smaller than a hemisphere.
        guard height > 0 else { return .outside }
        let x = point.dot(axisU) / height
        let y = point.dot(axisV) / height
        var inside = false
        var previous = vertices.count - 1
        for current in 0..<vertices.count {
            let (x0, y0, x1, y1) = (planeX[previous], planeY[previous], planeX[current], planeY[current])
            if (y0 > y) != (y1 > y), x < x0 + (y - y0) * (x1 - x0) / (y1 - y0) { inside.toggle() }
            previous = current
        }
        return inside ? .inside : .outside
    }

    func isOnBoundary(_ point: SphereVector) -> Bool {
        var previous = vertices.count - 1
        for current in 0..<vertices.count {
            if SphericalArc.touches(point, start: vertices[previous], end: vertices[current]) { return true }
            previous = current
        }
        return false
    }

    /// The area, in steradians, of the region to the left of the ring walked in order, modulo 4π:
    /// a fan of spherical triangles from the first vertex, each triangle's signed excess being
    /// 2·atan2(a·(b×c), 1 + a·b + b·c + c·a).
    static func signedArea(_ vertices: [SphereVector]) -> Double {
        guard vertices.count >= 3 else { return 0 }
        var total = 0.0
        for index in 1..<(vertices.count - 1) {
            total += triangleExcess(vertices[0], vertices[index], vertices[index + 1])
        }
        return total
    }

    static func triangleExcess(_ a: SphereVector, _ b: SphereVector, _ c: SphereVector) -> Double {
        2 * atan2(a.dot(b.cross(c)), 1 + a.dot(b) + b.dot(c) + c.dot(a))
    }

    /// The left region's area folded into [0, 4π).
    static func leftArea(_ vertices: [SphereVector]) -> Double {
        let signed = signedArea(vertices)
        let folded = signed - 4 * .pi * (signed / (4 * .pi)).rounded(.down)
        return folded < 4 * .pi ? folded : 0
    }

    /// The area of the smaller region the ring bounds, in steradians.
    static func area(_ vertices: [SphereVector]) -> Double {
        let left = leftArea(vertices)
        return min(left, 4 * .pi - left)
    }

    /// Whether walking the ring in order keeps its (smaller) region on the left.
    static func isCounterClockwise(_ vertices: [SphereVector]) -> Bool { leftArea(vertices) <= 2 * .pi }
}
