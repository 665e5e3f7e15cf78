#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ST_SNAPTOGRID: every vertex rounded to a grid of 10^n degrees.
extension Geography {
    /// The grid exponent n for a requested size: the nearest power of ten, kept within
    /// -10 < n < 0 as BigQuery rounds it. A size that is not a positive finite number is an error.
    public static func gridExponent(_ size: Double) throws(GeographyError) -> Int {
        guard size.isFinite, size > 0 else { throw GeographyError("the grid size must be a positive finite number") }
        return min(-1, max(-9, Int(log10(size).rounded())))
    }

    /// The vertices rounded to the grid, as WKT text for the reader to normalise: vertices that
    /// meet become one, a linestring that shrinks to one point becomes that point, and a ring that
    /// shrinks below three vertices becomes the linestring or point it now is.
    public func snappedWKT(exponent: Int) -> String {
        var scale = 1.0
        for _ in 0..<(-exponent) { scale *= 10 }
        func snap(_ point: Point) -> Point {
            Point(longitude: (point.longitude * scale).rounded() / scale + 0, latitude: (point.latitude * scale).rounded() / scale + 0)
        }
        var result = Geography(points: points.map(snap), lines: lines.map { $0.map(snap) })
        for polygon in polygons {
            let rings = polygon.map { ring in Self.withoutRepeats(ring.map(snap)) }
            guard let exterior = rings.first, exterior.count >= 3 else {
                // The exterior collapsed: what is left of it is a line or a point.
                if let exterior = rings.first { result.lines.append(exterior.count == 1 ? exterior + exterior : exterior) }
                continue
            }
            result.polygons.append([exterior] + rings.dropFirst().filter { $0.count >= 3 })
        }
        return result.wkt
    }

    /// Consecutive repeats (the closing vertex included) left out.
    private static func withoutRepeats(_ ring: [Point]) -> [Point] {
        var kept: [Point] = []
        for point in ring where point != kept.last { kept.append(point) }
        while kept.count > 1, kept.first == kept.last { kept.removeLast() }
        return kept
    }
}
