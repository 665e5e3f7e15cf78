/// The running states of ST_CENTROID_AGG, ST_EXTENT and ST_UNION_AGG (and ST_UNION, which is the
/// same union over two values or an array). Each takes one geography at a time and keeps only
/// what its answer needs, so an aggregate's memory follows what it must remember, not the input.
extension Geography {
    /// ST_CENTROID_AGG: only the inputs of the highest dimension seen count, each weighing its
    /// point count, length or area; so one weighted sum is kept per dimension.
    public struct CentroidAccumulator: Sendable {
        private var sums = [SphereVector](repeating: SphereVector(x: 0, y: 0, z: 0), count: 3)
        private var highest = -1
        private var sawInput = false

        public init() {}

        public mutating func add(_ geography: Geography) {
            sawInput = true
            guard let (dimension, sum) = geography.centroidWeights else { return }
            sums[dimension] = sums[dimension] + sum
            highest = max(highest, dimension)
        }

        /// nil when no geography was added (every input NULL, or no rows); an empty geography when
        /// only empty ones were, or when the weights cancel out (antipodal points), as ST_CENTROID.
        public var centroid: Geography? {
            guard sawInput else { return nil }
            guard highest >= 0, sums[highest].length > 1e-15 else { return Geography() }
            return Geography(points: [sums[highest].point])
        }
    }

    /// ST_EXTENT: the latitude range of every input's box, and the longitude runs the boxes
    /// cover, which `coveringRange` turns into the shortest range around the circle.
    public struct ExtentAccumulator: Sendable {
        private var sweeps: [(start: Double, width: Double)] = []
        private var latitudes = (min: Double.infinity, max: -Double.infinity)

        /// Past this many stored runs the overlapping ones are merged, so a long input of boxes
        /// that overlap keeps a short list.
        private static let compactionThreshold = 65_536
        private var compactAt = compactionThreshold

        public init() {}

        public mutating func add(_ geography: Geography) {
            guard let box = geography.boundingBox else { return }
            latitudes = (min(latitudes.min, box.ymin), max(latitudes.max, box.ymax))
            sweeps.append((box.xmin, box.xmax - box.xmin))
            if sweeps.count >= compactAt {
                sweeps = Self.merged(sweeps)
                compactAt = max(Self.compactionThreshold, 2 * sweeps.count)
            }
        }

        /// nil when every input was NULL or empty. A box of 180° of longitude or more is the
        /// whole circle, as the reference defines ST_EXTENT.
        public var extent: BoundingBox? {
            guard !sweeps.isEmpty else { return nil }
            var (xmin, xmax) = Geography.coveringRange(sweeps)
            if xmax - xmin >= 180 { (xmin, xmax) = (-180, 180) }
            return BoundingBox(xmin: xmin, ymin: latitudes.min, xmax: xmax, ymax: latitudes.max)
        }

        /// Runs sorted by start with overlapping ones joined; what stays is the same set of
        /// longitudes, so `coveringRange` answers as it would for the original list.
        private static func merged(_ sweeps: [(start: Double, width: Double)]) -> [(start: Double, width: Double)] {
            var runs: [(start: Double, end: Double)] = []
            for sweep in sweeps.sorted(by: { $0.start < $1.start }) {
                if let last = runs.last, sweep.start <= last.end {
                    runs[runs.count - 1].end = max(last.end, sweep.start + sweep.width)
                } else {
                    runs.append((sweep.start, sweep.start + sweep.width))
                }
            }
            return runs.map { ($0.start, $0.end - $0.start) }
        }
    }

    /// ST_UNION and ST_UNION_AGG over points: each distinct point once, in the order first seen,
    /// as the WKT reader keeps a MULTIPOINT's points.
    ///
    /// A union with lines or polygons is refused: BigQuery rebuilds them (joining lines that meet
    /// at their ends, reversing one, and restarting rings), and the exact shape of that output
    /// is not known well enough here to reproduce it.
    public struct PointUnionAccumulator: Sendable {
        private var seen: Set<Point> = []
        private var points: [Point] = []
        /// Whether any line or polygon was added; `union` is then nil.
        public private(set) var hasLinesOrPolygons = false
        public private(set) var sawInput = false

        public init() {}

        public mutating func add(_ geography: Geography) {
            sawInput = true
            if !geography.lines.isEmpty || !geography.polygons.isEmpty { hasLinesOrPolygons = true }
            for point in geography.points where seen.insert(point).inserted { points.append(point) }
        }

        /// The union of points; nil once a line or polygon was added.
        public var union: Geography? { hasLinesOrPolygons ? nil : Geography(points: points) }
    }
}
