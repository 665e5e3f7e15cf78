#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ST_BOUNDINGBOX: the smallest longitude/latitude rectangle around a geography.
extension Geography {
    public struct BoundingBox: Sendable, Hashable {
        /// The western edge, in [-180, 180].
        public var xmin: Double
        public var ymin: Double
        /// The eastern edge; beyond 180 when the box crosses the antimeridian, so xmin < xmax.
        public var xmax: Double
        public var ymax: Double
    }

    /// nil when empty. Latitudes come from the vertices, and from the poleward bulge of any edge
    /// whose highest (or lowest) point lies between its ends; a polygon around a pole reaches it
    /// and spans every longitude. Longitudes are the shortest circular range holding every
    /// vertex and the longitudes each edge sweeps.
    public var boundingBox: BoundingBox? {
        guard !isEmpty else { return nil }
        var latitudes = (min: Double.infinity, max: -Double.infinity)
        var sweeps: [(start: Double, width: Double)] = []
        var fullLongitude = false
        func addPoint(_ point: Point) {
            latitudes = (min(latitudes.min, point.latitude), max(latitudes.max, point.latitude))
            sweeps.append((point.longitude, 0))
        }
        func addEdge(_ start: Point, _ end: Point) {
            let (a, b) = (SphereVector(start), SphereVector(end))
            let normal = a.cross(b)
            if let top = Self.extremeLatitude(a, b, normal: normal, north: true) { latitudes.max = max(latitudes.max, top) }
            if let bottom = Self.extremeLatitude(a, b, normal: normal, north: false) { latitudes.min = min(latitudes.min, bottom) }
            // A vertex at a pole has no longitude of its own; the edge sweeps none there.
            if abs(start.latitude) == 90 || abs(end.latitude) == 90 { return }
            var delta = end.longitude - start.longitude
            if delta > 180 { delta -= 360 }
            if delta < -180 { delta += 360 }
            // Ends half a turn apart: the edge runs along a meridian over a pole.
            if abs(delta) == 180 {
                fullLongitude = true
                return
            }
            sweeps.append(delta >= 0 ? (start.longitude, delta) : (end.longitude, -delta))
        }
        for point in points { addPoint(point) }
        for line in lines {
            for point in line { addPoint(point) }
            for index in 1..<line.count { addEdge(line[index - 1], line[index]) }
        }
        for polygon in polygons {
            for ring in polygon {
                for (index, point) in ring.enumerated() {
                    addPoint(point)
                    addEdge(point, ring[(index + 1) % ring.count])
                }
            }
        }
        if !polygons.isEmpty {
            let shape = SphereShape(self)
            if shape.locateInPolygons(SphereVector(x: 0, y: 0, z: 1)) != .outside {
                latitudes.max = 90
                fullLongitude = true
            }
            if shape.locateInPolygons(SphereVector(x: 0, y: 0, z: -1)) != .outside {
                latitudes.min = -90
                fullLongitude = true
            }
        }
        let longitudes = fullLongitude ? (-180.0, 180.0) : Self.coveringRange(sweeps)
        return BoundingBox(xmin: longitudes.0, ymin: latitudes.min, xmax: longitudes.1, ymax: latitudes.max)
    }

    /// The latitude of the arc's highest (or lowest) point when it lies strictly between its ends;
    /// at the ends the vertices already count.
    private static func extremeLatitude(_ a: SphereVector, _ b: SphereVector, normal: SphereVector, north: Bool) -> Double? {
        let length = normal.length
        guard length > 0 else { return nil }
        let unit = (1 / length) * normal
        let pole = SphereVector(x: 0, y: 0, z: north ? 1 : -1)
        // The point of the great circle nearest the pole: the pole's projection onto its plane.
        let peak = pole - pole.dot(unit) * unit
        guard peak.length > 1e-15 else { return nil }
        let top = peak.normalized
        guard a.angle(to: top) > SphericalArc.tolerance, b.angle(to: top) > SphericalArc.tolerance,
            SphericalArc.contains(projected: top, start: a, end: b, normal: normal)
        else { return nil }
        return top.point.latitude
    }

    /// The shortest range [xmin, xmax] of longitudes covering every sweep: the complement of the
    /// widest gap between them. xmax passes 180 when the range crosses the antimeridian.
    static func coveringRange(_ sweeps: [(start: Double, width: Double)]) -> (Double, Double) {
        let sorted = sweeps.sorted { $0.start < $1.start }
        guard let first = sorted.first else { return (-180, 180) }
        // Merge in order of start, walking once round the circle from the westmost start.
        var merged: [(start: Double, end: Double)] = [(first.start, first.start + first.width)]
        for sweep in sorted.dropFirst() {
            if sweep.start <= merged[merged.count - 1].end {
                merged[merged.count - 1].end = max(merged[merged.count - 1].end, sweep.start + sweep.width)
            } else {
                merged.append((sweep.start, sweep.start + sweep.width))
            }
        }
        // The last run may reach past 180 into the first runs (start 172, width 58 ends at -130):
        // fold those in, so the runs are disjoint all the way round.
        while merged.count > 1, merged[0].start <= merged[merged.count - 1].end - 360 {
            merged[merged.count - 1].end = max(merged[merged.count - 1].end, merged[0].end + 360)
            merged.removeFirst()
        }
        // The gap after the last run wraps round to the first; a run past 360° covers everything.
        var widestGap = (width: merged[0].start + 360 - merged[merged.count - 1].end, after: merged.count - 1)
        guard widestGap.width > 0 else { return (-180, 180) }
        for index in 1..<merged.count {
            let width = merged[index].start - merged[index - 1].end
            // Ties go to the earlier gap, leaving the box unwrapped where it can be.
            if width > widestGap.width { widestGap = (width, index - 1) }
        }
        if widestGap.after == merged.count - 1 { return (merged[0].start, merged[merged.count - 1].end) }
        let start = merged[widestGap.after + 1].start
        return (start, merged[widestGap.after].end + 360)
    }
}
