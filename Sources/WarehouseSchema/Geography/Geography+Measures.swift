/// ST_AREA, ST_LENGTH and ST_PERIMETER: exact on the sphere for geodesic edges.
extension Geography {
    /// Square meters covered by the polygons, holes taken out; points and lines have none.
    public var area: Double {
        var steradians = 0.0
        for polygon in polygons {
            guard let exterior = polygon.first else { continue }
            var polygonArea = SphericalRing.area(exterior.map(SphereVector.init))
            for hole in polygon.dropFirst() { polygonArea -= SphericalRing.area(hole.map(SphereVector.init)) }
            steradians += max(polygonArea, 0)
        }
        return steradians * Self.earthRadius * Self.earthRadius
    }

    /// Meters along the lines; polygon rings are perimeter, not length.
    public var length: Double {
        var radians = 0.0
        for line in lines { radians += Self.pathAngle(line, closed: false) }
        return radians * Self.earthRadius
    }

    /// Meters around every ring of every polygon, holes included.
    public var perimeter: Double {
        var radians = 0.0
        for polygon in polygons {
            for ring in polygon { radians += Self.pathAngle(ring, closed: true) }
        }
        return radians * Self.earthRadius
    }

    private static func pathAngle(_ path: [Point], closed: Bool) -> Double {
        guard path.count >= 2 else { return 0 }
        var total = 0.0
        var previous = SphereVector(closed ? path[path.count - 1] : path[0])
        for point in closed ? path[...] : path.dropFirst() {
            let current = SphereVector(point)
            total += previous.angle(to: current)
            previous = current
        }
        return total
    }
}
