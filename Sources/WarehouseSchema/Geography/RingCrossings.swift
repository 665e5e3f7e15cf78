#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds two edges of one closed ring that cross away from their vertices (a bow tie).
///
/// Comparing every pair of edges took seconds for a ring of a few thousand vertices, and a ring is
/// checked each time a query reads one, so the edges are boxed and swept instead: each edge's arc
/// lies within the box of its chord widened by the arc's bulge, and only edges whose boxes overlap
/// are compared. A ring laid out so that most boxes overlap still stops after `maximumComparisons`
/// and is taken as written.
struct RingCrossings {
    struct Crossing: Equatable {
        /// The edges that cross, each named by the index of the vertex it starts from.
        var first: Int
        var second: Int
    }

    static let maximumComparisons = 20_000_000

    private struct Box {
        var low: SphereVector
        var high: SphereVector

        /// An arc of angle θ strays at most 1 − cos(θ / 2) from its chord.
        init(_ start: SphereVector, _ end: SphereVector) {
            let bulge = 1 - cos(0.5 * start.angle(to: end)) + SphericalArc.tolerance
            low = SphereVector(x: min(start.x, end.x) - bulge, y: min(start.y, end.y) - bulge, z: min(start.z, end.z) - bulge)
            high = SphereVector(x: max(start.x, end.x) + bulge, y: max(start.y, end.y) + bulge, z: max(start.z, end.z) + bulge)
        }

        func overlapsInYAndZ(_ other: Box) -> Bool {
            low.y <= other.high.y && other.low.y <= high.y && low.z <= other.high.z && other.low.z <= high.z
        }
    }

    /// The first crossing found, or nil when there is none (or the search was cut short).
    static func first(in ring: [SphereVector]) -> Crossing? {
        let count = ring.count
        guard count >= 4 else { return nil }
        let boxes = ring.indices.map { Box(ring[$0], ring[($0 + 1) % count]) }
        let order = ring.indices.sorted { boxes[$0].low.x < boxes[$1].low.x }
        var comparisons = 0
        for (position, edge) in order.enumerated() {
            for other in order[(position + 1)...] {
                guard boxes[other].low.x <= boxes[edge].high.x else { break }
                guard boxes[edge].overlapsInYAndZ(boxes[other]), !adjacent(edge, other, count) else { continue }
                comparisons += 1
                if comparisons > maximumComparisons { return nil }
                if crosses(ring, edge, other) { return Crossing(first: min(edge, other), second: max(edge, other)) }
            }
        }
        return nil
    }

    /// Neighbouring edges share a vertex and may meet there.
    private static func adjacent(_ edge: Int, _ other: Int, _ count: Int) -> Bool {
        let gap = abs(edge - other)
        return gap == 1 || gap == count - 1
    }

    private static func crosses(_ ring: [SphereVector], _ edge: Int, _ other: Int) -> Bool {
        let ends = [ring[edge], ring[(edge + 1) % ring.count], ring[other], ring[(other + 1) % ring.count]]
        guard let point = SphericalArc.crossing(ends[0], ends[1], ends[2], ends[3]) else { return false }
        return !ends.contains { point.angle(to: $0) <= SphericalArc.tolerance }
    }
}
